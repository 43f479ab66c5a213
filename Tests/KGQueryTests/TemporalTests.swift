import KGCore
import Testing
@testable import KGQuery

/// Temporal values: constructors, text forms, fields, arithmetic, ordering, equality and errors.
@Suite struct TemporalTests {
    /// The single value of `RETURN <expr>` in kgq's JSON form.
    func value(_ expr: String) throws -> String {
        var session = QuerySession(graph: Graph())
        let r = try session.run("RETURN " + expr + " AS v")
        return ResultJSON.value(r.rows[0][0], graph: Graph())
    }

    @Test(arguments: [
        // constructors from maps, with the TCK's text forms
        ("localtime({hour: 10, minute: 35})", "\"10:35\""),
        ("localtime({hour: 12, minute: 31, second: 14, nanosecond: 645876123})", "\"12:31:14.645876123\""),
        ("localtime({hour: 12, minute: 0, second: 0, millisecond: 100})", "\"12:00:00.100\""),
        ("time({hour: 12, minute: 35, second: 15, timezone: '+05:00'})", "\"12:35:15+05:00\""),
        ("time({hour: 10, minute: 35, timezone: '-08:00'})", "\"10:35-08:00\""),
        ("time({hour: 10})", "\"10:00Z\""),
        ("localdatetime({year: 1, month: 1, day: 1, hour: 1, minute: 1, second: 1, nanosecond: 1})",
         "\"0001-01-01T01:01:01.000000001\""),
        ("localdatetime({year: 1984, month: 10, day: 11, hour: 12, minute: 30, second: 14, nanosecond: 12})",
         "\"1984-10-11T12:30:14.000000012\""),
        ("datetime({year: 1, month: 1, day: 1, hour: 1, minute: 1, second: 1, nanosecond: 1, timezone: '-11:59'})",
         "\"0001-01-01T01:01:01.000000001-11:59\""),
        ("datetime({year: 2015, month: 7, day: 21})", "\"2015-07-21T00:00Z\""),
        ("date({year: 1910, month: 5, day: 6})", "\"1910-05-06\""),
        ("date({year: 2016, month: 5})", "\"2016-05\""),
        ("duration({months: 1, days: 2})", "\"P1M2D\""),
        ("duration({minutes: 6})", "\"PT6M\""),
        ("duration({days: 4, minutes: 6})", "\"P4DT6M\""),
        ("duration({years: 2, months: 3, hours: 25})", "\"P2Y3MT25H\""),
        ("duration({seconds: -0.5})", "\"PT-0.5S\""),
        ("duration({days: 1.5})", "\"P1DT12H\""),
        ("duration({})", "\"PT0S\""),
        // from ISO strings
        ("time('12:31:14+01:00')", "\"12:31:14+01:00\""),
        ("time('1231')", "\"12:31Z\""),
        ("localtime('12:31:14.5')", "\"12:31:14.500\""),
        ("datetime('2015-07-21T21:40:32.142+01:00')", "\"2015-07-21T21:40:32.142+01:00\""),
        ("datetime('2015-07-21T21:40:32')", "\"2015-07-21T21:40:32Z\""),
        ("localdatetime('2015-07-21T21:40')", "\"2015-07-21T21:40\""),
        ("duration('P1M2DT6M')", "\"P1M2DT6M\""),
        ("duration('P14M')", "\"P1Y2M\""),
        ("duration('PT1.5S')", "\"PT1.5S\""),
        ("duration('P2W')", "\"P14D\""),
        ("date('2015-07-21')", "\"2015-07-21\""),
        // from other temporal values
        ("localtime(time('12:00+01:00'))", "\"12:00\""),
        ("date(datetime('2015-07-21T21:40:32+01:00'))", "\"2015-07-21\""),
        ("datetime(localdatetime('2015-07-21T21:40'))", "\"2015-07-21T21:40Z\""),
        ("datetime({date: date('2015-07-21'), time: localtime('10:00')})", "\"2015-07-21T10:00Z\""),
        ("time({time: time('12:00+01:00'), timezone: '+02:00'})", "\"13:00+02:00\""),
        ("null + duration({days: 1})", "null"),
        ("time(null)", "null"),
    ])
    func constructsAndWrites(_ expr: String, _ expected: String) throws {
        #expect(try value(expr) == expected)
    }

    @Test(arguments: [
        ("time('12:31:14.645876123+01:00').hour", "12"),
        ("time('12:31:14.645876123+01:00').nanosecond", "645876123"),
        ("time('12:31:14.645876123+01:00').millisecond", "645"),
        ("time('12:31:14+01:00').offset", "\"+01:00\""),
        ("time('12:31:14+01:00').offsetMinutes", "60"),
        ("datetime('2015-07-21T21:40:32Z').timezone", "\"Z\""),
        ("datetime('2015-07-21T21:40:32-05:00').year", "2015"),
        ("datetime('2015-07-21T21:40:32-05:00').day", "21"),
        ("datetime('2015-07-21T21:40:32-05:00').dayOfWeek", "2"),
        ("datetime('1970-01-01T01:00:00+01:00').epochSeconds", "0"),
        ("localdatetime('2015-07-21T21:40:32').minute", "40"),
        ("localdatetime('2015-07-21T21:40:32').second", "32"),
        ("duration('P1Y2M3DT4H5M6S').months", "14"),
        ("duration('P1Y2M3DT4H5M6S').years", "1"),
        ("duration('P1Y2M3DT4H5M6S').days", "3"),
        ("duration('P1Y2M3DT4H5M6S').hours", "4"),
        ("duration('P1Y2M3DT4H5M6S').minutes", "245"),
        ("duration('P1Y2M3DT4H5M6S').seconds", "14706"),
        ("duration('P1Y2M3DT4H5M6S').minutesOfHour", "5"),
        ("date('2015-07-21').dayOfWeek", "2"),
        ("date('2015-07-21').ordinalDay", "202"),
        ("date('2015-07').quarter", "3"),
        ("date('2015-07').dayOfWeek", "null"),
    ])
    func fields(_ expr: String, _ expected: String) throws {
        #expect(try value(expr) == expected)
    }

    @Test(arguments: [
        // months first, keeping the day unless the month is shorter (as Neo4j does)
        ("date('2020-01-31') + duration({months: 1})", "\"2020-02-29\""),
        ("date('2021-01-31') + duration({months: 1})", "\"2021-02-28\""),
        ("date('2020-03-31') - duration({months: 1})", "\"2020-02-29\""),
        ("date('2020-01-31') + duration({months: 1, days: 1})", "\"2020-03-01\""),
        ("date('2019-12-31') + duration({days: 1})", "\"2020-01-01\""),
        ("duration({months: 1}) + date('2020-01-31')", "\"2020-02-29\""),
        ("localdatetime('2020-01-31T23:00') + duration({months: 1, hours: 2})", "\"2020-03-01T01:00\""),
        ("datetime('2020-12-31T23:59:59.5+01:00') + duration({seconds: 0.5})", "\"2021-01-01T00:00+01:00\""),
        ("datetime('2020-01-01T00:00Z') - duration({nanoseconds: 1})", "\"2019-12-31T23:59:59.999999999Z\""),
        ("localtime('23:59') + duration({minutes: 6})", "\"00:05\""),
        ("time('00:01+01:00') - duration({minutes: 2})", "\"23:59+01:00\""),
        ("localtime('10:00') + duration({days: 3, hours: 1})", "\"11:00\""),
        ("duration({hours: 1}) - duration({minutes: 90})", "\"PT-30M\""),
        ("duration({months: 1, days: 2}) + duration({days: 3, seconds: 4})", "\"P1M5DT4S\""),
        ("duration({days: 1, hours: 1}) * 3", "\"P3DT3H\""),
        ("2 * duration({minutes: 6})", "\"PT12M\""),
        ("duration({days: 1}) * 1.5", "\"P1DT12H\""),
        ("duration({months: 1}) / 2", "\"P15DT5H14M33S\""),
    ])
    func arithmetic(_ expr: String, _ expected: String) throws {
        #expect(try value(expr) == expected)
    }

    @Test(arguments: [
        ("duration.between(date('1984-10-11'), date('2015-06-24'))", "\"P30Y8M13D\""),
        ("duration.between(localdatetime('2015-07-21T21:40:32'), localdatetime('2016-07-21T21:40:31'))",
         "\"P11M29DT23H59M59S\""),
        ("duration.between(datetime('2020-01-01T00:00+01:00'), datetime('2020-01-01T00:00Z'))", "\"PT1H\""),
        ("duration.between(localtime('12:00'), localtime('10:30'))", "\"PT-1H-30M\""),
        ("duration.between(date('2020-03-01'), date('2020-01-31'))", "\"P-1M-1D\""),
        ("duration.inMonths(date('2020-01-31'), date('2020-02-29'))", "\"PT0S\""),
        ("duration.inMonths(date('2020-01-31'), date('2020-03-31'))", "\"P2M\""),
        ("duration.inDays(date('2020-01-01'), date('2020-03-01'))", "\"P60D\""),
        ("duration.inSeconds(datetime('2020-01-01T00:00Z'), datetime('2020-01-02T00:00:00.5Z'))", "\"PT24H0.5S\""),
        ("date('2020-01-31') + duration.between(date('2020-01-31'), date('2020-03-01'))", "\"2020-03-01\""),
        ("duration.between(null, date('2020-01-01'))", "null"),
    ])
    func between(_ expr: String, _ expected: String) throws {
        #expect(try value(expr) == expected)
    }

    @Test(arguments: [
        // times with offsets compare by their UTC instant
        ("time('12:00+01:00') < time('11:30Z')", "true"),
        ("time('12:35:15+05:00') < time('10:35-08:00')", "true"),
        ("datetime('1984-10-11T12:31:14+00:17') < datetime('1984-10-11T12:30:14+00:15')", "true"),
        ("localtime('10:00') < localtime('10:00:00.000000001')", "true"),
        ("localdatetime('2015-07-21T21:40') > localdatetime('2015-07-21T21:39:59')", "true"),
        // equality keeps the offset; hashing agrees (DISTINCT)
        ("time('12:00+01:00') = time('12:00+01:00')", "true"),
        ("time('12:00+01:00') = time('11:00Z')", "false"),
        ("duration({days: 1}) = duration({hours: 24})", "false"),
        ("duration('P1D') = duration({days: 1})", "true"),
        // different kinds are not comparable; durations have no order for '<'
        ("localtime('10:00') < time('11:00Z')", "null"),
        ("date('2020-01-01') < datetime('2020-01-02')", "null"),
        ("duration({days: 1}) < duration({days: 2})", "null"),
        ("date('2020-01-01') = datetime('2020-01-01')", "false"),
    ])
    func comparison(_ expr: String, _ expected: String) throws {
        #expect(try value(expr) == expected)
    }

    @Test func distinctAndGroupingUseEquality() throws {
        var session = QuerySession(graph: Graph())
        let r = try session.run("""
            UNWIND [time('12:00+01:00'), time('12:00+01:00'), time('11:00Z'), duration('P1D'), duration({days: 1})] AS t
            RETURN count(DISTINCT t) AS n
            """)
        #expect(r.rows == [[.int(3)]])
    }

    @Test func orderByPutsEachKindInItsOwnGroup() throws {
        var session = QuerySession(graph: Graph())
        let r = try session.run("""
            UNWIND [duration('PT1S'), 'text', localtime('10:00'), time('10:00Z'), date('2020-01-01'),
                    localdatetime('2020-01-01T10:00'), datetime('2020-01-01T10:00Z'), 1, time('09:00-05:00'),
                    time('12:00+01:00')] AS v
            RETURN v ORDER BY v
            """)
        let shown = r.rows.map { ResultJSON.value($0[0], graph: Graph()) }
        #expect(shown == ["\"2020-01-01T10:00Z\"", "\"2020-01-01T10:00\"", "\"2020-01-01\"",
                          "\"10:00Z\"", "\"12:00+01:00\"", "\"09:00-05:00\"",
                          "\"10:00\"", "\"PT1S\"", "\"text\"", "1"])
        // the TCK's times: by instant, not by local text
        let t = try session.run("""
            UNWIND [time({hour: 10, minute: 35, timezone: '-08:00'}),
                    time({hour: 12, minute: 31, second: 14, nanosecond: 645876123, timezone: '+01:00'}),
                    time({hour: 12, minute: 35, second: 15, timezone: '+05:00'}),
                    time({hour: 12, minute: 30, second: 14, nanosecond: 645876123, timezone: '+01:01'})] AS t
            RETURN t ORDER BY t DESC
            """)
        #expect(t.rows.map { ResultJSON.value($0[0], graph: Graph()) } ==
                ["\"10:35-08:00\"", "\"12:31:14.645876123+01:00\"", "\"12:30:14.645876123+01:01\"", "\"12:35:15+05:00\""])
        // durations sort by their approximate length
        let d = try session.run("UNWIND [duration('P1M'), duration('P29D'), duration('PT1H'), duration('P1Y')] AS d RETURN d ORDER BY d")
        #expect(d.rows.map { ResultJSON.value($0[0], graph: Graph()) } == ["\"PT1H\"", "\"P29D\"", "\"P1M\"", "\"P1Y\""])
    }

    @Test func storedAsPropertiesAndReadBack() throws {
        var session = QuerySession(graph: Graph())
        _ = try session.run("""
            CREATE (:E {at: datetime('2015-07-21T21:40:32.142+01:00'), took: duration('PT1H30M'),
                        times: [localtime('10:00'), localtime('11:00')]})
            """)
        let r = try session.run("MATCH (e:E) RETURN e.at + e.took AS end, e.times[1].hour AS h, e.at.offset AS o")
        #expect(r.rows[0].map { ResultJSON.value($0, graph: Graph()) } == ["\"2015-07-21T23:10:32.142+01:00\"", "11", "\"+01:00\""])
        let node = session.graph.nodes[0]
        #expect(node.properties["took"] == .temporal(.duration(try CalendarDuration(seconds: 5400))))
        #expect(node.properties["at"]?.description == "datetime(\"2015-07-21T21:40:32.142+01:00\")")
    }

    @Test func misspeltMapKeySuggestsTheNearest() throws {
        var session = QuerySession(graph: Graph())
        do {
            _ = try session.run("RETURN time({hour: 1, minuet: 2})")
            Issue.record("expected an error")
        } catch {
            #expect(error.help?.hasPrefix("did you mean 'minute'? ") == true, "\(String(describing: error.help))")
        }
    }

    @Test func jsonWritesTemporalsAsStrings() throws {
        var session = QuerySession(graph: Graph())
        let r = try session.run("RETURN time('12:00+01:00') AS t, [duration('P1D')] AS l, {d: localdatetime('2015-07-21T21:40')} AS m")
        #expect(ResultJSON.encode(r, graph: session.graph)
                == #"{"columns": ["t", "l", "m"], "rows": [["12:00+01:00", ["P1D"], {"d": "2015-07-21T21:40"}]]}"#)
    }

    @Test(arguments: [
        ("RETURN time({hour: 25})", "hour 25 is out of range"),
        ("RETURN localtime({hour: 12, minute: 60})", "minute 60 is out of range"),
        ("RETURN localtime({minute: 5})", "'minute' needs 'hour'"),
        ("RETURN duration('P1X')", "unknown duration unit 'X'"),
        ("RETURN duration('1D')", "is not a duration"),
        ("RETURN duration({dayz: 1})", "unknown duration component 'dayz'"),
        ("RETURN time({hour: 1, minuet: 2})", "unknown key 'minuet'"),
        ("RETURN datetime({year: 2020, month: 2, day: 30})", "day 30 is out of range"),
        ("RETURN datetime('2015-07-21T21:40:32[Europe/Stockholm]')", "named time zones are not supported"),
        ("RETURN time({hour: 1, timezone: 'Europe/Stockholm'})", "is not a UTC offset"),
        ("RETURN time({hour: 1, timezone: '+19:00'})", "beyond ±18:00"),
        ("RETURN localtime('12:00+01:00')", "a local time has no offset"),
        ("RETURN date({month: 5})", "the map needs a year"),
        ("RETURN time({hour: 1.5})", "'hour' must be an integer"),
        ("RETURN localdatetime({year: 999999999, month: 12, day: 31}) + duration({days: 1})", "out of the supported range"),
        ("RETURN duration({years: 9223372036854775807})", "the duration is too long"),
        ("RETURN date('2020-01-31') + duration({months: 9223372036854775807})", "out of the supported range"),
        ("RETURN localtime({hour: 1, minute: 2, second: 3, nanosecond: 9223372036854775807})", "nanosecond 9223372036854775807 is out of range"),
        ("RETURN duration({hours: 1.0e300})", "the duration is too long"),
        ("RETURN duration({days: 9223372036854775807}) * 2", "the duration is too long"),
        ("RETURN date('2016-05') + duration({days: 1})", "date arithmetic needs a full date"),
        ("RETURN duration({days: 1}) / 0", "division of a duration by zero"),
        ("RETURN time('12:00Z').year", "has no field 'year'"),
        ("RETURN duration.between(date('2016-05'), date('2016-06-01'))", "needs full dates"),
    ])
    func badInputIsAPositionedErrorWithHelp(_ query: String, _ message: String) throws {
        var session = QuerySession(graph: Graph())
        do {
            _ = try session.run(query)
            Issue.record("expected an error for \(query)")
        } catch {
            #expect(error.message.contains(message), "\(error.message)")
            #expect(error.line == 1)
            #expect(error.column != nil)
            #expect(error.help != nil, "every temporal error says how to fix it: \(error.message)")
        }
    }

    @Test func timePlusDateTimeIsATypeError() throws {
        var session = QuerySession(graph: Graph())
        #expect(throws: QueryError.self) { try session.run("RETURN time('12:00Z') + localtime('10:00')") }
    }
}

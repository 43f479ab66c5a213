/// What `kgq plugins` and the REPL's `:help functions` say about a function: its signature,
/// one line on what it returns, and an example that runs as written (like Neo4j's
/// `SHOW FUNCTIONS`). Every built-in and aggregate function has one; a test checks that.
public struct FunctionHelp: Sendable, Hashable {
    public var signature: String
    public var summary: String
    public var example: String

    init(_ signature: String, _ summary: String, _ example: String) {
        self.signature = signature
        self.summary = summary
        self.example = example
    }

    /// The help of the built-in (or aggregate) function `name`, case-insensitively.
    public static func of(_ name: String) -> FunctionHelp? { table[name.lowercased()] }

    /// Names of the aggregate functions, as written in queries.
    public static let aggregates = ["avg", "collect", "count", "max", "min", "percentileCont", "percentileDisc", "stdev", "stdevp", "sum"]

    static let table: [String: FunctionHelp] = {
        var t: [String: FunctionHelp] = [:]
        for h in entries {
            let name = String(h.signature.prefix { $0 != "(" }).lowercased()
            t[name] = h
        }
        return t
    }()

    static let entries: [FunctionHelp] = [
        // Aggregates (over the rows of a group).
        FunctionHelp("avg(x)", "the mean of the non-null numbers of the group", "MATCH (f:Figure) RETURN avg(f.value)"),
        FunctionHelp("collect(x)", "a list of the group's non-null values (collect(DISTINCT x): each once)", "MATCH (r:Role) RETURN collect(r.name)"),
        FunctionHelp("count(x)", "how many non-null values the group has; count(*) counts rows", "MATCH (s:Skill) RETURN count(s)"),
        FunctionHelp("max(x)", "the largest non-null value of the group", "MATCH (f:Figure) RETURN max(f.value)"),
        FunctionHelp("min(x)", "the smallest non-null value of the group", "MATCH (f:Figure) RETURN min(f.value)"),
        FunctionHelp("percentileCont(x, p)", "the p-th percentile (0.0–1.0) of the group, interpolated", "UNWIND [1, 2, 3, 4] AS x RETURN percentileCont(x, 0.5)"),
        FunctionHelp("percentileDisc(x, p)", "the p-th percentile (0.0–1.0) of the group, one of its values", "UNWIND [1, 2, 3, 4] AS x RETURN percentileDisc(x, 0.5)"),
        FunctionHelp("stdev(x)", "the sample standard deviation of the group's numbers", "UNWIND [1, 2, 3, 4] AS x RETURN stdev(x)"),
        FunctionHelp("stdevp(x)", "the population standard deviation of the group's numbers", "UNWIND [1, 2, 3, 4] AS x RETURN stdevp(x)"),
        FunctionHelp("sum(x)", "the sum of the group's non-null numbers (or durations)", "UNWIND [1, 2, 3] AS x RETURN sum(x)"),
        // Provenance and names.
        FunctionHelp("citations(x)", "the citations of a node or relationship: maps of document, line, quote, gloss, via", "MATCH (f:Figure) RETURN f.name, citations(f) LIMIT 1"),
        FunctionHelp("cited(x)", "true when a node or relationship has at least one citation", "MATCH (n) WHERE NOT cited(n) RETURN count(n)"),
        FunctionHelp("sources(x)", "the documents and original sources (via) that a node or relationship is cited from", "MATCH (f:Figure) RETURN f.name, [s IN sources(f) | s.title] LIMIT 1"),
        FunctionHelp("name(x, lang?)", "a node's name in a language (default: :lang, else its preferred name)", "MATCH (r:Role) RETURN name(r, 'nl') LIMIT 1"),
        FunctionHelp("names(x)", "every name of a node per language: a map of language → list of names", "MATCH (r:Role) RETURN names(r) LIMIT 1"),
        FunctionHelp("named(x, name)", "true when a node has this name or alias in any language (case-insensitive)", "MATCH (r:Role) WHERE named(r, 'agent') RETURN r.name"),
        // Graph elements.
        FunctionHelp("id(x)", "the internal number of a node or relationship in this session", "MATCH (r:Role) RETURN id(r) LIMIT 1"),
        FunctionHelp("elementId(x)", "the graph id of a node or relationship as a string (role:agent)", "MATCH (r:Role) RETURN elementId(r) LIMIT 1"),
        FunctionHelp("labels(x)", "a node's labels", "MATCH (n) RETURN labels(n) LIMIT 1"),
        FunctionHelp("type(r)", "a relationship's type", "MATCH ()-[r]->() RETURN type(r) LIMIT 1"),
        FunctionHelp("properties(x)", "a node's or relationship's properties as a map", "MATCH (r:Role) RETURN properties(r) LIMIT 1"),
        FunctionHelp("keys(x)", "the property keys of a node or relationship, or the keys of a map", "RETURN keys({a: 1, b: 2})"),
        FunctionHelp("startNode(r)", "the node a relationship starts at", "MATCH ()-[r]->() RETURN startNode(r) LIMIT 1"),
        FunctionHelp("endNode(r)", "the node a relationship ends at", "MATCH ()-[r]->() RETURN endNode(r) LIMIT 1"),
        FunctionHelp("nodes(p)", "the nodes of a path, in order", "MATCH p = (:Role)-->() RETURN nodes(p) LIMIT 1"),
        FunctionHelp("relationships(p)", "the relationships of a path, in order", "MATCH p = (:Role)-->() RETURN relationships(p) LIMIT 1"),
        FunctionHelp("length(p)", "the number of relationships of a path", "MATCH p = (:Role)-->() RETURN length(p) LIMIT 1"),
        // Lists and values.
        FunctionHelp("coalesce(x, …)", "the first argument that is not null", "RETURN coalesce(null, 'fallback')"),
        FunctionHelp("head(list)", "the first element of a list (null when empty)", "RETURN head([1, 2, 3])"),
        FunctionHelp("last(list)", "the last element of a list (null when empty)", "RETURN last([1, 2, 3])"),
        FunctionHelp("tail(list)", "a list without its first element", "RETURN tail([1, 2, 3])"),
        FunctionHelp("size(x)", "the number of elements of a list, or characters of a string", "RETURN size([1, 2, 3]), size('abc')"),
        FunctionHelp("isEmpty(x)", "true for an empty list, map or string", "RETURN isEmpty([])"),
        FunctionHelp("range(from, to, step?)", "the integers from..to (both included), by step", "RETURN range(1, 10, 3)"),
        FunctionHelp("reverse(x)", "a list or string in reverse order", "RETURN reverse([1, 2, 3]), reverse('abc')"),
        // Conversions.
        FunctionHelp("toBoolean(x)", "a boolean from a boolean or the strings 'true'/'false' (else an error)", "RETURN toBoolean('true')"),
        FunctionHelp("toBooleanOrNull(x)", "as toBoolean, null where it cannot convert", "RETURN toBooleanOrNull('maybe')"),
        FunctionHelp("toFloat(x)", "a float from a number or a numeric string", "RETURN toFloat('2.5')"),
        FunctionHelp("toFloatOrNull(x)", "as toFloat, null where it cannot convert", "RETURN toFloatOrNull('x')"),
        FunctionHelp("toInteger(x)", "an integer from a number (truncated) or a numeric string", "RETURN toInteger('42'), toInteger(3.9)"),
        FunctionHelp("toIntegerOrNull(x)", "as toInteger, null where it cannot convert", "RETURN toIntegerOrNull('x')"),
        FunctionHelp("toString(x)", "the value as a string", "RETURN toString(42)"),
        FunctionHelp("toStringOrNull(x)", "as toString, null where it cannot convert (a list, a map)", "RETURN toStringOrNull([1])"),
        // Strings.
        FunctionHelp("left(s, n)", "the first n characters of a string", "RETURN left('customer', 4)"),
        FunctionHelp("right(s, n)", "the last n characters of a string", "RETURN right('customer', 4)"),
        FunctionHelp("substring(s, start, length?)", "part of a string from start (0-based)", "RETURN substring('customer', 2, 3)"),
        FunctionHelp("replace(s, find, with)", "a string with every find replaced", "RETURN replace('a-b-c', '-', '+')"),
        FunctionHelp("split(s, separator)", "a string cut into a list at each separator", "RETURN split('a,b,c', ',')"),
        FunctionHelp("toLower(s)", "a string in lower case", "RETURN toLower('Agent')"),
        FunctionHelp("toUpper(s)", "a string in upper case", "RETURN toUpper('Agent')"),
        FunctionHelp("trim(s)", "a string without leading and trailing whitespace", "RETURN trim('  agent  ')"),
        FunctionHelp("ltrim(s)", "a string without leading whitespace", "RETURN ltrim('  agent')"),
        FunctionHelp("rtrim(s)", "a string without trailing whitespace", "RETURN rtrim('agent  ')"),
        // Mathematics.
        FunctionHelp("abs(x)", "the absolute value of a number", "RETURN abs(-3)"),
        FunctionHelp("ceil(x)", "the smallest integer (as a float) not below x", "RETURN ceil(2.1)"),
        FunctionHelp("floor(x)", "the largest integer (as a float) not above x", "RETURN floor(2.9)"),
        FunctionHelp("round(x, precision?, mode?)", "x rounded (half away from zero), to precision decimals", "RETURN round(2.567, 2)"),
        FunctionHelp("sign(x)", "-1, 0 or 1 by the sign of x", "RETURN sign(-7)"),
        FunctionHelp("sqrt(x)", "the square root", "RETURN sqrt(16)"),
        FunctionHelp("exp(x)", "e to the power x", "RETURN exp(1)"),
        FunctionHelp("log(x)", "the natural logarithm", "RETURN log(e())"),
        FunctionHelp("log10(x)", "the base-10 logarithm", "RETURN log10(1000)"),
        FunctionHelp("e()", "Euler's number", "RETURN e()"),
        FunctionHelp("pi()", "π", "RETURN pi()"),
        FunctionHelp("rand()", "a random float in [0, 1)", "RETURN rand() < 1"),
        FunctionHelp("sin(x)", "the sine of an angle in radians", "RETURN sin(pi() / 2)"),
        FunctionHelp("cos(x)", "the cosine of an angle in radians", "RETURN cos(0)"),
        FunctionHelp("tan(x)", "the tangent of an angle in radians", "RETURN tan(0)"),
        FunctionHelp("cot(x)", "the cotangent of an angle in radians", "RETURN cot(pi() / 4)"),
        FunctionHelp("asin(x)", "the arcsine, in radians", "RETURN asin(1)"),
        FunctionHelp("acos(x)", "the arccosine, in radians", "RETURN acos(1)"),
        FunctionHelp("atan(x)", "the arctangent, in radians", "RETURN atan(1)"),
        FunctionHelp("atan2(y, x)", "the angle of the point (x, y), in radians", "RETURN atan2(1, 1)"),
        FunctionHelp("degrees(x)", "radians to degrees", "RETURN degrees(pi())"),
        FunctionHelp("radians(x)", "degrees to radians", "RETURN radians(180)"),
        // Dates and times.
        FunctionHelp("date(x?)", "a date: today, or from a string ('2020-05-01', '2020-05') or a map {year, month, day}", "RETURN date('2020-05-01')"),
        FunctionHelp("datetime(x?)", "a date and time with time zone: now, or from a string or map", "RETURN datetime('2020-05-01T10:30:00Z')"),
        FunctionHelp("localdatetime(x?)", "a date and time without zone: now, or from a string or map", "RETURN localdatetime('2020-05-01T10:30')"),
        FunctionHelp("localtime(x?)", "a time of day without zone: now, or from a string or map", "RETURN localtime('10:30')"),
        FunctionHelp("time(x?)", "a time of day with zone: now, or from a string or map", "RETURN time('10:30:00+01:00')"),
        FunctionHelp("duration(x)", "a duration from an ISO 8601 string ('P1Y2M') or a map {days, hours, …}", "RETURN duration('P1Y2M10D')"),
        FunctionHelp("duration.between(a, b)", "the duration from a to b, in months, days and seconds", "RETURN duration.between(date('2020-01-01'), date('2021-03-15'))"),
        FunctionHelp("duration.inDays(a, b)", "the duration from a to b in whole days", "RETURN duration.inDays(date('2020-01-01'), date('2020-03-01'))"),
        FunctionHelp("duration.inMonths(a, b)", "the duration from a to b in whole months", "RETURN duration.inMonths(date('2020-01-01'), date('2021-03-15'))"),
        FunctionHelp("duration.inSeconds(a, b)", "the duration from a to b in seconds", "RETURN duration.inSeconds(localtime('10:00'), localtime('10:01'))"),
    ]
}

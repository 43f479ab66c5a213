import Testing
@testable import KGImport

/// Splits CSV text into records of field texts (nil for an unquoted empty field), or the error.
func records(_ text: String) -> Result<[[String?]], CSVSyntaxError> {
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBufferPointer { buffer in
        var reader = CSVReader(bytes: buffer)
        var loader = CSVFileLoader(path: "t.csv", bytes: buffer, maxDiagnostics: 10)
        var fields: [CSVField] = []
        var out: [[String?]] = []
        do {
            while try reader.nextRecord(into: &fields) {
                out.append(fields.map { f in f.isEmpty && !f.quoted ? nil : loader.text(f) })
            }
        } catch let error as CSVSyntaxError {
            return .failure(error)
        } catch {
            return .success(out)
        }
        return .success(out)
    }
}

@Suite struct CSVReaderTests {
    @Test(arguments: [
        ("a,b,c\n1,2,3\n", [["a", "b", "c"], ["1", "2", "3"]]),
        ("a,b\r\n1,2\r\n", [["a", "b"], ["1", "2"]]),
        ("a,b\n1,2", [["a", "b"], ["1", "2"]]),                                   // no final newline
        ("\"x, y\",z\n", [["x, y", "z"]]),                                        // comma inside quotes
        ("\"say \"\"hi\"\"\",2\n", [["say \"hi\"", "2"]]),                        // doubled quotes
        ("\"line one\nline two\",3\n", [["line one\nline two", "3"]]),            // embedded newline
        ("\"crlf\r\ninside\",4\r\n", [["crlf\r\ninside", "4"]]),
        ("\u{FEFF}id,name\n", [["id", "name"]]),                                  // byte-order mark skipped
        ("kundtjänst,ö\n", [["kundtjänst", "ö"]]),                                // UTF-8 kept byte for byte
        ("\"\",\"\"\n", [["", ""]]),                                              // quoted empty strings
    ] as [(String, [[String]])])
    func parsesRecords(text: String, expected: [[String]]) throws {
        let got = try records(text).get()
        #expect(got.map { $0.map { $0 ?? "<absent>" } } == expected)
    }

    @Test func emptyUnquotedFieldsAreAbsentAndATrailingCommaAddsOne() throws {
        let got = try records("a,,c,\n").get()
        #expect(got.count == 1)
        #expect(got[0] == ["a", nil, "c", nil])
    }

    @Test func quotedFieldsCountLinesForLaterPositions() throws {
        let bytes = Array("\"a\nb\",1\nx,2\n".utf8)
        bytes.withUnsafeBufferPointer { buffer in
            var reader = CSVReader(bytes: buffer)
            var fields: [CSVField] = []
            _ = try? reader.nextRecord(into: &fields)
            #expect(fields[1].line == 2)
            _ = try? reader.nextRecord(into: &fields)
            #expect(fields[0].line == 3 && fields[1].line == 3)
        }
    }

    @Test(arguments: [
        ("a,\"open\n", "unterminated quoted field"),
        ("a,\"x\"y\n", "expected ',' or the end of the line after a closing quote"),
        ("a,b\"c\n", "a '\"' inside an unquoted field"),
    ])
    func reportsSyntaxErrors(text: String, message: String) {
        guard case .failure(let error) = records(text) else {
            Issue.record("expected an error for \(text.debugDescription)")
            return
        }
        #expect(error.message.hasPrefix(message))
    }
}

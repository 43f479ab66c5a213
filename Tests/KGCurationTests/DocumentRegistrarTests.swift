import Foundation
import KGCore
import KGCuration
import KGFormat
import KGTestSupport
import Testing

/// Registering documents (`kgq doc add`): hashes, languages, titles, paths, refusals, --update.
struct DocumentRegistrarTests {
    static let english = """
        Harbour Ferries Return
        The ferry company said that the night boats will run again from May.
        According to the Port Authority, the crossings were full on most days of the summer.

        """

    /// A new graph folder and a texts folder beside it holding `files`.
    static func setUp(_ files: [String: String]) throws -> (graph: String, texts: String) {
        let root = try KGTestSupport.temporaryFolder("kgq-doc")
        let graph = root.appendingPathComponent("graph").path
        try GraphFolder.create(at: graph)
        let texts = root.appendingPathComponent("texts").path
        try FileManager.default.createDirectory(atPath: texts, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(toFile: texts + "/" + name, atomically: true, encoding: .utf8) }
        return (graph, texts)
    }

    @Test func addsACanonicalDeclaration() throws {
        let (graph, texts) = try Self.setUp(["Harbour Ferries.txt": Self.english])
        let registrar = DocumentRegistrar(folder: graph)
        let plan = try registrar.plan([DocumentRequest(path: texts + "/Harbour Ferries.txt", publisher: "Coast News",
                                                       date: KGDate("2024-05"))], update: false)
        try registrar.apply(plan)
        let r = try #require(plan.registrations.first)
        #expect(r.action == .added)
        #expect(r.document.id == "doc:harbour-ferries")
        #expect(r.document.file == "../texts/Harbour Ferries.txt")
        #expect(r.document.language == "en")
        #expect(r.languageGuess?.isSure == true)
        #expect(r.document.title == "Harbour Ferries Return")
        #expect(r.document.sha256 == SHA256.hex(Array(Self.english.utf8)))

        let text = try String(contentsOfFile: graph + "/documents.kg", encoding: .utf8)
        #expect(text.hasPrefix("# The documents this graph cites"), "the comment is kept")
        #expect(text.hasSuffix("""
            document doc:harbour-ferries {
              date: date("2024-05")
              file: "../texts/Harbour Ferries.txt"
              kind: "text"
              language: "en"
              publisher: "Coast News"
              sha256: "\(r.document.sha256)"
              title: "Harbour Ferries Return"
            }

            """), "\(text)")
        // What was appended is canonical: kgq fmt would not change it.
        let parsed = try Parser.parse(file: "documents.kg", text: text)
        #expect(Writer.write(parsed) == text)
        let loaded = try GraphLoader.load(folder: graph)
        #expect(loaded.document(id: "doc:harbour-ferries")?.publisher == "Coast News")
    }

    @Test func refusesTheSameFileTwiceAndTheSameBytesUnderAnotherName() throws {
        let (graph, texts) = try Self.setUp(["a.txt": Self.english, "copy.txt": Self.english])
        let registrar = DocumentRegistrar(folder: graph)
        try registrar.apply(registrar.plan([DocumentRequest(path: texts + "/a.txt")], update: false))
        let before = try String(contentsOfFile: graph + "/documents.kg", encoding: .utf8)
        #expect {
            try registrar.plan([DocumentRequest(path: texts + "/a.txt")], update: false)
        } throws: { e in (e as? DiagnosticList)?.diagnostics.first?.message.contains("already registered as doc:a") == true }
        #expect {
            try registrar.plan([DocumentRequest(path: texts + "/copy.txt")], update: false)
        } throws: { e in (e as? DiagnosticList)?.diagnostics.first?.message.contains("the same bytes") == true }
        #expect(try String(contentsOfFile: graph + "/documents.kg", encoding: .utf8) == before)
    }

    @Test func refusesAChangedDocumentWithoutUpdate() throws {
        let (graph, texts) = try Self.setUp(["a.txt": Self.english])
        let registrar = DocumentRegistrar(folder: graph)
        try registrar.apply(registrar.plan([DocumentRequest(path: texts + "/a.txt")], update: false))
        try (Self.english + "A line added later.\n").write(toFile: texts + "/a.txt", atomically: true, encoding: .utf8)
        #expect {
            try registrar.plan([DocumentRequest(path: texts + "/a.txt")], update: false)
        } throws: { e in
            let d = (e as? DiagnosticList)?.diagnostics.first
            return d?.message.contains("changed since it was registered as doc:a") == true && d?.help?.contains("--update") == true
        }
    }

    @Test func updateChecksEveryQuoteFirst() throws {
        let (graph, texts) = try Self.setUp(["a.txt": Self.english])
        let registrar = DocumentRegistrar(folder: graph)
        try registrar.apply(registrar.plan([DocumentRequest(path: texts + "/a.txt")], update: false))
        try """
            # Ferries.
            node route:night :Route { name: "night boats" }
            cite doc:a line 2 "the night boats will run again from May"

            """.write(toFile: graph + "/statements.kg", atomically: true, encoding: .utf8)

        // A line inserted above line 2 moves the quote: refused, and the message says where it went.
        try ("Updated edition\n" + Self.english).write(toFile: texts + "/a.txt", atomically: true, encoding: .utf8)
        let before = try String(contentsOfFile: graph + "/documents.kg", encoding: .utf8)
        #expect {
            try registrar.plan([DocumentRequest(path: texts + "/a.txt")], update: true)
        } throws: { e in
            let m = (e as? DiagnosticList)?.diagnostics.first?.message ?? ""
            return m.contains("1 of 1 quote(s)") && m.contains("statements.kg:3:1") && m.contains("now at line 3")
        }
        #expect(try String(contentsOfFile: graph + "/documents.kg", encoding: .utf8) == before)

        // A change below the quote keeps it in place: re-registered, the block rewritten in place.
        try (Self.english + "A line added later.\n").write(toFile: texts + "/a.txt", atomically: true, encoding: .utf8)
        let plan = try registrar.plan([DocumentRequest(path: texts + "/a.txt")], update: true)
        try registrar.apply(plan)
        guard case .updated(_, let checked) = plan.registrations.first?.action else {
            Issue.record("expected an update, got \(String(describing: plan.registrations.first?.action))"); return
        }
        #expect(checked == 1)
        let after = try String(contentsOfFile: graph + "/documents.kg", encoding: .utf8)
        let newHash = SHA256.hex(Array((Self.english + "A line added later.\n").utf8))
        #expect(after.contains("sha256: \"\(newHash)\""))
        #expect(after.hasPrefix("# The documents this graph cites"))
        #expect(try GraphLoader.load(folder: graph).document(id: "doc:a")?.sha256 == newHash)

        // Once more: nothing to do.
        let again = try registrar.plan([DocumentRequest(path: texts + "/a.txt")], update: true)
        #expect(again.registrations.first?.action == .unchanged)
        #expect(again.writes.isEmpty)
    }

    @Test func updateOfAnUnregisteredFileIsRefused() throws {
        let (graph, texts) = try Self.setUp(["a.txt": Self.english])
        #expect {
            try DocumentRegistrar(folder: graph).plan([DocumentRequest(path: texts + "/a.txt")], update: true)
        } throws: { e in (e as? DiagnosticList)?.diagnostics.first?.message.contains("is not registered") == true }
    }

    @Test func badFilesAreRefusedAllAtOnceAndNothingIsWritten() throws {
        let (graph, texts) = try Self.setUp(["a.txt": Self.english, "de.txt": "Zimmer Fenster Tür\n"])
        try Data([0x41, 0xFF, 0x0A]).write(to: URL(fileURLWithPath: texts + "/latin1.txt"))
        let registrar = DocumentRegistrar(folder: graph)
        #expect {
            try registrar.plan([texts + "/a.txt", texts + "/latin1.txt", texts + "/missing.txt", texts + "/de.txt", texts]
                .map { DocumentRequest(path: $0) }, update: false)
        } throws: { e in
            let messages = (e as? DiagnosticList)?.diagnostics.map(\.message) ?? []
            return messages.count == 4 && messages[0].contains("not UTF-8") && messages[1].contains("no such file")
                && messages[2].contains("cannot tell the language") && messages[3].contains("is a folder")
        }
        #expect(try GraphLoader.load(folder: graph).documents.isEmpty)
    }

    @Test func aCSVFolderIsNotTurnedIntoAKGFolder() throws {
        let (graph, texts) = try Self.setUp(["a.txt": Self.english])
        let csv = URL(fileURLWithPath: graph).deletingLastPathComponent().appendingPathComponent("csv").path
        try FileManager.default.createDirectory(atPath: csv, withIntermediateDirectories: true)
        try ":ID,name\nn1,x\n".write(toFile: csv + "/nodes.csv", atomically: true, encoding: .utf8)
        #expect {
            try DocumentRegistrar(folder: csv).plan([DocumentRequest(path: texts + "/a.txt")], update: false)
        } throws: { e in (e as? DiagnosticList)?.diagnostics.first?.message.contains("folder of CSV files") == true }
        #expect(!FileManager.default.fileExists(atPath: csv + "/documents.kg"))
    }

    @Test func ids() throws {
        #expect(DocumentRegistrar.derivedID(forFile: "/x/Kundtjänst 2024.txt") == "doc:kundtjanst-2024")
        #expect(DocumentRegistrar.derivedID(forFile: "---.md") == "doc:document")
        let (graph, texts) = try Self.setUp(["a.txt": Self.english, "b.txt": Self.english + "More.\n"])
        let registrar = DocumentRegistrar(folder: graph)
        #expect {
            try registrar.plan([DocumentRequest(path: texts + "/a.txt", id: "doc:bad id")], update: false)
        } throws: { e in (e as? DiagnosticList)?.diagnostics.first?.message.contains("not a valid id") == true }
        try registrar.apply(registrar.plan([DocumentRequest(path: texts + "/a.txt", id: "doc:b")], update: false))
        // b.txt would be doc:b, which is taken: it becomes doc:b-2, with a note.
        let plan = try registrar.plan([DocumentRequest(path: texts + "/b.txt")], update: false)
        #expect(plan.registrations.first?.document.id == "doc:b-2")
        #expect(plan.registrations.first?.notes.first?.message.contains("'doc:b' is taken") == true)
        #expect {
            try registrar.plan([DocumentRequest(path: texts + "/b.txt", id: "doc:b")], update: false)
        } throws: { e in (e as? DiagnosticList)?.diagnostics.first?.message.contains("already used") == true }
    }

    @Test func unsureLanguageIsSaid() throws {
        let (graph, texts) = try Self.setUp(["short.txt": "Notes\nthe end\n"])
        let plan = try DocumentRegistrar(folder: graph).plan([DocumentRequest(path: texts + "/short.txt")], update: false)
        let r = try #require(plan.registrations.first)
        #expect(r.document.language == "en")
        #expect(r.notes.contains { $0.severity == .warning && $0.message.contains("unsure of the language") })
    }

    @Test func relativePaths() {
        #expect(DocumentRegistrar.relativePath("/a/g/x.txt", from: "/a/g") == "x.txt")
        #expect(DocumentRegistrar.relativePath("/a/g/t/x.txt", from: "/a/g") == "t/x.txt")
        #expect(DocumentRegistrar.relativePath("/a/t/x.txt", from: "/a/g") == "../t/x.txt")
    }

    @Test func titlesSkipBlankLinesAndHeadingMarks() {
        let plan = { (text: String) -> String? in
            let root = try? KGTestSupport.temporaryFolder("kgq-title")
            guard let root else { return nil }
            let graph = root.appendingPathComponent("g").path
            try? GraphFolder.create(at: graph)
            try? text.write(toFile: root.path + "/t.txt", atomically: true, encoding: .utf8)
            return try? DocumentRegistrar(folder: graph).plan([DocumentRequest(path: root.path + "/t.txt", language: "en")],
                                                              update: false).registrations.first?.document.title
        }
        #expect(plan("\n\n  # Ferry News  \nbody\n") == "Ferry News")
        #expect(plan("\n  \n") == nil)
        let long = String(repeating: "The ferry company said that the night boats will run again. ", count: 4)
        let cut = plan(long + "\n")
        #expect(cut?.hasSuffix("…") == true && (cut?.count ?? 0) <= 120, "\(cut ?? "nil")")
    }

    @Test func aLongFirstLineGetsANote() throws {
        let line = "The ferry company said that the night boats will run again from May, and the crossings were full."
        let (graph, texts) = try Self.setUp(["long.txt": line + "\n"])
        let plan = try DocumentRegistrar(folder: graph).plan([DocumentRequest(path: texts + "/long.txt")], update: false)
        let r = try #require(plan.registrations.first)
        #expect(r.document.title == line)
        #expect(r.notes.contains { $0.message.contains("reads like text, not a title") && $0.help?.contains("--title") == true })
    }
}

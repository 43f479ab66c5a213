import Foundation
import KGCore
import KGCuration
import KGFormat
import KGTestSupport
import Testing

/// `kgq doc add` on the five seed documents (../shared/seeds, looked for above the package
/// root; skipped when absent) against the default graph, which registered them by hand.
enum Seeds {
    static let path: String? = KGTestSupport.seedsFolder?.path
}

@Suite(.enabled(if: Seeds.path != nil, "../shared/seeds not found above the package root"))
struct SeedDocumentTests {
    static let defaultGraph = KGTestSupport.packageRoot.appendingPathComponent("graphs/customer-service").path

    @Test func theGuessesAgreeWithTheDefaultGraph() throws {
        let seeds = try #require(Seeds.path)
        let registered = try GraphLoader.load(folder: Self.defaultGraph).documents
        let folder = try KGTestSupport.temporaryFolder("kgq-seeds").appendingPathComponent("g").path
        try GraphFolder.create(at: folder)
        let plan = try DocumentRegistrar(folder: folder, documentsFolder: seeds)
            .plan(registered.map { DocumentRequest(path: seeds + "/" + $0.file) }, update: false)
        #expect(plan.registrations.count == 5)
        for (r, known) in zip(plan.registrations, registered) {
            #expect(r.document.file == known.file)
            #expect(r.document.sha256 == known.sha256)
            #expect(r.document.language == known.language, "\(known.id): \(r.languageGuess?.explanation ?? "")")
            #expect(r.languageGuess?.isSure == true, "\(known.id): \(r.languageGuess?.explanation ?? "")")
        }
    }

    @Test func theDefaultGraphRefusesThemAsAlreadyRegistered() throws {
        let seeds = try #require(Seeds.path)
        let registered = try GraphLoader.load(folder: Self.defaultGraph).documents
        #expect {
            try DocumentRegistrar(folder: Self.defaultGraph, documentsFolder: seeds)
                .plan(registered.map { DocumentRequest(path: seeds + "/" + $0.file) }, update: false)
        } throws: { e in
            let messages = (e as? DiagnosticList)?.diagnostics.map(\.message) ?? []
            return messages.count == 5 && zip(messages, registered).allSatisfy { $0.contains("already registered as \($1.id)") }
        }
    }
}

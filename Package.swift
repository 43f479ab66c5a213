// swift-tools-version:6.1
import PackageDescription

/// The store and the interpreter are checked for exclusive access at compile time; in release
/// builds their run-time checks (a call into the runtime on every access to a class's stored
/// property, on every property read of a query) are left out, as in the Swift standard library.
let engineSettings: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "kgq",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "kgq", targets: ["kgq"]),
        // The example plugin: `kgq export --plugin .build/debug/libKGMermaidPlugin.so --format mermaid -o -`.
        .library(name: "KGMermaidPlugin", type: .dynamic, targets: ["KGMermaidPlugin"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // The data model and the in-memory store. Depends on nothing.
        .target(name: "KGCore", swiftSettings: engineSettings),
        // The .kg file format: lexer, parser, canonical writer, graph-folder loader.
        .target(name: "KGFormat", dependencies: ["KGCore"]),
        // The openCypher interpreter: lexer, parser (AST), binder, planner, executor.
        .target(name: "KGQuery", dependencies: ["KGCore"], swiftSettings: engineSettings),
        // Graphviz (libgvc, libcgraph) as a system library, for in-process rendering.
        .systemLibrary(
            name: "CGraphviz", path: "Sources/CGraphviz", pkgConfig: "libgvc",
            providers: [.apt(["libgraphviz-dev"])]
        ),
        // Exporters: DOT writer, Graphviz renderer (PNG/SVG/PDF), JSON, GraphML, CSV, Cypher.
        // KGCore only (and Graphviz): a query result becomes a Subgraph in KGQuery (`Subgraph(result:)`).
        .target(name: "KGExport", dependencies: ["KGCore", "CGraphviz"]),
        // Source-citation audit: rules over the graph and its documents, findings, reports.
        .target(name: "KGAudit", dependencies: ["KGCore"]),
        // Bulk import of Neo4j admin-import style CSV folders, and the synthetic graph generator.
        .target(name: "KGImport", dependencies: ["KGCore"]),
        // Curation: new graph folders, document registration (SHA-256, language, title), finding
        // the line of a quote and the `cite` line to paste.
        .target(name: "KGCuration", dependencies: ["KGCore", "KGFormat", "KGAudit", "KGQuery"]),
        // kgq on Apache Spark: the graph's tables, the Cypher → Spark SQL compiler (pure, tested
        // without Spark) and the Spark Connect session behind `--engine` (docs/spark.md).
        .target(name: "KGSpark", dependencies: ["KGCore", "KGQuery"]),
        // Result renderers for people and programs: table, csv, markdown, line, json, jsonl.
        .target(name: "KGOutput", dependencies: ["KGCore", "KGQuery"]),
        // libedit (line editing, history, completion) as a system library, for the REPL.
        .systemLibrary(
            name: "CEditline", path: "Sources/CEditline", pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        // The REPL engine: statement assembly, completion, :commands, history; testable without a terminal.
        .target(name: "KGRepl", dependencies: ["KGCore", "KGQuery", "KGFormat", "KGOutput", "KGExport", "KGAudit", "KGPluginAPI", "KGPluginHost", "KGCuration", "CEditline"]),
        // The C ABI of dynamic-library plugins (kgq_plugin.h): all a plugin library depends on.
        .target(name: "CKGPlugin"),
        // What plugins and built-ins implement (Exporter, Importer; KGQuery.QueryFunction,
        // KGAudit.AuditRule) and the registry that holds them with their origins.
        .target(name: "KGPluginAPI", dependencies: ["KGCore", "KGQuery", "KGAudit"]),
        // The host side: built-ins registered through the API, the dlopen loader and the
        // adapters that turn C callbacks into Exporters and QueryFunctions.
        .target(
            name: "KGPluginHost",
            dependencies: ["KGPluginAPI", "CKGPlugin", "KGCore", "KGQuery", "KGAudit", "KGExport", "KGFormat", "KGImport"]
        ),
        // The example plugin (a Mermaid exporter and slug()), built as a shared library.
        .target(name: "KGMermaidPlugin", dependencies: ["CKGPlugin"], path: "Examples/KGMermaidPlugin"),
        // The command-line tool and the REPL.
        .executableTarget(
            name: "kgq",
            dependencies: [
                "KGCore", "KGFormat", "KGQuery", "KGExport", "KGAudit", "KGImport", "KGOutput", "KGRepl", "KGPluginAPI", "KGPluginHost",
                "KGCuration", "KGSpark",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The benchmark suite behind `make bench` (a harness of our own: no extra dependency).
        .executableTarget(
            name: "kgq-bench",
            dependencies: [
                "KGCore", "KGImport", "KGFormat", "KGQuery", "KGExport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // `swift package --allow-writing-to-package-directory render`: saved views to pictures.
        // The command plugins build kgq through the package manager (the ordinary debug build)
        // instead of depending on it as a tool, which would build kgq twice in every `swift build`.
        .plugin(
            name: "RenderCommand",
            capability: .command(
                intent: .custom(verb: "render", description: "Render every graphs/*/views/*.cypher to graphs/*/rendered/ (png, svg)."),
                permissions: [.writeToPackageDirectory(reason: "writes the rendered views into graphs/*/rendered/")]
            )
        ),
        // `swift package audit`: kgq audit on every graph folder; fails on errors.
        .plugin(
            name: "AuditCommand",
            capability: .command(
                intent: .custom(verb: "audit", description: "Run kgq audit on every graph folder; fail on findings at or above --fail-on.")
            )
        ),
        .testTarget(name: "KGCoreTests", dependencies: ["KGCore"]),
        // Shared by the test targets: package root, fixtures, running the built kgq.
        .target(name: "KGTestSupport", path: "Tests/KGTestSupport"),
        .testTarget(name: "KGFormatTests", dependencies: ["KGFormat", "KGCore", "KGTestSupport"]),
        .testTarget(name: "kgqCLITests", dependencies: ["KGTestSupport"]),
        // The default graph (graphs/customer-service) loaded and checked fact by fact.
        .testTarget(name: "DefaultGraphTests", dependencies: ["KGCore", "KGFormat", "KGTestSupport"]),
        .testTarget(name: "KGQueryTests", dependencies: ["KGCore", "KGQuery", "KGFormat"]),
        .testTarget(name: "KGExportTests", dependencies: ["KGExport", "KGCore", "KGQuery", "CGraphviz", "KGTestSupport"]),
        .testTarget(name: "KGAuditTests", dependencies: ["KGAudit", "KGCore", "KGTestSupport"]),
        .testTarget(name: "KGImportTests", dependencies: ["KGImport", "KGCore", "KGTestSupport"]),
        .testTarget(name: "KGCurationTests", dependencies: ["KGCuration", "KGCore", "KGFormat", "KGAudit", "KGQuery", "KGTestSupport"]),
        .testTarget(name: "KGSparkTests", dependencies: ["KGSpark", "KGCore", "KGQuery", "KGFormat", "KGTestSupport"]),
        .testTarget(name: "KGOutputTests", dependencies: ["KGOutput", "KGCore", "KGQuery"]),
        .testTarget(name: "KGReplTests", dependencies: ["KGRepl", "KGOutput", "KGCore", "KGQuery", "KGFormat", "KGPluginAPI", "KGPluginHost"]),
        .testTarget(
            name: "KGPluginTests",
            dependencies: ["KGPluginAPI", "KGPluginHost", "KGCore", "KGQuery", "KGExport", "KGAudit", "KGTestSupport"]
        ),
        // What each fuzz target does with one input; shared by the fuzzers (Fuzz/Targets) and the
        // regression tests that replay every input they ever crashed on (Fuzz/regressions).
        .target(name: "FuzzHarness", dependencies: ["KGCore", "KGFormat", "KGQuery", "KGExport", "KGImport", "CGraphviz"],
                path: "Fuzz/Harness"),
        .testTarget(name: "RegressionTests", dependencies: ["FuzzHarness"]),
        // Malformed, truncated, binary and enormous inputs through the built binary; kill-mid-write.
        .testTarget(name: "BadInputTests", dependencies: ["KGTestSupport"]),
    ]
)

// Fuzz targets (libFuzzer), only when KGQ_FUZZ is set: they link only when built with
// `-sanitize=fuzzer,address`, so the normal build never sees them. `make fuzz` builds them
// into .build-fuzz and runs each for FUZZ_SECONDS against its corpus in Fuzz/corpus/.
if Context.environment["KGQ_FUZZ"] != nil {
    package.targets += [
        // libFuzzer's LLVMFuzzerRunDriver, declared for Swift; the runtime provides it.
        .systemLibrary(name: "CLibFuzzer", path: "Fuzz/CLibFuzzer"),
    ] + ["kgformat", "query", "dot", "csv"].map { name in
        .executableTarget(name: "fuzz-\(name)", dependencies: ["CLibFuzzer", "FuzzHarness"], path: "Fuzz/Targets/\(name)")
    }
}

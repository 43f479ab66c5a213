// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "kgq",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "kgq", targets: ["kgq"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // The data model and the in-memory store. Depends on nothing.
        .target(name: "KGCore"),
        // The .kg file format: lexer, parser, canonical writer, graph-folder loader.
        .target(name: "KGFormat", dependencies: ["KGCore"]),
        // The openCypher interpreter: lexer, parser (AST), binder, planner, executor.
        .target(name: "KGQuery", dependencies: ["KGCore"]),
        // Graphviz (libgvc, libcgraph) as a system library, for in-process rendering.
        .systemLibrary(
            name: "CGraphviz", path: "Sources/CGraphviz", pkgConfig: "libgvc",
            providers: [.apt(["libgraphviz-dev"])]
        ),
        // Exporters: DOT writer, Graphviz renderer (PNG/SVG/PDF), JSON, GraphML, CSV, Cypher.
        .target(name: "KGExport", dependencies: ["KGCore", "KGQuery", "CGraphviz"]),
        // Source-citation audit: rules over the graph and its documents, findings, reports.
        .target(name: "KGAudit", dependencies: ["KGCore"]),
        // The command-line tool and the REPL.
        .executableTarget(
            name: "kgq",
            dependencies: [
                "KGCore", "KGFormat", "KGQuery", "KGExport", "KGAudit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "KGCoreTests", dependencies: ["KGCore"]),
        // The default graph (graphs/customer-service) loaded and checked fact by fact.
        .testTarget(name: "DefaultGraphTests", dependencies: ["KGCore", "KGFormat"]),
        .testTarget(name: "KGQueryTests", dependencies: ["KGCore", "KGQuery"]),
        .testTarget(name: "KGExportTests", dependencies: ["KGExport", "KGCore", "KGQuery", "CGraphviz"]),
        .testTarget(name: "KGAuditTests", dependencies: ["KGAudit", "KGCore"]),
        // What each fuzz target does with one input; shared by the fuzzers (Fuzz/Targets) and the
        // regression tests that replay every input they ever crashed on (Fuzz/regressions).
        .target(name: "FuzzHarness", dependencies: ["KGCore", "KGFormat", "KGQuery", "KGExport", "CGraphviz"],
                path: "Fuzz/Harness"),
        .testTarget(name: "RegressionTests", dependencies: ["FuzzHarness"]),
    ]
)

// Fuzz targets (libFuzzer), only when KGQ_FUZZ is set: they link only when built with
// `-sanitize=fuzzer,address`, so the normal build never sees them. `make fuzz` builds them
// into .build-fuzz and runs each for FUZZ_SECONDS against its corpus in Fuzz/corpus/.
if Context.environment["KGQ_FUZZ"] != nil {
    package.targets += [
        // libFuzzer's LLVMFuzzerRunDriver, declared for Swift; the runtime provides it.
        .systemLibrary(name: "CLibFuzzer", path: "Fuzz/CLibFuzzer"),
    ] + ["kgformat", "query", "dot"].map { name in
        .executableTarget(name: "fuzz-\(name)", dependencies: ["CLibFuzzer", "FuzzHarness"], path: "Fuzz/Targets/\(name)")
    }
}

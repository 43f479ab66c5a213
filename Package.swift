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
        // Bulk import of Neo4j admin-import style CSV folders, and the synthetic graph generator.
        .target(name: "KGImport", dependencies: ["KGCore"]),
        // The command-line tool and the REPL.
        .executableTarget(
            name: "kgq",
            dependencies: [
                "KGCore", "KGFormat", "KGQuery", "KGExport", "KGAudit", "KGImport",
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
        .testTarget(name: "KGCoreTests", dependencies: ["KGCore"]),
        // Shared by the test targets: package root, fixtures, running the built kgq.
        .target(name: "KGTestSupport", path: "Tests/KGTestSupport"),
        .testTarget(name: "KGFormatTests", dependencies: ["KGFormat", "KGCore", "KGTestSupport"]),
        .testTarget(name: "kgqCLITests", dependencies: ["KGTestSupport"]),
        // The default graph (graphs/customer-service) loaded and checked fact by fact.
        .testTarget(name: "DefaultGraphTests", dependencies: ["KGCore", "KGFormat"]),
        .testTarget(name: "KGQueryTests", dependencies: ["KGCore", "KGQuery", "KGFormat"]),
        .testTarget(name: "KGExportTests", dependencies: ["KGExport", "KGCore", "KGQuery", "CGraphviz"]),
        .testTarget(name: "KGAuditTests", dependencies: ["KGAudit", "KGCore"]),
        .testTarget(name: "KGImportTests", dependencies: ["KGImport", "KGCore"]),
    ]
)

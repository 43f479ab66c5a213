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
        // Source-citation audit: rules over the graph and its documents, findings, reports.
        .target(name: "KGAudit", dependencies: ["KGCore"]),
        // Bulk import of Neo4j admin-import style CSV folders, and the synthetic graph generator.
        .target(name: "KGImport", dependencies: ["KGCore"]),
        // The command-line tool and the REPL.
        .executableTarget(
            name: "kgq",
            dependencies: [
                "KGCore", "KGFormat", "KGQuery", "KGAudit", "KGImport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The benchmark suite behind `make bench` (a harness of our own: no extra dependency).
        .executableTarget(
            name: "kgq-bench",
            dependencies: [
                "KGCore", "KGImport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "KGCoreTests", dependencies: ["KGCore"]),
        .testTarget(name: "KGAuditTests", dependencies: ["KGAudit", "KGCore"]),
        .testTarget(name: "KGImportTests", dependencies: ["KGImport", "KGCore"]),
    ]
)

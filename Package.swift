// swift-tools-version:6.0
import PackageDescription

// One target per concern; see ARCHITECTURE.md for what each owns and may import.
let package = Package(
    name: "Dateline",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "dateline", targets: ["dateline"]),
        .library(name: "DatelineCore", targets: ["DatelineCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // Article model, parsing and text utilities. No database, no Lua.
        .target(
            name: "DatelineCore",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        // The corpus store: SQLite (GRDB) schema, ingest, full-text search and the read API.
        .target(
            name: "DatelineStore",
            dependencies: ["CSQLiteConfig", "DatelineCore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // Process-wide SQLite settings (`sqlite3_config` is variadic: a C shim calls it).
        .systemLibrary(name: "CSQLiteConfig", providers: [.apt(["libsqlite3-dev"])]),
        // The system Lua 5.4 (pkg-config lua5.4; Debian liblua5.4-dev). No Lua sources in the repository.
        .systemLibrary(name: "CLua", pkgConfig: "lua5.4", providers: [.apt(["liblua5.4-dev"])]),
        // The C side of the Lua engine: trampoline, counting allocator, stop hook, message handler.
        .target(name: "CLuaShim", dependencies: ["CLua"]),
        // The embedded Lua engine: sandbox, limits, function registry, marshalling, the `text` module.
        .target(name: "DatelineLua", dependencies: ["CLua", "CLuaShim", "DatelineCore", "DatelineReport", "DatelineStore"]),
        // Report documents and their renderers (text, Markdown, CSV, JSON, self-contained HTML with SVG charts).
        .target(name: "DatelineReport"),
        // Cron parsing, DST-aware fire times and pure scheduling decisions (catch-up, overlap, dedupe, pruning).
        .target(name: "DatelineSchedule"),
        // Running schedules: the store-backed repository, report archive, child processes and the daemon loop.
        .target(
            name: "DatelineScheduler",
            dependencies: ["DatelineSchedule", "DatelineStore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // The system libedit (pkg-config libedit; Debian libedit-dev) for the REPL's line editor.
        .systemLibrary(name: "CEdit", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        // The interactive Lua REPL: line editor, evaluator loop, pretty printer, completion, dot-commands.
        .target(name: "DatelineREPL", dependencies: ["CEdit", "CLua", "DatelineLua"]),
        // The system mimalloc (Debian libmimalloc-dev; no pkg-config file), linked into `dateline` only:
        // it replaces glibc's malloc, whose arena locks the ingest writer waited on (ARCHITECTURE.md).
        .systemLibrary(name: "CMimalloc", providers: [.apt(["libmimalloc-dev"])]),
        // The thin command-line front end: argument parsing and wiring only.
        .executableTarget(
            name: "dateline",
            dependencies: [
                "CMimalloc",
                "DatelineCore",
                "DatelineLua",
                "DatelineREPL",
                "DatelineReport",
                "DatelineStore",
                "DatelineSchedule",
                "DatelineScheduler",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Throughput benchmarks for DatelineCore (bench/parse_bench.sh); depends on nothing else.
        .executableTarget(name: "dateline-bench", dependencies: ["DatelineCore"], path: "Sources/DatelineBench"),
        // Helpers shared by the test targets: finding the built `dateline`, running processes with a
        // timeout, temporary folders. Foundation and XCTest only; no product depends on it.
        .target(name: "DatelineTestSupport", path: "Tests/DatelineTestSupport"),
        .testTarget(name: "DatelineCoreTests", dependencies: ["DatelineCore", "DatelineTestSupport"]),
        .testTarget(name: "DatelineReportTests", dependencies: ["DatelineReport", "DatelineTestSupport"]),
        .testTarget(name: "DatelineScheduleTests", dependencies: ["DatelineSchedule", "DatelineScheduler", "DatelineStore", "DatelineTestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "DatelineLuaTests", dependencies: ["DatelineLua", "DatelineCore", "DatelineReport", "DatelineStore", "DatelineTestSupport"]),
        .testTarget(name: "DatelineREPLTests", dependencies: ["DatelineREPL", "DatelineLua", "CLua", "DatelineTestSupport"]),
        .testTarget(name: "DatelineStoreTests", dependencies: ["DatelineStore", "DatelineCore", "DatelineTestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
    ],
    swiftLanguageModes: [.v5]
)

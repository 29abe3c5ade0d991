// swift-tools-version:6.0
// Search-latency and ingest-split benchmark for DatelineStore. Builds the real DatelineCore and
// DatelineStore sources (symlinked from ../../Sources) so the numbers are those of the shipped code.
// DatelineStore is compiled with -enable-testing so the bench can time the ingest stages
// (parse / prepare / write) separately through internal API; the product build is unaffected.
// Run via bench/store_bench.sh.
import PackageDescription

let package = Package(
    name: "StoreBench",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .target(name: "DatelineCore", dependencies: [.product(name: "Yams", package: "Yams")]),
        .systemLibrary(name: "CSQLiteConfig"),
        .target(name: "DatelineStore", dependencies: ["CSQLiteConfig", "DatelineCore", .product(name: "GRDB", package: "GRDB.swift")],
                swiftSettings: [.unsafeFlags(["-enable-testing"])]),
        .executableTarget(name: "StoreBench", dependencies: ["DatelineStore", .product(name: "GRDB", package: "GRDB.swift")]),
    ],
    swiftLanguageModes: [.v5]
)

// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "anslag",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "anslag", targets: ["anslag"]),
        .library(name: "Anslag", targets: ["Anslag"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        // Property tests: shrinking and a printed seed (`.fixedSeed(...)`) to replay a failure.
        .package(url: "https://github.com/x-sheep/swift-property-based", exact: "2.0.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // The memory allocator of the anslag binary (see Sources/anslag/main.swift).
        .systemLibrary(
            name: "CMimalloc",
            providers: [.apt(["libmimalloc-dev"])]
        ),
        // Byte scanning for the escapers, sixteen bytes per step (see `ByteSet`).
        .target(name: "CByteScan"),
        .target(
            name: "Anslag",
            dependencies: [
                "CCmarkGFM",
                "CByteScan",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "AnslagCLI",
            dependencies: [
                "Anslag",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "anslag", dependencies: ["AnslagCLI", "CMimalloc"]),
        .testTarget(
            name: "AnslagTests",
            dependencies: ["Anslag", "AnslagCLI", .product(name: "PropertyBased", package: "swift-property-based")],
            exclude: ["Golden", "Corpus"]
        ),
    ]
)

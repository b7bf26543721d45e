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
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .target(
            name: "Anslag",
            dependencies: [
                "CCmarkGFM",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .target(
            name: "AnslagCLI",
            dependencies: [
                "Anslag",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "anslag", dependencies: ["AnslagCLI"]),
        .testTarget(
            name: "AnslagTests",
            dependencies: ["Anslag", "AnslagCLI"],
            exclude: ["Golden", "Corpus"]
        ),
    ]
)

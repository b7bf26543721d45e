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
        .package(url: "https://github.com/swhitty/FlyingFox", exact: "0.27.1"),
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
            ]
        ),
        .target(
            name: "AnslagCLI",
            dependencies: [
                "Anslag",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "FlyingFox", package: "FlyingFox"),
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

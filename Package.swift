// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "desk",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "desk", targets: ["desk"]),
        .library(name: "DeskStore", targets: ["DeskStore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibGit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"])]
        ),
        // OpenSSL's libcrypto (already loaded by libgit2's dependencies) for a fast SHA-1 of git's index.
        .systemLibrary(
            name: "CCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .target(
            name: "DeskStore",
            dependencies: [
                "CLibGit2",
                "CCrypto",
                .product(name: "Yams", package: "Yams"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .executableTarget(
            name: "desk",
            dependencies: [
                "DeskStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "desk-bench",
            dependencies: ["DeskStore"]
        ),
        .target(
            name: "DeskTestSupport",
            dependencies: ["DeskStore"],
            path: "Tests/DeskTestSupport"
        ),
        .testTarget(
            name: "DeskStoreTests",
            dependencies: ["DeskStore", "DeskTestSupport"]
        ),
        .testTarget(
            name: "DeskEndToEndTests",
            dependencies: ["DeskTestSupport"]
        ),
    ]
)

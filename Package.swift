// swift-tools-version: 6.1
import PackageDescription

/// Settings every Swift target shares: Swift 6 language mode with complete concurrency checking.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "vestige",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "vestige", targets: ["vestige"]),
        .library(name: "MediaMetadata", targets: ["MediaMetadata"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        // libcurl and libxml2 are opened with dlopen on first use (see their headers): linked, they
        // and their ~40 dependencies cost every process ~12 ms at start, `search` included.
        .target(name: "CCurl"),
        // libxml2's headers live in their own folder on every Linux distribution (pkg-config's
        // --cflags); a pkg-config system library would also link libxml2, which this avoids.
        .target(name: "CLibXML2", cSettings: [.unsafeFlags(["-I/usr/include/libxml2"])]),
        // zlib is small and used by every WARC command: linked as usual, found through pkg-config.
        .systemLibrary(
            name: "CZlib", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),
        // libzstd reads .warc.zst (ArchiveTeam's wget-at writes them): linked like zlib.
        .systemLibrary(
            name: "CZstd", pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"])]),

        .target(name: "BinaryParsing", swiftSettings: strictSettings),
        .target(name: "MediaMetadata", dependencies: ["BinaryParsing"], swiftSettings: strictSettings),
        .target(
            name: "WARC",
            dependencies: ["CZlib", "CZstd", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strictSettings),
        .target(name: "Fetching", dependencies: ["CCurl"], swiftSettings: strictSettings),
        .target(name: "HTMLParsing", dependencies: ["CLibXML2"], swiftSettings: strictSettings),
        // Platform adapters: pure functions from an archived response to posts and next URLs.
        .target(name: "PlatformAdapters", dependencies: ["HTMLParsing"], swiftSettings: strictSettings),
        .target(
            name: "ArchiveIndex",
            dependencies: [
                "MediaMetadata", "WARC", "HTMLParsing", "PlatformAdapters",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSettings),
        .target(
            name: "Crawling",
            dependencies: [
                "Fetching", "WARC", "HTMLParsing", "ArchiveIndex", "PlatformAdapters",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSettings),
        // A small social platform on loopback for `vestige demo`, `vestige sample-platform` and tests.
        .target(
            name: "SamplePlatform",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird")],
            swiftSettings: strictSettings),
        .target(
            name: "VestigeCLI",
            dependencies: [
                "MediaMetadata", "BinaryParsing", "WARC", "Fetching", "HTMLParsing", "Crawling", "ArchiveIndex",
                "SamplePlatform",
                "CCurl", "CLibXML2", "CZlib",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSettings),
        // Static standard library: start-up time matters for batch jobs (see notes/search.md).
        .executableTarget(
            name: "vestige",
            dependencies: ["VestigeCLI"],
            // Linker flag only: compiling main.swift against the static resource folder makes its
            // _FoundationICU clash with libxml2's system ICU headers (UErrorCode) in a clean build.
            swiftSettings: strictSettings,
            linkerSettings: [
                .unsafeFlags(["-static-stdlib"], .when(platforms: [.linux])),
                // -static-stdlib exports every Swift symbol of the executable (34,944), and dladdr,
                // which the Swift runtime calls at start, scans them all. Nothing looks our symbols
                // up by name (libcurl and libxml2 are dlopened and call back through function
                // pointers): about 2 ms less per process (`vestige search`: 16.8 -> 14.5 ms).
                .unsafeFlags(["-Xlinker", "--no-export-dynamic"], .when(platforms: [.linux])),
                // Foundation's own static dependencies (GRDB uses Foundation), which -static-stdlib
                // leaves out; order matters for static libraries.
                .linkedLibrary("FoundationInternationalization", .when(platforms: [.linux])),
                .linkedLibrary("CoreFoundation", .when(platforms: [.linux])),
                .linkedLibrary("_FoundationICU", .when(platforms: [.linux])),
                .linkedLibrary("_FoundationCollections", .when(platforms: [.linux])),
                .linkedLibrary("_FoundationCShims", .when(platforms: [.linux])),
                .linkedLibrary("swiftSynchronization", .when(platforms: [.linux])),
            ]),

        .testTarget(name: "BinaryParsingTests", dependencies: ["BinaryParsing"], swiftSettings: strictSettings),
        .testTarget(name: "HTMLParsingTests", dependencies: ["HTMLParsing"], swiftSettings: strictSettings),
        .testTarget(
            name: "MediaMetadataTests", dependencies: ["MediaMetadata", "BinaryParsing", "FuzzFindings"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings),
        // A loopback HTTP/1.1 server on raw sockets for tests: scripted, fault-injecting responses.
        .target(name: "TestHTTPServer", path: "Tests/TestHTTPServer", swiftSettings: strictSettings),
        // The inputs scripts/fuzz stored in Fuzz/Findings, for the tests that replay them, and the
        // seeded generator (SplitMix64) the tests that damage inputs share.
        .target(name: "FuzzFindings", path: "Tests/FuzzFindings", swiftSettings: strictSettings),
        .testTarget(
            name: "FetchingTests", dependencies: ["Fetching", "TestHTTPServer", "FuzzFindings"],
            swiftSettings: strictSettings),
        .testTarget(
            name: "CrawlingTests",
            dependencies: [
                "Crawling", "TestHTTPServer", "WARC", "ArchiveIndex", "MediaMetadata", "BinaryParsing", "FuzzFindings",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSettings),
        .testTarget(
            name: "ArchiveIndexTests",
            dependencies: [
                "ArchiveIndex", "MediaMetadata", "BinaryParsing", "FuzzFindings",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings),
        .testTarget(name: "SamplePlatformTests", dependencies: ["SamplePlatform"], swiftSettings: strictSettings),
        .testTarget(
            name: "WARCTests", dependencies: ["WARC", "FuzzFindings"], resources: [.copy("Fixtures")],
            swiftSettings: strictSettings),
        .testTarget(
            name: "PlatformAdaptersTests", dependencies: ["PlatformAdapters", "Crawling", "FuzzFindings"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings),
        .testTarget(
            name: "VestigeCLITests",
            dependencies: [
                "VestigeCLI", "MediaMetadata", "BinaryParsing", "ArchiveIndex", "Crawling", "SamplePlatform", "WARC",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSettings),
    ],
    swiftLanguageModes: [.v6]
)

// swift-tools-version:6.1
// Gaillery: a local-first speech-and-vision photo assistant. See Modules.md for what each module owns.
import PackageDescription

let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "Gaillery",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "gailleryd", targets: ["gailleryd"]),
        .executable(name: "gaillery", targets: ["gaillery"]),
        .executable(name: "gaillery-search-provider", targets: ["gaillery-search-provider"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
    ],
    targets: [
        // MARK: Core values and wire protocol (no I/O)
        .target(name: "GailleryCore", swiftSettings: strict),
        .target(name: "GailleryProtocol", swiftSettings: strict),

        // MARK: Transport
        // The client side of the socket, without NIO: the CLI and other clients link only this.
        .target(name: "GailleryClient", dependencies: ["GailleryProtocol"], swiftSettings: strict),
        .target(
            name: "GailleryRPC",
            dependencies: [
                "GailleryProtocol", "GailleryClient",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),

        // MARK: Web gallery (HTTP on loopback: login, POST /rpc through the same router, photo files, events)
        .target(
            name: "GailleryWeb",
            dependencies: [
                "GailleryProtocol", "GailleryRPC", "GailleryClient",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            resources: [.copy("Page")],
            swiftSettings: strict
        ),

        // MARK: Storage
        .systemLibrary(name: "CCrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CFileSystem"),
        // The int8 scan of "more like this", built -O2 with an AVX2 version chosen at run time.
        .target(name: "CSimilarityKernel", cSettings: [.unsafeFlags(["-O2"])]),
        .target(
            name: "GailleryStore",
            dependencies: [
                "GailleryCore", "CCrypto", "CFileSystem", "CSimilarityKernel", .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),

        // MARK: Vision (decoding, thumbnails, EXIF; classifier in a later issue)
        .target(
            name: "CGailleryImage",
            linkerSettings: [.linkedLibrary("jpeg"), .linkedLibrary("png")]
        ),
        .target(name: "GailleryVision", dependencies: ["GailleryCore", "CGailleryImage"], swiftSettings: strict),

        // MARK: Classifier (ONNX Runtime through dlopen, preprocessing, taxonomy)
        .target(name: "CONNXRuntime", linkerSettings: [.linkedLibrary("dl")]),
        .target(
            name: "GailleryClassifier", dependencies: ["GailleryCore", "GailleryVision", "CONNXRuntime"],
            swiftSettings: strict),

        // MARK: Audio (WAV/PCM input, resampling, FFTW front end, endpointing, ALSA capture)
        .systemLibrary(name: "CFFTW", pkgConfig: "fftw3f", providers: [.apt(["libfftw3-dev"])]),
        .systemLibrary(
            name: "CSphinxBase", pkgConfig: "pocketsphinx", providers: [.apt(["libpocketsphinx-dev", "libsphinxbase-dev"])]),
        .systemLibrary(name: "CALSA", pkgConfig: "alsa", providers: [.apt(["libasound2-dev"])]),
        .target(name: "GailleryAudio", dependencies: ["CFFTW", "CALSA"], swiftSettings: strict),

        // MARK: Speech (pocketsphinx and Moonshine recognizers, grammars, intents; Moonshine shares the classifier's ORT)
        // The acoustic scoring kernel is optimised in every build: tests decode thousands of frames, and
        // floating-point contraction stays off so that scores match pocketsphinx's bit for bit.
        .target(name: "CSenoneScoring", cSettings: [.unsafeFlags(["-O2", "-ffp-contract=off"])]),
        .target(
            name: "GaillerySpeech",
            dependencies: [
                "GailleryCore", "GailleryAudio", "CSphinxBase", "CSenoneScoring", "GailleryClassifier", "CONNXRuntime",
            ],
            swiftSettings: strict),

        // MARK: Speaker adaptation (enrollment: MAP adaptation of the acoustic model with SphinxTrain)
        .target(
            name: "GailleryAdaptation", dependencies: ["GailleryAudio", "GaillerySpeech"], swiftSettings: strict),

        // MARK: Daemon wiring and executables
        .target(
            name: "GailleryDaemon",
            dependencies: [
                "GailleryCore", "GailleryProtocol", "GailleryRPC", "GailleryStore", "GailleryVision",
                "GailleryClassifier", "GailleryAudio", "GaillerySpeech", "GailleryAdaptation", "GailleryWeb",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "gailleryd",
            dependencies: [
                "GailleryDaemon",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "gaillery",
            dependencies: [
                "GailleryProtocol", "GailleryClient", "GailleryLauncher",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),

        // MARK: Desktop launchers (GNOME Shell and KRunner search over D-Bus; query -> rows for any launcher)
        // sd-bus's vtable macros and varargs do not import into Swift: CSDBus wraps them in plain functions.
        .target(name: "CSDBus", linkerSettings: [.linkedLibrary("systemd")]),
        .target(name: "GailleryLauncher", dependencies: ["GailleryClient", "GailleryProtocol"], swiftSettings: strict),
        .executableTarget(
            name: "gaillery-search-provider",
            dependencies: [
                "CSDBus", "GailleryLauncher", "GailleryClient", "GailleryProtocol", "GailleryVision",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),

        // MARK: Benchmarks
        .executableTarget(
            name: "gaillery-bench",
            dependencies: [
                "GailleryProtocol", "GailleryRPC", "GailleryStore", "GailleryVision", "GailleryCore",
                "GailleryClassifier", "GailleryAudio", "GaillerySpeech", "GailleryAdaptation", "GailleryTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Benchmarks/Sources/gaillery-bench",
            swiftSettings: strict
        ),

        .executableTarget(
            name: "moonshine-eval",
            dependencies: ["GaillerySpeech", "GailleryAudio", "GailleryClassifier", "GailleryCore", "GailleryTestSupport"],
            path: "Benchmarks/Sources/moonshine-eval",
            swiftSettings: strict
        ),

        // MARK: Tests
        .target(name: "GailleryTestSupport", path: "Tests/GailleryTestSupport", swiftSettings: strict),
        .testTarget(name: "GailleryCoreTests", dependencies: ["GailleryCore"], swiftSettings: strict),
        .testTarget(name: "GailleryProtocolTests", dependencies: ["GailleryProtocol", "GailleryTestSupport"], swiftSettings: strict),
        .testTarget(
            name: "GailleryRPCTests",
            dependencies: [
                "GailleryRPC", "GailleryProtocol", "GailleryTestSupport", .product(name: "NIOEmbedded", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "GailleryStoreTests", dependencies: ["GailleryStore", "GailleryCore", "GailleryTestSupport"],
            swiftSettings: strict),
        .testTarget(name: "GailleryVisionTests", dependencies: ["GailleryVision", "GailleryTestSupport"], swiftSettings: strict),
        .testTarget(
            name: "GailleryClassifierTests", dependencies: ["GailleryClassifier", "GailleryVision", "GailleryCore"],
            swiftSettings: strict),
        .testTarget(
            name: "GaillerySpeechTests", dependencies: ["GaillerySpeech", "GailleryAudio", "GailleryCore", "GailleryTestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "GailleryAdaptationTests",
            dependencies: ["GailleryAdaptation", "GaillerySpeech", "GailleryAudio", "GailleryTestSupport"],
            swiftSettings: strict),
        .testTarget(name: "GailleryWebTests", dependencies: ["GailleryWeb"], swiftSettings: strict),
        .testTarget(name: "GailleryLauncherTests", dependencies: ["GailleryLauncher"], swiftSettings: strict),
        .testTarget(name: "GailleryCLITests", dependencies: ["gaillery", "GailleryClient"], swiftSettings: strict),
        .testTarget(
            name: "GailleryDaemonTests",
            dependencies: [
                "GailleryDaemon", "GailleryRPC", "GailleryProtocol", "GaillerySpeech", "GailleryAudio", "GailleryCore",
                "GailleryTestSupport", .product(name: "NIOEmbedded", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "GailleryAudioTests", dependencies: ["GailleryAudio", "CSphinxBase"], swiftSettings: strict),
        .testTarget(
            name: "GailleryIntegrationTests",
            dependencies: ["GailleryProtocol", "GailleryRPC", "GailleryVision", "GailleryTestSupport"],
            swiftSettings: strict
        ),
    ]
)

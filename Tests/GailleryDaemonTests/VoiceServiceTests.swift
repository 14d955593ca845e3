import Foundation
import GailleryAudio
import GailleryCore
import GailleryProtocol
import GaillerySpeech
import GailleryTestSupport
import Logging
import NIOEmbedded
import NIOPosix
import Testing

@testable import GailleryDaemon
@testable import GailleryRPC
@testable import GailleryStore

/// `VoiceService` on a temporary data directory, without a socket or a process: a spoken command
/// (espeak-ng) through the real recognizer, "busy" when the one queue in front of the recognizers is
/// full, navigation, delete and undo in a session, and "unavailable" when the model is missing.
@Suite(.serialized) struct VoiceServiceTests {
    /// Whether espeak-ng, sox and the pocketsphinx en-us model are installed.
    static let speechAvailable =
        FileManager.default.fileExists(atPath: SpeechModel.debianEnUS.acousticModel + "/mdef")
        && (try? Shell.run("command -v espeak-ng && command -v sox")) != nil

    /// A service over a fresh data directory holding `photos` photos; `tearDown` after.
    struct Fixture {
        let directory: URL
        let store: PhotoStore
        let service: VoiceService
        let pool: NIOThreadPool
        let connection = RPCConnection(id: 1, peerPID: 1, channel: EmbeddedChannel())
        let photos: [PhotoID]

        init(photos count: Int = 0, queueCapacity: Int = 4, model: SpeechModel = .debianEnUS) throws {
            directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("voice-service-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            store = try PhotoStore(directory: directory)
            photos = try (0..<count).map { [store] index in
                let staged = try store.blobs.stage(bytes: Array("photo \(index)".utf8))
                return try store.ingest(staged, format: .png, name: nil, now: Double(index)).id
            }
            var configuration = VoiceConfiguration()
            configuration.speechModel = model
            configuration.recognizers = 1
            configuration.queueCapacity = queueCapacity
            configuration.speakerDirectory = nil
            var logger = Logger(label: "voice-service-tests")
            logger.logLevel = .critical
            pool = NIOThreadPool(numberOfThreads: 2)
            pool.start()
            let categories = SpeechVocabulary.phrases.compactMap { try? TagName($0) }
            let vocabulary = VocabularySource(
                store: store, loadedCategories: { categories }, modelsDirectory: nil, limit: 120)
            service = VoiceService(
                configuration: configuration, store: store, events: EventHub(), vocabulary: vocabulary,
                blockingPool: pool, logger: logger)
            service.start()
        }

        /// Waits (at most a minute) until the recognizer has loaded or failed to.
        func loaded() async throws {
            let deadline = ContinuousClock.now + .seconds(60)
            while case .loading = service.current, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
        }

        /// `text` spoken by espeak-ng into a WAV in the data directory; returns its path.
        func speech(_ text: String) throws -> String {
            let path = directory.appendingPathComponent("speech-\(UUID().uuidString.prefix(8)).wav").path
            try Shell.run(Espeak.script, Espeak.arguments(text, voice: "en-us", speed: 160, path: path))
            return path
        }

        func tearDown() async throws {
            service.stop()
            try await pool.shutdownGracefully()
            try? FileManager.default.removeItem(at: directory)
        }
    }

    /// The RPC error `body` throws, if any.
    private func rpcError(_ body: () async throws -> some Any) async -> RPCError? {
        do {
            _ = try await body()
            return nil
        } catch {
            return error as? RPCError
        }
    }

    @Test(.enabled(if: speechAvailable, "needs espeak-ng, sox and pocketsphinx-en-us"))
    func aSpokenCommandIsRecognizedAndCarriedOutInTheSession() async throws {
        let fixture = try Fixture(photos: 3)
        defer { Task { try await fixture.tearDown() } }
        try await fixture.loaded()
        #expect(fixture.service.readiness.ready)
        let path = try fixture.speech("show all photos")
        let shown = try await fixture.service.command(.init(path: path), fixture.connection)
        #expect(shown.transcript == "show all photos", "\(shown)")
        #expect(shown.intent.name == "all")
        #expect(shown.result?.count == 3 && shown.result?.position == 1)
        #expect(shown.result?.photos == fixture.photos.reversed().map(\.rawValue))
    }

    @Test func typedCommandsBrowseDeleteAndUndoInTheirSession() async throws {
        let fixture = try Fixture(photos: 3, model: SpeechModel(acousticModel: "/nonexistent", dictionary: "/none"))
        defer { Task { try await fixture.tearDown() } }
        let service = fixture.service
        let connection = fixture.connection
        let shown = try await service.assistant(.init(text: "show all photos"), connection)
        let newest = try #require(shown.result?.current)
        #expect(shown.result?.count == 3)
        let next = try await service.assistant(.init(text: "next"), connection)
        #expect(next.result?.position == 2)
        let current = try #require(next.result?.current)
        #expect(current != newest)
        let deleted = try await service.assistant(.init(text: "delete this photo"), connection)
        #expect(deleted.intent.name == "delete" && deleted.result?.trashed == current)
        #expect(fixture.store.counts().trashed == 1)
        // Another session has its own view: "next" there has nothing to move through.
        let elsewhere = try await service.assistant(.init(text: "next", session: "kitchen"), connection)
        #expect(elsewhere.result?.current == nil)
        let undone = try await service.assistant(.init(text: "undo"), connection)
        #expect(undone.result?.restored == current && undone.result?.current == current)
        #expect(fixture.store.counts().trashed == 0)
        let closed = try await service.assistant(.init(text: "close the gallery"), connection)
        #expect(closed.intent.name == "close" && closed.result?.count == 0)
    }

    @Test func aMissingModelAnswersUnavailableWithTheReason() async throws {
        let fixture = try Fixture(model: SpeechModel(acousticModel: "/nonexistent", dictionary: "/none"))
        defer { Task { try await fixture.tearDown() } }
        try await fixture.loaded()
        #expect(!fixture.service.readiness.ready)
        let error = await rpcError {
            try await fixture.service.command(.init(data: "UklGRg=="), fixture.connection)
        }
        #expect(error?.code == .unavailable, "\(String(describing: error))")
        #expect(error?.message.hasPrefix("speech recognition is not available") == true)
    }

    @Test(.enabled(if: speechAvailable, "needs espeak-ng, sox and pocketsphinx-en-us"))
    func aFullQueueAnswersBusyAndTheCommandInHandStillFinishes() async throws {
        let fixture = try Fixture(queueCapacity: 0)
        defer { Task { try await fixture.tearDown() } }
        try await fixture.loaded()
        let queue = try fixture.service.recognitionQueue()
        // 20 s of noise keeps the only recognizer busy while the second clip is offered.
        var state: UInt64 = 0x5EED
        let samples = (0..<(20 * 16_000)).map { _ -> Float in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Float(Int64(bitPattern: state >> 11) % 2_000) / 10_000
        }
        let noise = Data(WAVWriter.pcm16(PCMAudio(samples: samples, sampleRate: 16_000))).base64EncodedString()
        let service = fixture.service
        let connection = fixture.connection
        let first = Task { try await service.command(.init(data: noise), connection) }
        for _ in 0..<10_000 where queue.depth == 0 { try await Task.sleep(for: .milliseconds(1)) }
        #expect(queue.depth == 1)
        let error = await rpcError { try await service.command(.init(data: noise), connection) }
        #expect(error?.code == .busy, "\(String(describing: error))")
        #expect(error?.message.contains("every speech recognizer is busy and 0 commands are waiting") == true)
        _ = try await first.value
        #expect(queue.depth == 0 && queue.statistics.refused == 1)
    }
}

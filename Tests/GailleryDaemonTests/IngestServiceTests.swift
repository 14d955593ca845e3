import Foundation
import GailleryCore
import GRDB
import GailleryProtocol
import GailleryStore
import GailleryVision
import Logging
import NIOPosix
import Testing

@testable import GailleryDaemon

/// `IngestService` on a temporary data directory, without a socket or a process: uploads through the
/// service reach `done` with the real classifier, a full queue says busy, imports run, non-images are
/// refused before anything is stored.
@Suite struct IngestServiceTests {
    /// The repository's `models/` (prepared by `make models`), found as the integration tests find it.
    static let modelsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("models")
    static let modelsPresent = FileManager.default.fileExists(
        atPath: modelsDirectory.appendingPathComponent("taxonomy.json").path)

    /// A service over a fresh data directory and its store; `stop` it and `remove` the directory after.
    struct Fixture {
        let directory: URL
        let store: PhotoStore
        let service: IngestService
        let pool: NIOThreadPool

        init(models: Bool, queueCapacity: Int = 100) throws {
            directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("ingest-service-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            store = try PhotoStore(directory: directory)
            var configuration = DaemonConfiguration(
                listener: .path(directory.appendingPathComponent("unused.sock").path), dataDirectory: directory)
            configuration.modelsDirectory = models ? IngestServiceTests.modelsDirectory : nil
            configuration.workers = 1
            configuration.queueCapacity = queueCapacity
            configuration.pipelineNice = 0
            var logger = Logger(label: "ingest-service-tests")
            logger.logLevel = .critical
            pool = NIOThreadPool(numberOfThreads: 2)
            pool.start()
            service = IngestService(
                store: store, events: EventHub(), waiters: StatusWaiters(),
                classifier: ClassifierService(configuration: configuration, logger: logger),
                settings: IngestService.Settings(configuration), blockingPool: pool, logger: logger)
        }

        /// Stops the service and the pool and removes the data directory.
        func tearDown() async throws {
            await service.stop()
            try await pool.shutdownGracefully()
            try? FileManager.default.removeItem(at: directory)
        }
    }

    /// A distinct JPEG for each seed, made with the project's own encoder.
    static func jpeg(seed: Int, width: Int = 96, height: Int = 64) throws -> [UInt8] {
        let image = RGBImage(width: width, height: height) { x, y in
            (UInt8((x * 3 + seed * 41) & 0xFF), UInt8((y * 4 + seed * 13) & 0xFF), UInt8((x + y + seed) & 0xFF))
        }
        return try ImageCodec.encodeJPEG(image, quality: 90)
    }

    @Test(.enabled(if: modelsPresent, "models/ is not prepared (make models)"))
    func anUploadReachesDoneWithTheRealClassifier() async throws {
        let fixture = try Fixture(models: true)
        #expect(fixture.service.classifier.readiness.ready)
        try fixture.service.start()
        let outcome = try fixture.service.upload(.bytes(try Self.jpeg(seed: 1)), name: "one.jpg")
        #expect(!outcome.duplicate)
        #expect(outcome.status == .queued)
        let waited = try await fixture.service.wait(for: [outcome.id], until: .now + .seconds(120))
        #expect(waited.complete)
        #expect(waited.photos.map(\.status) == [.done])
        #expect(try fixture.store.labels(of: outcome.id).count == 5)
        #expect(try fixture.store.photo(outcome.id)?.name == "one.jpg")
        // The same bytes again are the same photo.
        let again = try fixture.service.upload(.bytes(try Self.jpeg(seed: 1)), name: nil)
        #expect(again.duplicate && again.id == outcome.id)
        try await fixture.tearDown()
    }

    @Test func aFullQueueSaysBusy() async throws {
        // Not started: the one job stays queued, so the queue stays full.
        let fixture = try Fixture(models: false, queueCapacity: 1)
        _ = try fixture.service.upload(.bytes(try Self.jpeg(seed: 2)), name: "a.jpg")
        #expect(fixture.service.queue.depth == 1)
        let error = try #require(throws: RPCError.self) {
            try fixture.service.upload(.bytes(try Self.jpeg(seed: 3)), name: "b.jpg")
        }
        #expect(error.code == .busy)
        #expect(error.message.hasPrefix("the ingest queue is full (1 photos)"))
        #expect(fixture.store.counts().total == 1)
        try await fixture.tearDown()
    }

    @Test func anImportStoresTheImagesAndSkipsTheRest() async throws {
        let fixture = try Fixture(models: false)
        let source = fixture.directory.appendingPathComponent("source")
        try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
        for seed in 0..<3 {
            try Data(try Self.jpeg(seed: 10 + seed)).write(to: source.appendingPathComponent("p\(seed).jpg"))
        }
        try Data(try Self.jpeg(seed: 10)).write(to: source.appendingPathComponent("copy.jpg"))
        try Data("not a photo\n".utf8).write(to: source.appendingPathComponent("notes.txt"))
        try fixture.service.start()
        let started = try await fixture.service.startImport(source.path, recursive: false)
        var record = started
        let deadline = ContinuousClock.now + .seconds(60)
        while record.state == "running", ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
            record = try #require(try fixture.store.importJob(started.id))
        }
        #expect(record.state == "done")
        #expect(record.total == 5)
        #expect(record.added == 3)
        #expect(record.duplicates == 1)
        #expect(record.skipped == 1)
        #expect(record.failed == 0)
        #expect(fixture.store.counts().total == 3)
        let listed = try await fixture.service.listImports(state: "done", limit: 10)
        #expect(listed.map(\.id) == [started.id])
        try await fixture.tearDown()
    }

    /// Counts the index's commits.
    final class CommitCounter: TransactionObserver, @unchecked Sendable {
        // Only touched on the writer's queue, and read after the writes it counts are done.
        var commits = 0
        func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { true }
        func databaseDidChange(with event: DatabaseEvent) {}
        func databaseDidCommit(_ db: Database) { commits += 1 }
        func databaseDidRollback(_ db: Database) {}
    }

    @Test func anUploadIsOneIndexTransactionAndAParkedPhotoKeepsItsMetadata() async throws {
        let fixture = try Fixture(models: false)
        let counter = CommitCounter()
        fixture.store.pool.add(transactionObserver: counter, extent: .databaseLifetime)
        let outcome = try fixture.service.upload(.bytes(try Self.jpeg(seed: 4)), name: "p.jpg")
        #expect(try await fixture.store.pool.writeWithoutTransaction { _ in counter.commits } == 1)
        // Without a classifier the photo is decoded, then parked with its metadata in the same transaction
        // as its new job kind: a parked job always has its photo's size.
        try fixture.service.start()
        let deadline = ContinuousClock.now + .seconds(30)
        while try fixture.store.pendingJobs().first?.kind != "classify", ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(try fixture.store.pendingJobs().map(\.kind) == ["classify"])
        #expect(try fixture.store.photo(outcome.id)?.width == 96)
        try await fixture.tearDown()
    }

    @Test func unsupportedMediaIsRefusedBeforeAnythingIsStored() async throws {
        let fixture = try Fixture(models: false)
        let text = Array("just some text, not an image\n".utf8)
        let fromBytes = try #require(throws: RPCError.self) {
            try fixture.service.upload(.bytes(text), name: "notes.txt")
        }
        #expect(fromBytes.code == .unsupportedMedia)
        #expect(fromBytes.message.contains("notes.txt"))
        let path = fixture.directory.appendingPathComponent("notes.txt")
        try Data(text).write(to: path)
        let fromPath = try #require(throws: RPCError.self) {
            try fixture.service.upload(.path(path.path), name: nil)
        }
        #expect(fromPath.code == .unsupportedMedia)
        #expect(fixture.store.counts().total == 0)
        #expect(fixture.service.queue.depth == 0)
        let staging = try FileManager.default.contentsOfDirectory(
            atPath: fixture.directory.appendingPathComponent("tmp").path)
        #expect(staging.isEmpty)
        try await fixture.tearDown()
    }
}

import Foundation
import GailleryProtocol
import GailleryRPC
import GailleryVision
import Testing

/// "More like this" and near duplicates through the real daemon, the real model and the real CLI, on
/// real photographs (skimage's samples) and a resized, recompressed copy of one of them made here.
@Suite struct SimilarPhotosTests {
    static let names = ["chelsea.png", "coffee.png", "astronaut.png", "rocket.jpg", "motorcycle_left.png"]

    /// chelsea.png at half size, JPEG quality 60: what a phone's "share" or a chat app makes of a photo.
    static func chelseaCopy(in directory: URL) throws -> String {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: VoiceFixtures.photos + "/chelsea.png")))
        let image = try ImageCodec.decode(bytes, alpha: .drop)
        let small = image.resized(width: image.width / 2, height: image.height / 2, filter: .bicubic)
        let path = directory.appendingPathComponent("chelsea-small.jpg").path
        try Data(try ImageCodec.encodeJPEG(small, quality: 60)).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func aCopyIsTheNearestPhotoAndItsDuplicate() throws {
        let daemon = try DaemonHarness().start()
        let client = try daemon.client()
        let ids = try VoiceFixtures.upload(Self.names, with: client)
        let cat = ids[0]
        let copy = try client.call(PhotosUpload.self, .init(path: try Self.chelseaCopy(in: daemon.root))).id
        #expect(try client.call(PhotosWait.self, .init(ids: [copy], timeoutMs: 120_000)).complete)

        let similar = try client.call(PhotosSimilar.self, .init(id: cat, limit: 10))
        #expect(similar.photos.map(\.id).first == copy, "\(similar.photos.map { ($0.id, $0.score ?? 0) })")
        #expect((similar.photos.first?.score ?? 0) > 0.8)
        #expect(similar.photos.count == 5 && !similar.photos.contains { $0.id == cat })
        #expect(similar.photos.dropFirst().allSatisfy { ($0.score ?? 1) < 0.5 })

        let duplicates = try client.call(PhotosDuplicates.self, .init())
        #expect(duplicates.groups.map { $0.photos.map(\.id) } == [[cat, copy]], "\(duplicates)")
        #expect(duplicates.total == 1)

        // A trashed copy is neither an answer nor a duplicate; restored, it is both again.
        _ = try client.call(PhotosDelete.self, .init(id: copy))
        #expect(try client.call(PhotosSimilar.self, .init(id: cat)).photos.first?.id != copy)
        #expect(try client.call(PhotosDuplicates.self, .init()).groups.isEmpty)
        #expect(try client.call(PhotosSimilar.self, .init(id: copy, limit: 1)).photos.first?.id == cat)
        _ = try client.call(PhotosRestore.self, .init(id: copy))
        #expect(try client.call(PhotosSimilar.self, .init(id: cat, limit: 1)).photos.first?.id == copy)

        #expect(client.expectError(PhotosSimilar.self, .init(id: 9999))?.code == .notFound)
        #expect(client.expectError(PhotosSimilar.self, .init(id: cat, limit: 0))?.code == .invalidParams)
        #expect(client.expectError(PhotosDuplicates.self, .init(maxHashDistance: 40))?.code == .invalidParams)

        // The CLI, as a user types it.
        let shown = try Self.cli(["--socket", daemon.socketPath, "similar", String(cat), "--limit", "3"])
        #expect(shown.status == 0, "\(shown.err)")
        let firstRow = shown.out.split(separator: "\n").dropFirst().first.map(String.init) ?? ""
        #expect(firstRow.trimmingCharacters(in: .whitespaces).hasPrefix("\(copy) "), "\(shown.out)")
        #expect(firstRow.contains("chelsea-small.jpg"))
        let groups = try Self.cli(["--socket", daemon.socketPath, "duplicates"])
        #expect(groups.status == 0 && groups.out.hasPrefix("group 1: 2 photos"), "\(groups.out)\(groups.err)")
        let missing = try Self.cli(["--socket", daemon.socketPath, "similar", "9999"])
        #expect(missing.status != 0 && missing.err.contains("photo 9999 does not exist"), "\(missing.err)")

        // Typed "more like this" acts on the photo the session shows.
        func ask(_ text: String) throws -> CommandResult { try client.call(AssistantCommand.self, .init(text: text)) }
        #expect(try ask("more like this").result?.message.hasPrefix("no photo is shown") == true)
        let cats = try #require(try ask("show me photos of cats").result)
        let shownCat = try #require(cats.current)
        let more = try ask("show me more like this")
        #expect(more.intent.name == "similar", "\(more)")
        #expect(more.result?.photos?.first == (shownCat == cat ? copy : cat), "\(more)")
        #expect(more.result?.current == more.result?.photos?.first && more.result?.count == 5)
    }

    /// Runs the built `gaillery` with `arguments`; its exit status and output.
    static func cli(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let binary = URL(fileURLWithPath: DaemonHarness.binary).deletingLastPathComponent()
            .appendingPathComponent("gaillery")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let (out, err) = (Pipe(), Pipe())
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: errors, as: UTF8.self)
        )
    }
}

import Foundation
import GailleryProtocol
import GailleryRPC
import Testing

/// `photos.upload` with good and hostile input; the daemon stays up and earlier photos stay intact.
@Suite struct UploadTests {
    @Test func uploadByPathStoresTheBytesAndDeduplicates() throws {
        let daemon = try DaemonHarness().start()
        let client = try daemon.client()
        let bytes = Fixtures.jpeg(width: 640, height: 480, seed: 1)
        let path = try Fixtures.write(bytes, to: daemon.root.appendingPathComponent("in"), name: "a.jpg")
        let first = try client.call(PhotosUpload.self, .init(path: path))
        #expect(!first.duplicate)
        #expect(first.sha256.count == 64)
        let again = try client.call(PhotosUpload.self, .init(data: Data(bytes).base64EncodedString(), name: "copy.jpg"))
        #expect(again.duplicate)
        #expect(again.id == first.id)
        let waited = try client.call(PhotosWait.self, .init(ids: [first.id], timeoutMs: 30_000))
        #expect(waited.complete)
        #expect(waited.photos.first?.status == "done")
        let photo = try client.call(PhotosGet.self, .init(id: first.id))
        #expect(photo.name == "a.jpg")
        #expect(photo.width == 640 && photo.height == 480)
        let original = try #require(photo.originalPath)
        #expect(try Data(contentsOf: URL(fileURLWithPath: original)) == Data(bytes))
        let thumbnail = try #require(photo.thumbnailPath)
        #expect(FileManager.default.fileExists(atPath: thumbnail))
    }

    @Test func pngUploadIsDecodedToo() throws {
        let daemon = try DaemonHarness().start()
        let client = try daemon.client()
        let result = try client.call(PhotosUpload.self, .init(data: Data(Fixtures.png()).base64EncodedString()))
        let waited = try client.call(PhotosWait.self, .init(ids: [result.id], timeoutMs: 30_000))
        #expect(waited.photos.first?.status == "done")
        #expect(try client.call(PhotosGet.self, .init(id: result.id)).format == "png")
    }

    @Test func hostileUploadsGetClearErrorsAndEarlierPhotosSurvive() throws {
        let daemon = try DaemonHarness().start()
        let client = try daemon.client()
        let inbox = daemon.root.appendingPathComponent("in")
        let good = Fixtures.jpeg(seed: 7)
        let kept = try client.call(
            PhotosUpload.self, .init(path: try Fixtures.write(good, to: inbox, name: "good.jpg")))

        func expectCode(_ params: PhotosUpload.Params, _ code: ErrorCode, mentioning words: [String]) {
            guard let error = client.expectError(PhotosUpload.self, params) else { return }
            #expect(error.code == code, "\(params): \(error)")
            for word in words { #expect(error.message.contains(word), "\(error.message) lacks \(word)") }
        }
        expectCode(.init(path: "relative/a.jpg"), .invalidParams, mentioning: ["absolute"])
        expectCode(.init(path: inbox.path + "/missing.jpg"), .fileAccess, mentioning: ["no such file"])
        expectCode(.init(path: inbox.path), .fileAccess, mentioning: ["directory"])
        expectCode(.init(path: "/dev/null"), .fileAccess, mentioning: ["not a regular file"])
        expectCode(
            .init(path: try Fixtures.write([], to: inbox, name: "empty.jpg")), .unsupportedMedia, mentioning: ["empty"])
        expectCode(
            .init(path: try Fixtures.write(Array("hello, not a photo\n".utf8), to: inbox, name: "text.jpg")),
            .unsupportedMedia, mentioning: ["text", "JPEG, PNG"])
        expectCode(
            .init(path: try Fixtures.write(Array("GIF89a....".utf8), to: inbox, name: "anim.gif")), .unsupportedMedia,
            mentioning: ["GIF"])
        expectCode(
            .init(
                path: try Fixtures.write(Fixtures.pngHeader(width: 60000, height: 60000), to: inbox, name: "bomb.png")),
            .invalidImage, mentioning: ["60000", "--max-pixels"])
        expectCode(.init(), .invalidParams, mentioning: ["path"])
        expectCode(.init(path: "/a", data: "AAAA"), .invalidParams, mentioning: ["not both"])
        expectCode(.init(data: "%%%not base64%%%"), .invalidParams, mentioning: ["base64"])

        // Damage past the header is found by the decoder: stored, then failed with the reason.
        var failedIDs: [Int64] = []
        for (name, bytes) in [("truncated.jpg", Fixtures.truncatedJPEG()), ("corrupt.jpg", Fixtures.corruptJPEG())] {
            let result = try client.call(
                PhotosUpload.self, .init(path: try Fixtures.write(bytes, to: inbox, name: name)))
            failedIDs.append(result.id)
        }
        let waited = try client.call(PhotosWait.self, .init(ids: failedIDs, timeoutMs: 30_000))
        #expect(waited.complete)
        for item in waited.photos {
            #expect(item.status == "failed")
            #expect((item.error ?? "").count > 10)
        }
        let search = try client.call(PhotosSearch.self, .init(query: "status:failed"))
        #expect(Set(search.photos.map(\.id)) == Set(failedIDs))

        // The daemon is still up and the good photo is intact.
        let photo = try client.call(PhotosGet.self, .init(id: kept.id))
        #expect(try Data(contentsOf: URL(fileURLWithPath: try #require(photo.originalPath))) == Data(good))
    }

    @Test func aFullQueueAnswersBusy() throws {
        let daemon = try DaemonHarness(arguments: ["--queue-capacity", "1", "--workers", "1"]).start()
        let client = try daemon.client()
        // Made up front, so that uploads follow each other faster than the single worker decodes.
        let payloads = (0..<40).map { Data(Fixtures.jpeg(width: 1200, height: 900, seed: $0)).base64EncodedString() }
        var sawBusy = false
        for payload in payloads {
            do {
                _ = try client.call(PhotosUpload.self, .init(data: payload))
            } catch let error as RPCError {
                #expect(error.code == .busy)
                #expect(error.data?["retry_after_ms"] != nil)
                sawBusy = true
                break
            }
        }
        #expect(sawBusy)
    }
}

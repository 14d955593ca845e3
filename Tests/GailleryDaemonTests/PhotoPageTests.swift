import GailleryProtocol
import Testing

@testable import GailleryDaemon

/// Pages of `photos.list` and `photos.search` are assembled from cached summaries: the text must be
/// the one `WireEncoder` writes for the same `PhotoPage`.
@Suite struct PhotoPageTests {
    static let photos = [
        PhotoInfo(
            id: 7, sha256: String(repeating: "a", count: 64), name: "dog \"on\" beach.jpg", format: "jpeg",
            byteSize: 1_234_567, width: 4032, height: 3024, orientation: 6, takenAt: "2024-07-01T12:00:00",
            addedAt: "2024-07-02T08:00:00Z", status: "done", error: nil, trashedAt: nil),
        PhotoInfo(
            id: 3, sha256: String(repeating: "b", count: 64), name: nil, format: "png", byteSize: 42, width: nil,
            height: nil, orientation: nil, takenAt: nil, addedAt: "2024-07-02T08:00:01Z", status: "failed",
            error: "PNG data is corrupt", trashedAt: nil),
    ]

    /// A photo's summary as the cache holds it: its JSON without the closing brace.
    static func openSummary(_ photo: PhotoInfo) throws -> [UInt8] {
        var bytes = try WireEncoder().encode(photo)
        bytes.removeLast()
        return bytes
    }

    @Test(arguments: [nil, "dGhlIG5leHQgcGFnZQ"])
    func listPagesMatchTheEncoder(nextCursor: String?) throws {
        let items = try Self.photos.map { (rendered: try Self.openSummary($0), score: Double?.none) }
        let expected = try WireEncoder().encode(PhotoPage(photos: Self.photos, nextCursor: nextCursor))
        #expect(try Wire.photoPage(items, nextCursor: nextCursor).bytes == expected)
    }

    @Test(arguments: [nil, "c29tZSBjdXJzb3I"])
    func searchPagesMatchTheEncoder(nextCursor: String?) throws {
        let scores = [1.854591212682704, 0.1]
        let items = try zip(Self.photos, scores).map { (rendered: try Self.openSummary($0), score: Optional($1)) }
        var scored = Self.photos
        for index in scored.indices { scored[index].score = scores[index] }
        let expected = try WireEncoder().encode(PhotoPage(photos: scored, nextCursor: nextCursor))
        #expect(try Wire.photoPage(items, nextCursor: nextCursor).bytes == expected)
    }

    @Test func anEmptyPage() throws {
        #expect(
            try Wire.photoPage([], nextCursor: nil).bytes
                == WireEncoder().encode(PhotoPage(photos: [], nextCursor: nil)))
    }
}

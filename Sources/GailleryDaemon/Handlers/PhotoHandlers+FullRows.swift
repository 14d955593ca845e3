import Foundation
import GailleryCore
import GailleryProtocol
import GailleryStore

extension PhotoHandlers {
    /// The rows of a `full` page (`photos.search` or `photos.list` with `full: true`): each photo's list
    /// form plus its original's and thumbnail's paths and top tags, read for the whole page at once.
    /// These rows are not cached: the default path's `RenderedPhotoCache` stays as it is, and a launcher
    /// asks for one short page per keystroke.
    ///
    /// - Parameters:
    ///   - ids: the page, in order, each with its search score (nil for `photos.list`).
    ///   - minConfidence: the lowest confidence of a tag shown.
    /// - Throws: database errors; `EncodingError` for a non-finite score.
    func fullPage(_ ids: [(id: PhotoID, score: Double?)], minConfidence: Double, nextCursor: String?) throws
        -> EncodedJSON
    {
        let rows = try store.photosWithTags(
            ids.map(\.id), topTags: PhotoPage.fullRowTags, minConfidence: minConfidence)
        let scores = Dictionary(ids.map { ($0.id, $0.score) }, uniquingKeysWith: { first, _ in first })
        let photos = rows.map { row -> PhotoInfo in
            var info = Wire.info(row.record)
            info.score = scores[row.record.id] ?? nil
            info.originalPath = store.blobs.originalPath(
                sha256: row.record.sha256, fileExtension: row.record.format.fileExtension)
            let thumbnail = store.blobs.thumbnailPath(sha256: row.record.sha256)
            // A thumbnail is written after decoding; until then (or when it failed) the row has none.
            info.thumbnailPath = access(thumbnail, F_OK) == 0 ? thumbnail : nil
            info.tags = row.tags.map { PhotoTag(tag: $0.tag, confidence: $0.confidence, source: $0.source) }
            return info
        }
        return EncodedJSON(bytes: try WireEncoder().encode(PhotoPage(photos: photos, nextCursor: nextCursor)))
    }
}

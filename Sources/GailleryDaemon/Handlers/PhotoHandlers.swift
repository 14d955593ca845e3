import Foundation
import GailleryCore
import GailleryProtocol
import GailleryRPC
import GailleryStore
import NIOPosix

/// `photos.get`, `photos.list`, `photos.delete`, `photos.restore`, `photos.tag`, `trash.*`,
/// `photos.search` and `tags.list`: the library as it is, read and edited in the store. They get the
/// store, the rendered-photo cache, the query cache, the event hub and the thread pool, nothing else.
struct PhotoHandlers: Sendable {
    let store: PhotoStore
    /// Each photo's list form as JSON, for pages served from memory.
    let summaries: RenderedPhotoCache
    /// Parsed `photos.search` queries by their text.
    let queries: QueryCache
    /// The taxonomy's everyday categories, which `tags.list` lists first.
    let everydayTags: [String]
    let events: EventHub
    /// Where blocking handlers run (database reads and writes, fsync).
    let pool: NIOThreadPool

    /// Adds these methods to `router`.
    func register(on router: inout RPCRouter) {
        router.registerBlocking(PhotosGet.self, on: pool) { params, _ in try get(params) }
        router.registerBlocking(PhotosList.self, on: pool, encoded: { params, _ in try list(params) })
        router.registerBlocking(PhotosDelete.self, on: pool) { params, _ in try delete(params) }
        router.registerBlocking(PhotosRestore.self, on: pool) { params, _ in try restore(params) }
        router.registerBlocking(PhotosTag.self, on: pool) { params, _ in try tag(params) }
        router.registerBlocking(TrashList.self, on: pool) { params, _ in try trashList(params) }
        router.registerBlocking(TrashEmpty.self, on: pool) { _, _ in try emptyTrash() }
        router.registerBlocking(
            PhotosSearch.self, on: pool, fromMemory: { params, _ in try searchFromMemory(params) }
        ) { params, _ in try search(params) }
        router.registerBlocking(TagsList.self, on: pool) { params, _ in try tagsList(params) }
        registerSimilar(on: &router)
    }

    /// `photos.get`: the full form, with paths and tags.
    func get(_ params: PhotosGet.Params) throws -> PhotoInfo {
        let id = try Wire.photoID(params.id)
        guard let record = try store.photo(id) else { throw RPCError.notFound("photo \(id)") }
        return try store.fullInfo(record)
    }

    /// `photos.list`: the page's ids from the index, the photos from `summaries` (which reads only those it
    /// does not hold), or, with `full`, from `fullPage`.
    func list(_ params: PhotosList.Params) throws -> EncodedJSON {
        let limit = try Wire.limit(params.limit, default: 100, maximum: 1000)
        guard let order = ListOrder(rawValue: params.order ?? "added") else {
            throw RPCError.invalidParams("params.order must be \"added\" or \"taken\", got \"\(params.order ?? "")\"")
        }
        let (ids, next) = try store.list(order: order, limit: limit, cursor: params.cursor)
        if params.full == true {
            return try fullPage(ids.map { (id: $0, score: nil) }, minConfidence: 0.1, nextCursor: next)
        }
        // `load` leaves out photos deleted since the page was read, keeping the others' order.
        let rendered = try summaries.load(ids)
        return try Wire.photoPage(rendered.map { (rendered: $0.rendered, score: nil) }, nextCursor: next)
    }
}

extension PhotoStore {
    /// A photo with its file paths, tags and classifier labels (`photos.get`, `photos.restore`).
    func fullInfo(_ record: PhotoRecord) throws -> PhotoInfo {
        var info = Wire.info(record)
        info.originalPath = blobs.originalPath(sha256: record.sha256, fileExtension: record.format.fileExtension)
        let thumbnail = blobs.thumbnailPath(sha256: record.sha256)
        info.thumbnailPath = access(thumbnail, F_OK) == 0 ? thumbnail : nil
        info.tags = try tags(of: record.id).map { PhotoTag(tag: $0.tag, confidence: $0.confidence, source: $0.source) }
        info.labels = try labels(of: record.id).map {
            PhotoLabel(rank: $0.rank, label: $0.label, wnid: $0.wnid, confidence: $0.confidence, model: $0.model)
        }
        info.personBoxes = try personDetection(of: record.id)?.boxes.map {
            PhotoPersonBox(x: $0.x, y: $0.y, width: $0.width, height: $0.height, score: $0.score)
        }
        return info
    }
}

import Foundation
import GailleryCore
import GailleryProtocol
import GailleryStore

extension Daemon {
    /// `photos.get`: the full form, with paths and tags. Blocking (database reads and a stat): registered
    /// to run on the blocking pool.
    func get(_ params: PhotosGet.Params) throws -> PhotoInfo {
        let id = try Wire.photoID(params.id, method: PhotosGet.method)
        guard let record = try store.photo(id) else { throw RPCError.notFound("photo \(id)") }
        return try fullInfo(record)
    }

    /// A photo with its file paths, tags and classifier labels.
    func fullInfo(_ record: PhotoRecord) throws -> PhotoInfo {
        var info = Wire.info(record)
        info.originalPath = store.blobs.originalPath(sha256: record.sha256, fileExtension: record.format.fileExtension)
        let thumbnail = store.blobs.thumbnailPath(sha256: record.sha256)
        info.thumbnailPath = access(thumbnail, F_OK) == 0 ? thumbnail : nil
        info.tags = try store.tags(of: record.id).map { PhotoTag(tag: $0.tag, confidence: $0.confidence, source: $0.source) }
        info.labels = try store.labels(of: record.id).map {
            PhotoLabel(rank: $0.rank, label: $0.label, wnid: $0.wnid, confidence: $0.confidence, model: $0.model)
        }
        return info
    }

    /// `photos.list`: the page's ids from the index, the photos from `summaries` (which reads only those it
    /// does not hold). Blocking (database reads): registered to run on the blocking pool.
    func list(_ params: PhotosList.Params) throws -> EncodedJSON {
        let method = PhotosList.method
        let limit = try Wire.limit(params.limit, default: 100, maximum: 1000, method: method)
        guard let order = ListOrder(rawValue: params.order ?? "added") else {
            throw RPCError.invalidParams("\(method): params.order must be \"added\" or \"taken\", got \"\(params.order ?? "")\"")
        }
        do {
            let (ids, next) = try store.list(order: order, limit: limit, cursor: params.cursor)
            // `load` leaves out photos deleted since the page was read, keeping the others' order.
            let rendered = try summaries.load(ids)
            return try Wire.photoPage(rendered.map { (rendered: $0.rendered, score: nil) }, nextCursor: next)
        } catch {
            throw Wire.error(error, method: method)
        }
    }

    /// `photos.delete`: to the trash.
    func delete(_ params: PhotosDelete.Params) async throws -> PhotosDelete.Result {
        let id = try Wire.photoID(params.id, method: PhotosDelete.method)
        let trashedAt = try await blocking { [self] in
            do {
                return try store.trash(id, now: Date().timeIntervalSince1970)
            } catch {
                throw Wire.error(error, method: PhotosDelete.method)
            }
        }
        events.publish(EventNotification.Topic.photoDeleted, DeletionEvent(id: id.rawValue, permanent: false))
        return PhotosDelete.Result(id: id.rawValue, trashedAt: Wire.timestamp(trashedAt))
    }

    /// `photos.restore`.
    func restore(_ params: PhotosRestore.Params) async throws -> PhotoInfo {
        let id = try Wire.photoID(params.id, method: PhotosRestore.method)
        let info = try await blocking { [self] in
            do {
                try store.restore(id)
            } catch let error as StoreError where error.isInvalidInput {
                throw RPCError(.conflict, "\(PhotosRestore.method): \(error)")
            } catch {
                throw Wire.error(error, method: PhotosRestore.method)
            }
            guard let record = try store.photo(id) else { throw RPCError.notFound("photo \(id)") }
            return try fullInfo(record)
        }
        events.publish(EventNotification.Topic.photoRestored, PhotosGet.Params(id: id.rawValue))
        return info
    }

    /// `photos.tag`: manual tags.
    func tag(_ params: PhotosTag.Params) async throws -> PhotosTag.Result {
        let method = PhotosTag.method
        let id = try Wire.photoID(params.id, method: method)
        func canonical(_ tags: [String]?, field: String) throws -> [String] {
            try (tags ?? []).map { raw in
                do {
                    return try TagName(raw).rawValue
                } catch {
                    throw RPCError.invalidParams("\(method): params.\(field): \(error)")
                }
            }
        }
        let add = try canonical(params.add, field: "add")
        let remove = try canonical(params.remove, field: "remove")
        guard !add.isEmpty || !remove.isEmpty else {
            throw RPCError.invalidParams("\(method): pass tags in params.add and/or params.remove")
        }
        let tags = try await blocking { [self] in
            do {
                return try store.editManualTags(id, add: add, remove: remove)
            } catch {
                throw Wire.error(error, method: method)
            }
        }
        return PhotosTag.Result(id: id.rawValue, tags: tags.map { PhotoTag(tag: $0.tag, confidence: $0.confidence, source: $0.source) })
    }
}

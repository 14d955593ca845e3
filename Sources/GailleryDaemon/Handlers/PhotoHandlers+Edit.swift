import Foundation
import GailleryCore
import GailleryProtocol
import GailleryStore

extension PhotoHandlers {
    /// `photos.delete`: to the trash.
    func delete(_ params: PhotosDelete.Params) throws -> PhotosDelete.Result {
        let id = try Wire.photoID(params.id)
        let trashedAt = try store.trash(id, now: Date().timeIntervalSince1970)
        events.publish(EventNotification.Topic.photoDeleted, DeletionEvent(id: id.rawValue, permanent: false))
        return PhotosDelete.Result(id: id.rawValue, trashedAt: Wire.timestamp(trashedAt))
    }

    /// `photos.restore`.
    func restore(_ params: PhotosRestore.Params) throws -> PhotoInfo {
        let id = try Wire.photoID(params.id)
        try store.restoreFromTrash(id)
        guard let record = try store.photo(id) else { throw RPCError.notFound("photo \(id)") }
        events.publish(EventNotification.Topic.photoRestored, PhotosGet.Params(id: id.rawValue))
        return try store.fullInfo(record)
    }

    /// `photos.tag`: manual tags.
    func tag(_ params: PhotosTag.Params) throws -> PhotosTag.Result {
        let id = try Wire.photoID(params.id)
        func canonical(_ tags: [String]?, field: String) throws -> [String] {
            try (tags ?? []).map { raw in
                do {
                    return try TagName(raw).rawValue
                } catch {
                    throw RPCError.invalidParams("params.\(field): \(error)")
                }
            }
        }
        let add = try canonical(params.add, field: "add")
        let remove = try canonical(params.remove, field: "remove")
        guard !add.isEmpty || !remove.isEmpty else {
            throw RPCError.invalidParams("pass tags in params.add and/or params.remove")
        }
        let tags = try store.editManualTags(id, add: add, remove: remove)
        return PhotosTag.Result(
            id: id.rawValue, tags: tags.map { PhotoTag(tag: $0.tag, confidence: $0.confidence, source: $0.source) })
    }

    /// `trash.list`.
    func trashList(_ params: TrashList.Params) throws -> PhotoPage {
        let limit = try Wire.limit(params.limit, default: 100, maximum: 1000)
        let (records, next) = try store.trashList(limit: limit, cursor: params.cursor)
        return PhotoPage(photos: records.map(Wire.info), nextCursor: next)
    }

    /// `trash.empty`: permanent.
    func emptyTrash() throws -> TrashEmpty.Result {
        let removed = try store.emptyTrash()
        for photo in removed {
            events.publish(EventNotification.Topic.photoDeleted, DeletionEvent(id: photo.id.rawValue, permanent: true))
        }
        return TrashEmpty.Result(removed: removed.count, bytesFreed: removed.reduce(0) { $0 + $1.byteSize })
    }
}

extension PhotoStore {
    /// Takes a photo out of the trash, answering "conflict" when it is not in the trash (shared by
    /// `photos.restore` and the spoken "undo").
    ///
    /// - Throws: `RPCError` conflict; `StoreError` not found.
    func restoreFromTrash(_ id: PhotoID) throws {
        do {
            try restore(id)
        } catch let error as StoreError where error.isInvalidInput {
            throw RPCError(.conflict, "\(error)")
        }
    }
}

/// The `photo.deleted` payload: `permanent` is false for a move to the trash, true for `trash.empty`.
struct DeletionEvent: Encodable, Sendable {
    var id: Int64
    var permanent: Bool
}

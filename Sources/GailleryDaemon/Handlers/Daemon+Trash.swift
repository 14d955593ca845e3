import Foundation
import GailleryProtocol
import GailleryStore

extension Daemon {
    /// `trash.list`.
    func trashList(_ params: TrashList.Params) async throws -> PhotoPage {
        let limit = try Wire.limit(params.limit, default: 100, maximum: 1000, method: TrashList.method)
        return try await blocking { [self] in
            do {
                let (records, next) = try store.trashList(limit: limit, cursor: params.cursor)
                return PhotoPage(photos: records.map(Wire.info), nextCursor: next)
            } catch {
                throw Wire.error(error, method: TrashList.method)
            }
        }
    }

    /// `trash.empty`: permanent.
    func emptyTrash() async throws -> TrashEmpty.Result {
        let removed = try await blocking { [self] in try store.emptyTrash() }
        for photo in removed {
            events.publish(EventNotification.Topic.photoDeleted, DeletionEvent(id: photo.id.rawValue, permanent: true))
        }
        return TrashEmpty.Result(removed: removed.count, bytesFreed: removed.reduce(0) { $0 + $1.byteSize })
    }
}

/// The `photo.deleted` payload: `permanent` is false for a move to the trash, true for `trash.empty`.
struct DeletionEvent: Encodable, Sendable {
    var id: Int64
    var permanent: Bool
}

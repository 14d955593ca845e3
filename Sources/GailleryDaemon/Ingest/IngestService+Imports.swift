import Foundation
import GailleryProtocol
import GailleryStore

extension IngestService {
    /// Checks that `dir` (absolute) is a readable directory on a real filesystem, records the import
    /// and starts it in the background.
    ///
    /// - Throws: `RPCError` file access when `dir` cannot be read, is not a directory or is a kernel
    ///   pseudo-filesystem; the store's error when the import cannot be recorded.
    package func startImport(_ dir: String, recursive: Bool) async throws -> ImportRecord {
        var info = stat()
        guard stat(dir, &info) == 0 else {
            let reason = String(cString: strerror(errno)).lowercased()
            throw RPCError(.fileAccess, "cannot read \(dir): \(reason)")
        }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw RPCError(.fileAccess, "\(dir) is not a directory; use photos.upload for single files")
        }
        if let filesystem = BoundedReader.pseudoFilesystem(atPath: dir) {
            throw RPCError(.fileAccess, "\(BoundedReader.pseudoFileMessage(dir, filesystem: filesystem))")
        }
        let record = try await blocking { [store] () throws -> ImportRecord in
            let id = try store.createImport(dir: dir, recursive: recursive, now: Date().timeIntervalSince1970)
            return try store.importJob(id)!
        }
        imports.start(record, through: self)
        return record
    }

    /// Imports, newest first, optionally only those in `state`; at most `limit`.
    package func listImports(state: String?, limit: Int) async throws -> [ImportRecord] {
        try await blocking { [store] in try store.imports(state: state, limit: limit) }
    }

    /// Cancels the running import `id` and returns it as now recorded.
    ///
    /// - Throws: `RPCError` not found when there is no such import, conflict when it is not running.
    package func cancelImport(_ id: Int64) async throws -> ImportRecord {
        guard var record = try await blocking({ [store] in try store.importJob(id) }) else {
            throw RPCError.notFound("job \(id)")
        }
        guard record.state == "running" else {
            throw RPCError(.conflict, "job \(record.id) is already \(record.state)")
        }
        record.state = "cancelled"
        let saved = record
        try await blocking { [store] in try store.updateImport(saved, now: Date().timeIntervalSince1970) }
        _ = imports.cancel(record.id)
        return try await blocking { [store] in try store.importJob(id)! }
    }

    /// Returns once the queue has room for another photo (imports wait here rather than being refused
    /// "busy"), without blocking a thread; false when the pipeline stopped or the task was cancelled.
    func waitForRoom() async -> Bool {
        await pipeline.waitForRoom()
    }
}

import Foundation
import GailleryCore
import GailleryProtocol
import GailleryRPC
import GailleryStore
import GailleryWeb

extension Daemon {
    /// Starts the web gallery on `router` (the socket's own), unless `--http off`. A port that cannot be
    /// bound is logged and reported by `daemon.status`; the daemon goes on without the gallery.
    func startWeb(router: RPCRouter) async {
        let settings: WebConfiguration?
        do {
            settings = try configuration.webConfiguration()
        } catch {
            logger.warning("running without the web gallery", metadata: ["reason": "\(error)"])
            return
        }
        guard let settings else { return }
        let server = WebServer(
            configuration: settings, router: router,
            photoFiles: { [store] id, kind in try Self.photoFile(store: store, id: id, kind: kind) }, logger: logger)
        web.withLockedValue { $0 = server }
        await server.start()
    }

    /// Stops the web gallery (its WebSockets close, its sessions end).
    func stopWeb() async {
        await web.withLockedValue { $0 }?.stop()
    }

    /// `daemon.status`'s `http`: nil with `--http off`.
    var httpStatus: DaemonStatus.HTTP? {
        guard let status = web.withLockedValue({ $0 })?.status else {
            return configuration.http == nil
                ? nil
                : DaemonStatus.HTTP(url: "http://\(configuration.http ?? "")/", listening: false, reason: "not started")
        }
        return DaemonStatus.HTTP(url: status.url, listening: status.listening, reason: status.reason)
    }

    /// A photo's original or thumbnail for `GET /photos/ID/...`: nil for an unknown photo or a thumbnail
    /// not made yet. One indexed read by primary key.
    static func photoFile(store: PhotoStore, id: Int64, kind: PhotoFileKind) throws -> PhotoFile? {
        guard let record = try store.photo(PhotoID(id)) else { return nil }
        switch kind {
        case .original:
            let type = record.format == .png ? "image/png" : "image/jpeg"
            return PhotoFile(
                path: store.blobs.originalPath(sha256: record.sha256, fileExtension: record.format.fileExtension),
                sha256: record.sha256, contentType: type)
        case .thumbnail:
            let path = store.blobs.thumbnailPath(sha256: record.sha256)
            guard access(path, F_OK) == 0 else { return nil }
            return PhotoFile(path: path, sha256: record.sha256, contentType: "image/jpeg")
        }
    }
}

import Foundation
import GailleryCore
import GailleryProtocol
import GailleryStore
import GailleryVision

extension Daemon {
    /// Where an upload's bytes come from.
    enum UploadSource: Sendable {
        case path(String)
        case bytes([UInt8])
    }

    /// `photos.upload`. Blocking (file I/O, fsync, the index's commit): registered to run on the
    /// blocking pool, straight from the event loop, so that an upload waits for no task hop.
    func upload(_ params: PhotosUpload.Params) throws -> PhotosUpload.Result {
        let method = PhotosUpload.method
        try refuseWhileStopping(method)
        let source = try Wire.source(path: params.path, data: params.data, method: method)
        try Wire.refuseNUL(params.name, field: "name", method: method)
        guard pipeline.hasRoom else {
            throw RPCError(
                .busy, "\(method): the ingest queue is full (\(pipeline.capacity) photos); retry shortly",
                data: .object(["retry_after_ms": .int(500), "queue_depth": .int(Int64(pipeline.depth))]))
        }
        let name = params.name ?? { if case .path(let path) = source { return (path as NSString).lastPathComponent } else { return nil } }()
        let outcome = try ingest(source, name: name, method: method)
        return PhotosUpload.Result(
            id: outcome.id.rawValue, sha256: outcome.sha256, duplicate: outcome.duplicate, status: outcome.status.rawValue)
    }

    /// Stages, checks and stores one original, enqueues its job and publishes `photo.added`. Blocking:
    /// call it on the blocking pool. Shared by `photos.upload` and imports.
    ///
    /// A path's content is judged from its first bytes before the rest is copied, so that a large
    /// non-image costs no more than the sniff window.
    ///
    /// - Parameters:
    ///   - importID: the import this file belongs to, recorded with the photo when it is new.
    ///   - isCancelled: asked between chunks of a path's copy; when it returns true the copy stops.
    /// - Throws: `RPCError` (file access, unsupported media, invalid image, internal).
    func ingest(
        _ source: UploadSource, name: String?, method: String, importID: Int64? = nil,
        isCancelled: () -> Bool = { false }
    ) throws -> IngestOutcome {
        let label = name ?? "the data"
        let staged: StagedFile
        do {
            switch source {
            case .path(let path):
                staged = try store.blobs.stage(
                    contentsOf: path, maxBytes: configuration.maxUploadBytes,
                    accept: { head in
                        if case .unsupported(let what) = MediaKind.detect(head) {
                            throw Self.unsupported(what, label: label, method: method)
                        }
                    }, isCancelled: isCancelled)
            case .bytes(let bytes):
                guard Int64(bytes.count) <= configuration.maxUploadBytes else {
                    throw RPCError(.fileAccess, "\(method): the data is \(bytes.count) bytes, over the \(configuration.maxUploadBytes)-byte upload limit")
                }
                staged = try store.blobs.stage(bytes: bytes)
            }
        } catch let error as BlobStore.SourceError {
            throw RPCError(.fileAccess, "\(method): \(error)")
        }
        do {
            let format = try checkImage(staged, label: label, method: method)
            let outcome = try store.ingest(
                staged, format: format, name: name, now: Date().timeIntervalSince1970, importID: importID)
            if !outcome.duplicate {
                if let job = outcome.job { pipeline.enqueue(job) }
                events.publish(
                    EventNotification.Topic.photoAdded,
                    PhotosUpload.Result(id: outcome.id.rawValue, sha256: outcome.sha256, duplicate: false, status: "queued"))
            } else if outcome.restored {
                events.publish(EventNotification.Topic.photoRestored, PhotosGet.Params(id: outcome.id.rawValue))
            }
            return outcome
        } catch {
            store.blobs.remove(staged.temporaryPath)
            if error is RPCError { throw error }
            throw Wire.error(error, method: method)
        }
    }

    /// Detects the format from content and reads the header, refusing non-images and images over the
    /// pixel limit before anything is stored.
    private func checkImage(_ staged: StagedFile, label: String, method: String) throws -> ImageFormat {
        let format: ImageFormat
        switch MediaKind.detect(staged.head) {
        case .image(let detected):
            format = detected
        case .unsupported(let what):
            throw Self.unsupported(what, label: label, method: method)
        }
        let header: ImageHeader
        do {
            header = try Self.probeHeader(staged)
        } catch {
            throw RPCError(.invalidImage, "\(method): \(label) is not a readable \(format.rawValue.uppercased()): \(error)")
        }
        let pixels = header.width * header.height
        if pixels > configuration.maxPixels {
            throw RPCError(
                .invalidImage,
                "\(method): \(label) is \(header.width)×\(header.height) (\(pixels / 1_000_000) MP), over the "
                    + "\(configuration.maxPixels / 1_000_000) MP limit; start gailleryd with a larger --max-pixels if it is a real photo")
        }
        return format
    }

    /// The "unsupported media" error for content detected as `what`.
    private static func unsupported(_ what: String, label: String, method: String) -> RPCError {
        RPCError(.unsupportedMedia, "\(method): \(label) is \(what), which is not supported; supported: JPEG, PNG")
    }

    /// Probes the first 64 KiB, and the whole file only when the header lies beyond them (large EXIF
    /// or ICC segments before the frame header).
    private static func probeHeader(_ staged: StagedFile) throws -> ImageHeader {
        if let header = try? ImageCodec.probe(staged.head) { return header }
        guard Int64(staged.head.count) < staged.byteCount else { return try ImageCodec.probe(staged.head) }
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: staged.temporaryPath)))
        return try ImageCodec.probe(bytes)
    }
}

import Foundation
import GailleryCore
import GailleryProtocol
import GailleryStore
import Logging
import NIOConcurrencyHelpers

/// Runs directory imports as tasks: walks the directory, stores each image through the same path as
/// `photos.upload`, waits (instead of failing) while the ingest queue is full, and reports progress.
///
/// An import interrupted by a crash or a shutdown is still `running` in the index and starts over at
/// the next start. Each photo an import adds is recorded with it in the same transaction, so the run
/// that starts over counts the files its earlier run stored as added, not as duplicates.
package final class ImportRunner: Sendable {
    private let store: PhotoStore
    private let events: EventHub
    private let logger: Logger
    private let tasks = NIOLockedValueBox([Int64: Task<Void, Never>]())

    init(store: PhotoStore, events: EventHub, logger: Logger) {
        self.store = store
        self.events = events
        self.logger = logger
    }

    /// Starts the import recorded as `id`, storing its files through `service`.
    func start(_ record: ImportRecord, through service: IngestService) {
        let task = Task { [self] in
            await run(record, service: service)
            _ = tasks.withLockedValue { $0.removeValue(forKey: record.id) }
        }
        tasks.withLockedValue { $0[record.id] = task }
    }

    /// Restarts every import the index still shows as running.
    func resume(through service: IngestService) {
        guard let running = try? store.imports(state: "running", limit: 1000) else { return }
        for var record in running {
            logger.notice("resuming interrupted import", metadata: ["job": "\(record.id)", "dir": "\(record.dir)"])
            (record.total, record.processed, record.added, record.duplicates, record.failed, record.skipped) = (
                0, 0, 0, 0, 0, 0
            )
            start(record, through: service)
        }
    }

    /// Cancels a running import (the copy in hand stops at its next chunk); returns false when it is
    /// not running here.
    func cancel(_ id: Int64) -> Bool {
        guard let task = tasks.withLockedValue({ $0[id] }) else { return false }
        task.cancel()
        return true
    }

    /// Stops every import at the file in hand, leaving it `running` in the index so it resumes at the
    /// next start.
    func stopAll() async {
        let running = tasks.withLockedValue { Array($0.values) }
        for task in running { task.cancel() }
        for task in running { await task.value }
    }

    private func run(_ initial: ImportRecord, service: IngestService) async {
        var record = initial
        let files: [String]
        do {
            files = try await service.blocking {
                try DirectoryWalk.regularFiles(in: initial.dir, recursive: initial.recursive)
            }
        } catch {
            record.state = "failed"
            record.error = "\(error)"
            save(record, publish: true)
            return
        }
        record.total = files.count
        save(record, publish: true)
        var lastReport = ContinuousClock.now
        // Photos this run counted as added: a later file with the same bytes is a duplicate even though
        // the photo is recorded as this import's.
        var addedByThisRun = Set<PhotoID>()
        for file in files {
            guard await service.waitForRoom(), !Task.isCancelled else { break }
            do {
                let (outcome, recorded) = try await ingest(file, importID: record.id, service: service)
                if outcome.duplicate && (!recorded || addedByThisRun.contains(outcome.id)) {
                    record.duplicates += 1
                } else {
                    record.added += 1
                    addedByThisRun.insert(outcome.id)
                }
            } catch let error as RPCError where error.code == .unsupportedMedia {
                record.skipped += 1
            } catch {
                // The copy in hand stopped because the import was cancelled: not the file's fault.
                if Task.isCancelled { break }
                record.failed += 1
                logger.notice("import could not store a file", metadata: ["file": "\(file)", "error": "\(error)"])
            }
            record.processed += 1
            if ContinuousClock.now - lastReport > .milliseconds(250) {
                lastReport = ContinuousClock.now
                save(record, publish: true)
            }
        }
        if Task.isCancelled {
            // Cancelled by jobs.cancel (state saved there) or by shutdown (stays running, resumes later).
            if (try? store.importJob(record.id))?.state == "cancelled" { record.state = "cancelled" } else { return }
        } else {
            record.state = "done"
        }
        save(record, publish: true)
    }

    /// Stores one file on the blocking pool; cancelling the task stops its copy between chunks (the
    /// blocking thread cannot see the task's cancellation, so a flag carries it over).
    ///
    /// - Returns: the outcome, and whether its photo is recorded as added by this import (for a
    ///   duplicate: by this run or by an interrupted earlier one).
    private func ingest(
        _ file: String, importID: Int64, service: IngestService
    ) async throws -> (outcome: IngestOutcome, recorded: Bool) {
        let cancelled = NIOLockedValueBox(false)
        return try await withTaskCancellationHandler {
            try await service.blocking { [store] in
                let outcome = try service.ingest(
                    .path(file), name: (file as NSString).lastPathComponent,
                    importID: importID, isCancelled: { cancelled.withLockedValue { $0 } })
                return (outcome, !outcome.duplicate || (try? store.importAdded(importID, photo: outcome.id)) == true)
            }
        } onCancel: {
            cancelled.withLockedValue { $0 = true }
        }
    }

    private func save(_ record: ImportRecord, publish: Bool) {
        do {
            try store.updateImport(record, now: Date().timeIntervalSince1970)
        } catch {
            logger.error("could not save import progress", metadata: ["job": "\(record.id)", "error": "\(error)"])
        }
        if publish, let saved = try? store.importJob(record.id) {
            events.publish(EventNotification.Topic.jobProgress, Wire.job(saved))
        }
    }
}

/// Lists the regular files of a directory tree without following symbolic links to directories.
enum DirectoryWalk {
    /// Paths of regular files (symbolic links to files included) under `root`, sorted.
    ///
    /// Directories on kernel pseudo-filesystems (/proc, /sys below a recursive import of /) are not
    /// entered, and each directory is read once, so a bind mount of a directory inside itself cannot
    /// make the walk endless.
    ///
    /// - Throws: `RPCError(.fileAccess)` when `root` cannot be read.
    static func regularFiles(in root: String, recursive: Bool) throws -> [String] {
        var result: [String] = []
        var pending = [root]
        var visited = Set<[UInt64]>()
        var isRoot = true
        while let directory = pending.popLast() {
            var info = stat()
            if stat(directory, &info) == 0 {
                guard visited.insert([UInt64(info.st_dev), UInt64(info.st_ino)]).inserted else { continue }
            }
            if !isRoot, BoundedReader.pseudoFilesystem(atPath: directory) != nil { continue }
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: directory)
            } catch {
                if isRoot {
                    throw RPCError(.fileAccess, "cannot read directory \(root): \(error.localizedDescription)")
                }
                continue
            }
            isRoot = false
            for name in names where !name.hasPrefix(".") {
                let path = directory + "/" + name
                var info = stat()
                guard lstat(path, &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFREG:
                    result.append(path)
                case S_IFDIR where recursive:
                    pending.append(path)
                case S_IFLNK:
                    var target = stat()
                    if stat(path, &target) == 0, target.st_mode & S_IFMT == S_IFREG { result.append(path) }
                default:
                    break
                }
            }
        }
        return result.sorted()
    }
}

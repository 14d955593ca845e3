import Foundation
import GailleryProtocol
import GailleryRPC
import Testing

/// Paths a hostile client names: devices, kernel pseudo-files that declare 0 or 4096 bytes and read
/// gigabytes, FIFOs, directories, symbolic-link loops, NUL bytes. Each gets a documented error at once,
/// nothing is left in `tmp/`, and the daemon serves on.
@Suite struct HostilePathTests {
    /// Files in the daemon's `tmp/`.
    static func temporaryFiles(_ daemon: DaemonHarness) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: daemon.dataDirectory.path + "/tmp")) ?? []
    }

    /// A FIFO, a symbolic-link loop and a directory in `directory`, for every method that takes a path.
    static func specialFiles(in directory: URL) throws -> (fifo: String, loop: String, folder: String) {
        let folder = directory.appendingPathComponent("a-folder")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let fifo = directory.path + "/pipe.jpg"
        #expect(mkfifo(fifo, 0o600) == 0)
        let loop = directory.path + "/loop.jpg"
        try FileManager.default.createSymbolicLink(atPath: loop, withDestinationPath: directory.path + "/loop2.jpg")
        try FileManager.default.createSymbolicLink(atPath: directory.path + "/loop2.jpg", withDestinationPath: loop)
        return (fifo, loop, folder.path)
    }

    /// The path to refuse and a word its message must contain.
    static func hostileCases(in directory: URL) throws -> [(path: String, word: String)] {
        let special = try specialFiles(in: directory)
        return [
            ("/dev/zero", "not a regular file"), ("/dev/urandom", "not a regular file"),
            ("/proc/self/pagemap", "procfs"), ("/proc/self/mem", "procfs"), ("/proc/self/status", "procfs"),
            ("/sys/devices/system/cpu/online", "sysfs"), (special.fifo, "not a regular file"),
            (special.folder, "directory"), (special.loop, "symbolic links"),
        ]
    }

    @Test func uploadsOfDevicesAndKernelFilesAreRefusedAndNothingIsCopied() throws {
        let daemon = try DaemonHarness(arguments: ["--max-upload-bytes", "10485760"]).start()
        let client = try daemon.client()
        let inbox = daemon.root.appendingPathComponent("in")
        for (path, word) in try Self.hostileCases(in: inbox) {
            let error = try #require(client.expectError(PhotosUpload.self, .init(path: path)))
            #expect(error.code == .fileAccess, "\(path): \(error)")
            #expect(error.message.contains(word), "\(path): \(error.message)")
        }
        #expect(Self.temporaryFiles(daemon).isEmpty)
        // Still serving: a real photo goes in.
        let good = try Fixtures.write(Fixtures.jpeg(seed: 3), to: inbox, name: "good.jpg")
        #expect(try !client.call(PhotosUpload.self, .init(path: good)).duplicate)
    }

    @Test func importsRefuseKernelDirectoriesAndSkipKernelFilesInsideADirectory() throws {
        let daemon = try DaemonHarness(arguments: ["--max-upload-bytes", "10485760"]).start()
        let client = try daemon.client()
        for (dir, word) in [("/proc/self", "procfs"), ("/proc", "procfs"), ("/sys/kernel", "sysfs")] {
            let error = try #require(client.expectError(PhotosImport.self, .init(dir: dir, recursive: true)))
            #expect(error.code == .fileAccess, "\(dir): \(error)")
            #expect(error.message.contains(word), "\(dir): \(error.message)")
        }
        // A folder of links into /proc and /dev, a FIFO and a link loop beside one photo.
        let folder = daemon.root.appendingPathComponent("hostile")
        let special = try Self.specialFiles(in: folder)
        for (dir, word) in [(special.fifo, "not a directory"), (special.loop, "symbolic links")] {
            let error = try #require(client.expectError(PhotosImport.self, .init(dir: dir)))
            #expect(error.code == .fileAccess && error.message.contains(word), "\(dir): \(error)")
        }
        // /dev holds devices, not regular files: nothing is read from them and the import ends.
        let devices = try Self.waitForEnd(of: try client.call(PhotosImport.self, .init(dir: "/dev")).job, client)
        #expect(devices.state == "done" && devices.added == 0 && devices.failed == 0, "\(devices)")
        try Fixtures.write(Fixtures.jpeg(seed: 4), to: folder, name: "good.jpg")
        let links = ["pagemap.jpg": "/proc/self/pagemap", "zero.jpg": "/dev/zero", "self": "/proc/self"]
        for (name, target) in links {
            try FileManager.default.createSymbolicLink(atPath: folder.path + "/" + name, withDestinationPath: target)
        }
        let job = try client.call(PhotosImport.self, .init(dir: folder.path, recursive: true)).job
        let info = try Self.waitForEnd(of: job, client)
        #expect(info.state == "done")
        #expect(info.added == 1)
        #expect(info.failed == 1, "the link to /proc/self/pagemap")
        #expect(info.processed == 2)
        #expect(Self.temporaryFiles(daemon).isEmpty)
        #expect(try client.call(DaemonStatus.self, NoParams()).pid == daemon.process?.processIdentifier)
    }

    /// Polls `jobs.list` until `job` is no longer running (or a minute has passed).
    static func waitForEnd(of job: Int64, _ client: RPCClient) throws -> JobInfo {
        let deadline = Date().addingTimeInterval(60)
        while true {
            let info = try #require(try client.call(JobsList.self, .init()).jobs.first { $0.id == job })
            if info.state != "running" || Date() > deadline { return info }
            usleep(50_000)
        }
    }

    @Test func cancellingAnImportStopsTheCopyInHand() throws {
        let daemon = try DaemonHarness(arguments: ["--max-upload-bytes", "\(8 << 30)"]).start()
        let client = try daemon.client()
        // A 4 GiB sparse file that starts as a real JPEG: its copy takes seconds.
        let folder = daemon.root.appendingPathComponent("huge")
        let path = try Fixtures.write(Fixtures.jpeg(seed: 5), to: folder, name: "huge.jpg")
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: 4 << 30)
        try handle.close()
        let job = try client.call(PhotosImport.self, .init(dir: folder.path)).job
        // Cancel once the copy has started and is well short of its end.
        let tmp = daemon.dataDirectory.path + "/tmp/"
        var copied: Int64 = 0
        let started = Date().addingTimeInterval(60)
        while copied == 0, Date() < started {
            for name in Self.temporaryFiles(daemon) {
                var info = stat()
                if stat(tmp + name, &info) == 0 { copied = max(copied, Int64(info.st_size)) }
            }
        }
        #expect(copied > 0)
        #expect(copied < 2 << 30)
        #expect(try client.call(JobsCancel.self, .init(job: job)).state == "cancelled")
        // The copy stops and is removed; no photo is stored from it.
        let deadline = Date().addingTimeInterval(60)
        while !Self.temporaryFiles(daemon).isEmpty, Date() < deadline { usleep(20_000) }
        #expect(Self.temporaryFiles(daemon).isEmpty)
        let originals = FileManager.default.enumerator(atPath: daemon.dataDirectory.path + "/originals")
        let stored = (originals?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".jpg") }
        #expect(stored.isEmpty)
        #expect(try client.call(PhotosList.self, .init()).photos.isEmpty)
        #expect(try client.call(JobsList.self, .init()).jobs.first?.processed == 0)
    }

    @Test func aNULInAPathOrNameIsRefusedNamingTheParameter() throws {
        let daemon = try DaemonHarness().start()
        let client = try daemon.client()
        let inbox = daemon.root.appendingPathComponent("in")
        let photo = try Fixtures.write(Fixtures.jpeg(seed: 6), to: inbox, name: "photo.jpg")
        let smuggled = photo + "\u{0}/../../../etc/passwd"
        func expectRefused<M: RPCMethod>(_ method: M.Type, _ params: M.Params, field: String) {
            guard let error = client.expectError(method, params) else { return }
            #expect(error.code == .invalidParams, "\(M.method): \(error)")
            #expect(error.message.contains("params.\(field) contains a NUL byte"), "\(error.message)")
        }
        expectRefused(PhotosUpload.self, .init(path: smuggled), field: "path")
        expectRefused(PhotosUpload.self, .init(path: photo, name: "a.jpg\u{0}.png"), field: "name")
        expectRefused(PhotosImport.self, .init(dir: daemon.root.path + "/in\u{0}/etc"), field: "dir")
        expectRefused(VoiceCommand.self, .init(path: smuggled), field: "path")
        let listen = try #require(client.expectError(VoiceListen.self, .init(device: "default\u{0}x")))
        #expect(listen.code == .invalidParams && listen.message.contains("params.device"), "\(listen)")
        // Nothing was stored under the smuggled name.
        #expect(try client.call(PhotosList.self, .init()).photos.isEmpty)
    }
}

/// `voice.command` with the same hostile paths: refused as file access errors before any audio is read.
@Suite(.enabled(if: VoiceFixtures.available, VoiceFixtures.skipReason))
struct HostileVoicePathTests {
    @Test func voiceCommandsNamingDevicesOrKernelFilesAreRefused() throws {
        let daemon = try DaemonHarness().start()
        let client = try daemon.client()
        try VoiceFixtures.waitForSpeech(client, directory: daemon.root)
        for (path, word) in try HostilePathTests.hostileCases(in: daemon.root.appendingPathComponent("in")) {
            let error = try #require(client.expectError(VoiceCommand.self, .init(path: path)))
            #expect(error.code == .fileAccess, "\(path): \(error)")
            #expect(error.message.contains(word), "\(path): \(error.message)")
        }
        #expect(try client.call(DaemonStatus.self, NoParams()).pid == daemon.process?.processIdentifier)
    }
}

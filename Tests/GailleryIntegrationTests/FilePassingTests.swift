import Foundation
import GailleryProtocol
import GailleryRPC
import Testing

/// The file-passing socket (`rpc.fd.sock`): a client opens the file and passes the descriptor, so the
/// daemon reads what the client could open even where it cannot see the path. The hostile-input checks
/// hold for descriptors as they do for paths, and every received descriptor is closed.
@Suite struct FilePassingTests {
    /// Sends `params` for `method` over the file-passing socket with `descriptors` attached and returns
    /// the reply as JSON.
    static func exchange(
        _ daemon: DaemonHarness, method: String = PhotosUpload.method, params: JSONValue = .object([:]),
        passing descriptors: [Int32]
    ) throws -> JSONValue {
        let socket = try RawSocket.connect(path: FilePassing.socketPath(forRPCSocket: daemon.socketPath))
        defer { close(socket) }
        let request = JSONValue.object([
            "jsonrpc": .string("2.0"), "id": .int(1), "method": .string(method), "params": params,
        ])
        var line = Array(try JSONEncoder().encode(request))
        line.append(UInt8(ascii: "\n"))
        // A server with every thread taken answers busy at once and closes, so sending may fail with a
        // broken pipe while its answer waits to be read.
        var sendError: (any Error)?
        do {
            try DescriptorMessages.send(on: socket, line, passing: descriptors)
        } catch {
            sendError = error
        }
        var reply = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while !reply.contains(UInt8(ascii: "\n")) {
            let count = chunk.withUnsafeMutableBytes { read(socket, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            reply += chunk[0..<count]
        }
        if reply.isEmpty, let sendError { throw sendError }
        return try JSONDecoder().decode(JSONValue.self, from: Data(reply))
    }

    /// The error code of a reply, or nil when it succeeded.
    static func errorCode(_ reply: JSONValue) -> Int64? {
        if case .int(let code) = reply["error"]?["code"] { return code }
        return nil
    }

    /// The paths the daemon's open descriptors point to.
    static func openFiles(of daemon: DaemonHarness) -> [String] {
        guard let pid = daemon.process?.processIdentifier else { return [] }
        let directory = "/proc/\(pid)/fd"
        return ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).compactMap {
            try? FileManager.default.destinationOfSymbolicLink(atPath: directory + "/" + $0)
        }
    }

    @Test func aFileDeletedAfterOpeningIsUploadedThroughItsDescriptor() throws {
        let daemon = try DaemonHarness().start()
        let path = try Fixtures.write(
            Fixtures.jpeg(seed: 11), to: daemon.root.appendingPathComponent("in"), name: "gone.jpg")
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        unlink(path)
        let reply = try Self.exchange(daemon, params: .object(["name": .string("gone.jpg")]), passing: [descriptor])
        #expect(Self.errorCode(reply) == nil, "\(reply)")
        guard case .int(let id) = reply["result"]?["id"] else {
            Issue.record("no photo id in \(reply)")
            return
        }
        let client = try daemon.client()
        #expect(try client.call(PhotosGet.self, .init(id: id)).name == "gone.jpg")
        // The same bytes sent inline are the same photo: the daemon read exactly the file's content.
        let again = try client.call(PhotosUpload.self, .init(data: Data(Fixtures.jpeg(seed: 11)).base64EncodedString()))
        #expect(again.duplicate && again.id == id)
        #expect(!Self.openFiles(of: daemon).contains { $0.contains("gone.jpg") })
    }

    @Test func aDaemonWithItsOwnTmpReadsTheClientsTmpFileOnlyThroughTheDescriptor() throws {
        // systemd's PrivateTmp=yes, reproduced: the daemon runs in a mount namespace with an empty /tmp.
        // A checkout under /tmp (a CI clone) holds the daemon and its models: it is bound back in, as
        // ReadWritePaths would, so only the client's files stay out of the daemon's sight.
        let checkout = URL(fileURLWithPath: DaemonHarness.modelsDirectory).deletingLastPathComponent().path
        let script = """
            checkout="$1"; shift
            case "$checkout" in /tmp/*)
                keep=/var/tmp/gaillery-private-tmp-keep; mkdir -p "$keep" && mount --bind "$checkout" "$keep" || exit 1;;
            esac
            mount -t tmpfs none /tmp || exit 1
            if [ -n "${keep:-}" ]; then mkdir -p "$checkout" && mount --bind "$keep" "$checkout" || exit 1; fi
            exec "$@"
            """
        let launcher = [
            "/usr/bin/unshare", "--mount", "--propagation", "private", "/bin/sh", "-c", script, "sh", checkout,
        ]
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: launcher[0])
        probe.arguments = Array(launcher.dropFirst()) + ["/bin/true"]
        probe.standardError = FileHandle.nullDevice
        let usable: Bool
        do {
            try probe.run()
            probe.waitUntilExit()
            usable = probe.terminationStatus == 0
        } catch {
            usable = false
        }
        guard usable else {
            withKnownIssue("unshare --mount needs root (or user namespaces); the descriptor path is tested above") {
                throw HarnessError("unshare is not usable here")
            }
            return
        }
        let daemon = try DaemonHarness(launcher: launcher, base: "/var/tmp").start()
        let inbox = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
            "fp-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: inbox) }
        let path = try Fixtures.write(Fixtures.png(seed: 5), to: inbox, name: "in-tmp.png")
        let client = try daemon.client()
        let byPath = try #require(client.expectError(PhotosUpload.self, .init(path: path)))
        #expect(byPath.code == .fileAccess)
        #expect(byPath.message.contains("no such file"), "\(byPath)")
        let raw = try client.callRaw(method: PhotosUpload.method, file: path) {
            PhotosUpload.Params(path: $0, data: $1, name: "in-tmp.png")
        }
        let result = try WireCoding.decoder().decode(PhotosUpload.Result.self, from: raw)
        #expect(!result.duplicate)
        let again = try client.call(PhotosUpload.self, .init(data: Data(Fixtures.png(seed: 5)).base64EncodedString()))
        #expect(again.duplicate && again.id == result.id)

        // The CLI the issue was filed against: `gaillery upload /tmp/...` now works.
        let other = try Fixtures.write(Fixtures.jpeg(seed: 6), to: inbox, name: "cli.jpg")
        let cli = Process()
        cli.executableURL = URL(fileURLWithPath: DaemonHarness.binary).deletingLastPathComponent()
            .appendingPathComponent("gaillery")
        cli.arguments = ["upload", "--json", "--socket", daemon.socketPath, other]
        let output = Pipe()
        cli.standardOutput = output
        try cli.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        cli.waitUntilExit()
        #expect(cli.terminationStatus == 0, "\(printed)")
        let uploaded = try WireCoding.decoder().decode(PhotosUpload.Result.self, from: Data(printed.utf8))
        #expect(try client.call(PhotosGet.self, .init(id: uploaded.id)).name == "cli.jpg")
    }

    @Test func withoutTheFilePassingSocketTheClientSendsTheBytes() throws {
        let daemon = try DaemonHarness().start()
        unlink(FilePassing.socketPath(forRPCSocket: daemon.socketPath))
        let path = try Fixtures.write(
            Fixtures.jpeg(seed: 12), to: daemon.root.appendingPathComponent("in"), name: "a.jpg")
        let raw = try daemon.client().callRaw(method: PhotosUpload.method, file: path) {
            PhotosUpload.Params(path: $0, data: $1, name: "a.jpg")
        }
        let result = try WireCoding.decoder().decode(PhotosUpload.Result.self, from: raw)
        let again = try daemon.client().call(PhotosUpload.self, .init(path: path))
        #expect(again.duplicate && again.id == result.id)
    }

    @Test func hostileDescriptorsAreRefusedWithDocumentedCodesAndClosed() throws {
        let daemon = try DaemonHarness(arguments: ["--max-upload-bytes", "10485760"]).start()
        let inbox = daemon.root.appendingPathComponent("in")
        let special = try HostilePathTests.specialFiles(in: inbox)
        let huge = inbox.path + "/huge.jpg"
        let hugeDescriptor = open(huge, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        #expect(ftruncate(hugeDescriptor, 80 << 20) == 0)  // over both limits: uploads 10 MiB, audio 64 MiB
        close(hugeDescriptor)
        let good = try Fixtures.write(Fixtures.jpeg(seed: 13), to: inbox, name: "good.jpg")
        var cases: [(what: String, path: String, flags: Int32, method: String, code: Int64, word: String)] = [
            ("procfs", "/proc/self/status", O_RDONLY, PhotosUpload.method, -32005, "procfs"),
            ("FIFO", special.fifo, O_RDONLY | O_NONBLOCK, PhotosUpload.method, -32005, "not a regular file"),
            ("directory", special.folder, O_RDONLY, PhotosUpload.method, -32005, "directory"),
            ("huge", huge, O_RDONLY, PhotosUpload.method, -32005, "upload limit"),
            ("write-only", good, O_WRONLY, PhotosUpload.method, -32005, "writing only"),
            ("another method", good, O_RDONLY, PhotosList.method, -32600, "does not take a passed file"),
        ]
        if VoiceFixtures.available {
            // voice.command reads its file once a recognizer is loaded.
            try VoiceFixtures.waitForSpeech(try daemon.client(), directory: daemon.root)
            cases += [
                ("procfs audio", "/proc/self/status", O_RDONLY, VoiceCommand.method, -32005, "procfs"),
                ("FIFO audio", special.fifo, O_RDONLY | O_NONBLOCK, VoiceCommand.method, -32005, "not a regular file"),
                ("directory audio", special.folder, O_RDONLY, VoiceCommand.method, -32005, "directory"),
                ("huge audio", huge, O_RDONLY, VoiceCommand.method, -32005, "limit"),
            ]
        }
        for item in cases {
            let descriptor = open(item.path, item.flags | O_CLOEXEC)
            try #require(descriptor >= 0, "\(item.what)")
            defer { close(descriptor) }
            let reply = try Self.exchange(daemon, method: item.method, passing: [descriptor])
            #expect(Self.errorCode(reply) == item.code, "\(item.what): \(reply)")
            guard case .string(let message) = reply["error"]?["message"] else { continue }
            #expect(message.contains(item.word), "\(item.what): \(message)")
        }
        let descriptor = open(good, O_RDONLY | O_CLOEXEC)
        defer { close(descriptor) }
        let two = try Self.exchange(daemon, passing: [descriptor, descriptor])
        #expect(Self.errorCode(two) == -32600)
        let none = try Self.exchange(daemon, passing: [])
        #expect(Self.errorCode(none) == -32600)
        let both = try Self.exchange(daemon, params: .object(["path": .string(good)]), passing: [descriptor])
        #expect(Self.errorCode(both) == -32602)
        #expect(HostilePathTests.temporaryFiles(daemon).isEmpty)
        // Every descriptor received was closed once its request was answered.
        let leaked = Self.openFiles(of: daemon).filter { $0.hasPrefix(inbox.path) || $0.contains("/proc/") }
        #expect(leaked.isEmpty, "the daemon still holds \(leaked)")
        // Still serving: the good photo goes in through its descriptor.
        let accepted = try Self.exchange(daemon, passing: [descriptor])
        #expect(Self.errorCode(accepted) == nil, "\(accepted)")
    }

    @Test(.enabled(if: VoiceFixtures.available, VoiceFixtures.skipReason))
    func aSpokenCommandIsReadFromAPassedFileTheDaemonCannotSeeByPath() throws {
        let daemon = try DaemonHarness().start()
        let client = try daemon.client()
        let ids = try VoiceFixtures.upload(["chelsea.png", "coffee.png"], with: client)
        try VoiceFixtures.waitForSpeech(client, directory: daemon.root)
        let wav = try VoiceFixtures.speech("show me photos of cats", in: daemon.root)
        let descriptor = open(wav, O_RDONLY | O_CLOEXEC)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        unlink(wav)
        let reply = try Self.exchange(daemon, method: VoiceCommand.method, passing: [descriptor])
        let result = try #require(reply["result"], "\(reply)")
        let spoken = try WireCoding.decoder().decode(CommandResult.self, from: JSONEncoder().encode(result))
        #expect(spoken.slots.tags == ["cat"])
        #expect(spoken.result?.current == ids[0])
    }

    @Test func connectionsBeyondTheLimitAreAnsweredBusyAndSilentOnesDoNotBlockOthersForever() throws {
        let daemon = try DaemonHarness().start()
        let socketPath = FilePassing.socketPath(forRPCSocket: daemon.socketPath)
        // Eight clients that connect and send nothing hold every connection thread.
        var silent: [Int32] = []
        defer { for socket in silent { close(socket) } }
        // One accepting thread admits them in order, so the next connection is the ninth.
        for _ in 0..<FilePassingServer.Limits().connections { silent.append(try RawSocket.connect(path: socketPath)) }
        let path = try Fixtures.write(
            Fixtures.jpeg(seed: 14), to: daemon.root.appendingPathComponent("in"), name: "b.jpg")
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        defer { close(descriptor) }
        let refused = try Self.exchange(daemon, passing: [descriptor])
        #expect(Self.errorCode(refused) == -32003, "\(refused)")
        // A client that goes away frees its thread at once.
        for socket in silent { close(socket) }
        silent = []
        var accepted = try Self.exchange(daemon, passing: [descriptor])
        // The threads see the end of input and finish on their own schedule: asked again while busy.
        for _ in 0..<100 where Self.errorCode(accepted) == -32003 {
            usleep(50_000)
            accepted = try Self.exchange(daemon, passing: [descriptor])
        }
        #expect(Self.errorCode(accepted) == nil, "\(accepted)")
    }
}

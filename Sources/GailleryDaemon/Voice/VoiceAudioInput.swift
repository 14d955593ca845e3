import Foundation
import GailleryAudio
import GailleryProtocol
import GailleryRPC
import GailleryStore

/// Turns `voice.command`'s params into mono PCM: checks the params, reads the file or decodes the
/// base64, and parses WAV or raw s16le, mapping every failure to a JSON-RPC error that says what to do.
struct VoiceAudioInput: Sendable {
    /// How the bytes are encoded.
    enum Format: Sendable {
        case wav
        case s16le(sampleRate: Int, channels: Int)
    }

    /// The largest audio file or payload accepted, in bytes: 30 s of 48 kHz 32-bit float in 8 channels
    /// fits, and a longer clip is refused by its length anyway.
    static let maximumBytes = 64 << 20

    let source: ContentSource
    let format: Format

    /// Checks `params` (which does not read anything yet); `passed` is the file the request came with.
    ///
    /// - Throws: `RPCError` invalid params naming the field, or file access for data over `maximumBytes`.
    init(_ params: VoiceCommand.Params, passed: PassedFile? = nil) throws {
        source = try Wire.source(path: params.path, data: params.data, passed: passed)
        if case .bytes(let bytes) = source, bytes.count > Self.maximumBytes {
            throw RPCError(
                .fileAccess,
                "the data is \(bytes.count) bytes, over the \(Self.maximumBytes)-byte limit; "
                    + "send at most 30 s of audio"
            )
        }
        switch params.format ?? "wav" {
        case "wav":
            guard params.sampleRate == nil, params.channels == nil else {
                throw RPCError.invalidParams(
                    "params.sample_rate and params.channels apply to format \"s16le\"; "
                        + "a WAV file carries its own"
                )
            }
            format = .wav
        case "s16le":
            format = .s16le(sampleRate: params.sampleRate ?? 16_000, channels: params.channels ?? 1)
        case let other:
            throw RPCError.invalidParams("params.format must be \"wav\" or \"s16le\", got \"\(other)\"")
        }
    }

    /// Reads and decodes the audio. Blocking (file I/O): call it off the cooperative pool.
    ///
    /// - Throws: `RPCError` file access (missing, a directory, unreadable, too large) or invalid audio.
    func read() throws -> PCMAudio {
        let bytes: [UInt8]
        let label: String
        switch source {
        case .path(let path):
            bytes = try Self.readFile(path)
            label = path
        case .bytes(let data):
            bytes = data
            label = "the data"
        case .passed(let file, let name):
            bytes = try file.withDescriptor { try Self.read(openFile: $0, label: name) }
            label = name
        }
        do {
            switch format {
            case .wav: return try WAVReader.read(bytes)
            case .s16le(let sampleRate, let channels):
                return try RawPCMReader.readS16LE(bytes, sampleRate: sampleRate, channels: channels)
            }
        } catch let error as AudioError {
            throw RPCError(.invalidAudio, "\(label): \(error)")
        }
    }

    /// The whole regular file at `path` (opened without blocking, so a FIFO cannot hang the daemon), at
    /// most `maximumBytes` of it whatever size the file declares.
    private static func readFile(_ path: String) throws -> [UInt8] {
        func failure(_ what: String) -> RPCError { RPCError(.fileAccess, "\(path) \(what)") }
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            switch errno {
            case ENOENT: throw failure("does not exist; pass the absolute path of a WAV file")
            case EACCES: throw failure("cannot be read: permission denied for the daemon's user")
            default: throw failure("cannot be opened: \(String(cString: strerror(errno)))")
            }
        }
        defer { close(fd) }
        return try read(openFile: fd, label: path)
    }

    /// The whole open regular file `fd` (a path's or a passed one), from its start, with the same
    /// checks and limit as `readFile`; `path` names it in messages.
    private static func read(openFile fd: Int32, label path: String) throws -> [UInt8] {
        func failure(_ what: String) -> RPCError { RPCError(.fileAccess, "\(path) \(what)") }
        guard fcntl(fd, F_GETFL) & O_ACCMODE != O_WRONLY else {
            throw failure("was opened for writing only; open it for reading")
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw failure("cannot be inspected: \(String(cString: strerror(errno)))") }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw failure("is a directory, not an audio file; pass a WAV file")
        default: throw failure("is not a regular file; pass a WAV file")
        }
        if let filesystem = BoundedReader.pseudoFilesystem(of: fd) {
            throw RPCError(.fileAccess, "\(BoundedReader.pseudoFileMessage(path, filesystem: filesystem))")
        }
        guard info.st_size <= maximumBytes else {
            throw failure("is \(info.st_size) bytes, over the \(maximumBytes)-byte limit; send at most 30 s of audio")
        }
        _ = fcntl(fd, F_SETFL, O_RDONLY)
        // A passed descriptor may have been read from already; a regular file can be read from its start.
        _ = lseek(fd, 0, SEEK_SET)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(info.st_size))
        do {
            try BoundedReader.readChunks(
                fd, path: path, declaredSize: Int64(info.st_size), maxBytes: Int64(maximumBytes),
                limitName: "audio limit (send at most 30 s of audio)"
            ) { bytes.append(contentsOf: $0) }
        } catch let error as BoundedReader.Failure {
            throw RPCError(.fileAccess, "\(error)")
        }
        return bytes
    }
}

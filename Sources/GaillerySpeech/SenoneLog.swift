import CSenoneScoring
import Foundation

/// One utterance's senone scores in pocketsphinx's senone log format (what `-senlogdir` writes and
/// `ps_decode_senscr` reads): an s3 header, then for each frame the number of scores and the scores
/// (16-bit, native byte order).
///
/// Written frame by frame by one `SenoneScorer` and read by decoders at the same time: `open()` gives a
/// `FILE` whose reads wait until the frames they need are written, so a search can follow the scorer
/// frame by frame on another thread. The buffer is allocated once for every frame; written bytes never
/// change, and `condition` guards how many there are, so readers copy them without holding it.
final class SenoneLog: @unchecked Sendable {
    /// Frames in the utterance.
    let frames: Int
    /// Scores per frame.
    let senones: Int
    private let headerCount: Int
    private let storage: UnsafeMutableRawBufferPointer
    private let condition = NSCondition()
    /// Bytes written so far (header included).
    private var written: Int
    /// Whether no more bytes will come (all frames written, or the scorer gave up).
    private var closed = false

    /// An empty log for `frames` frames of `senones` scores after `header`.
    init(header: [UInt8], frames: Int, senones: Int) {
        self.frames = frames
        self.senones = senones
        headerCount = header.count
        storage = .allocate(byteCount: header.count + frames * (2 + 2 * senones), alignment: 16)
        storage.copyBytes(from: header)
        written = header.count
    }

    deinit { storage.deallocate() }

    /// The header pocketsphinx's `acmod_write_senfh_header` writes for a model.
    static func header(modelDefinition: String, senones: Int, logBase: Double) -> [UInt8] {
        var text = "s3\nversion 0.1\nmdef_file \(modelDefinition)\nn_sen \(senones)\n"
        text += "logbase " + String(format: "%f", logBase) + "\nendhdr\n"
        var bytes = Array(text.utf8)
        withUnsafeBytes(of: UInt32(0x1122_3344)) { bytes += $0 }
        return bytes
    }

    /// Appends frame `index` (frames are appended in order) and lets readers have it.
    func append(frame index: Int, scores: UnsafeBufferPointer<Int16>) {
        precondition(scores.count == senones, "SenoneLog: a frame has \(senones) scores")
        let start = headerCount + index * (2 + 2 * senones)
        precondition(start == condition.withLock { written }, "SenoneLog: frames are appended in order")
        storage.storeBytes(of: Int16(truncatingIfNeeded: senones), toByteOffset: start, as: Int16.self)
        UnsafeMutableRawBufferPointer(rebasing: storage[(start + 2)...]).copyMemory(
            from: UnsafeRawBufferPointer(scores))
        condition.withLock {
            written = start + 2 + 2 * senones
            if index == frames - 1 { closed = true }
            condition.broadcast()
        }
    }

    /// Ends the log early (the scorer failed): readers see the end of the file after what was written.
    func close() {
        condition.withLock {
            closed = true
            condition.broadcast()
        }
    }

    /// Everything written so far.
    var bytes: [UInt8] { [UInt8](UnsafeRawBufferPointer(rebasing: storage[..<condition.withLock { written }])) }

    /// Copies up to `count` bytes from `offset` into `target`, first waiting until at least one of them
    /// is written or the log is closed; 0 at the end of the log.
    func read(at offset: Int, into target: UnsafeMutableRawPointer, count: Int) -> Int {
        let available = condition.withLock { () -> Int in
            while written <= offset && !closed { condition.wait() }
            return written
        }
        let length = max(0, min(count, available - offset))
        if length > 0 { target.copyMemory(from: storage.baseAddress! + offset, byteCount: length) }
        return length
    }

    /// A read-only `FILE` over the log from its start (closing it releases its reference to the log).
    func open() -> UnsafeMutablePointer<FILE>? {
        let cursor = Unmanaged.passRetained(Cursor(log: self))
        let file = gss_open_stream(
            cursor.toOpaque(),
            { cookie, buffer, size in
                guard let cookie, let buffer else { return -1 }
                let cursor = Unmanaged<Cursor>.fromOpaque(cookie).takeUnretainedValue()
                let count = cursor.log.read(at: cursor.position, into: buffer, count: size)
                cursor.position += count
                return count
            },
            { cookie, offset, whence in
                guard let cookie, let offset else { return -1 }
                let cursor = Unmanaged<Cursor>.fromOpaque(cookie).takeUnretainedValue()
                let base: Int
                switch whence {
                case SEEK_SET: base = 0
                case SEEK_CUR: base = cursor.position
                case SEEK_END: base = cursor.log.storage.count
                default: return -1
                }
                let target = base + Int(offset.pointee)
                guard target >= 0 else { return -1 }
                cursor.position = target
                offset.pointee = Int64(target)
                return 0
            },
            { cookie in
                if let cookie { Unmanaged<Cursor>.fromOpaque(cookie).release() }
                return 0
            })
        if file == nil { cursor.release() }
        return file
    }

    /// One reader's position.
    private final class Cursor {
        let log: SenoneLog
        var position = 0
        init(log: SenoneLog) { self.log = log }
    }
}

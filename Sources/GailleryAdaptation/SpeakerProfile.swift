import Foundation

#if canImport(Glibc)
    import Glibc
#endif
import GaillerySpeech

/// What an installed speaker adaptation is: kept beside the adapted model as `speaker.json`.
package struct SpeakerProfile: Codable, Sendable, Equatable {
    /// Recordings whose statistics went into the adaptation.
    package var recordings: Int
    /// Seconds of speech in them.
    package var speechSeconds: Double
    /// Mean log-likelihood per frame of the recordings under the base model (SphinxTrain's `bw`).
    package var fitBefore: Double
    /// The same under the adapted model: higher means the model now fits the voice better.
    package var fitAfter: Double
    /// When it was made (seconds since 1970).
    package var createdAt: Double
    /// The base model it was adapted from, and that model's files' sizes: a changed base model makes the
    /// adaptation stale.
    package var baseModel: String
    package var baseFingerprint: String

    /// The adapted files' names: the base model's files, with `means` replaced.
    static let modelFiles = [
        "mdef", "means", "variances", "transition_matrices", "sendump", "feat.params", "noisedict",
    ]

    /// The sizes of the base model's files, which change when its package does.
    static func fingerprint(of model: SpeechModel) -> String {
        modelFiles.map { name -> String in
            let path = model.acousticModel + "/" + name
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
            return "\(name)=\(size.map(String.init) ?? "-")"
        }.joined(separator: " ")
    }
}

/// Where the adapted model lives: `DIR/speaker`, a symbolic link to the directory of the current
/// adaptation (`DIR/speaker-UUID`), so a new adaptation replaces the old one in one atomic rename and a
/// crash leaves one or the other, never a mix.
package struct SpeakerModelDirectory: Sendable {
    /// What `load` found.
    package enum State: Sendable, Equatable {
        /// No adaptation: use the base model.
        case none
        /// An adaptation for this base model.
        case adapted(SpeechModel, SpeakerProfile)
        /// An adaptation that cannot be used, and why (a sentence that says what to do).
        case unusable(String)
    }

    /// The directory holding `speaker` (e.g. `<data-dir>/voice`).
    package let directory: URL

    package init(directory: URL) { self.directory = directory }

    var link: URL { directory.appendingPathComponent("speaker") }

    /// The adaptation installed for `base`, if any.
    package func load(base: SpeechModel) -> State {
        guard (try? FileManager.default.destinationOfSymbolicLink(atPath: link.path)) != nil else { return .none }
        let model = SpeechModel(acousticModel: link.path, dictionary: base.dictionary)
        guard let data = FileManager.default.contents(atPath: link.path + "/speaker.json"),
            let profile = try? JSONDecoder().decode(SpeakerProfile.self, from: data)
        else {
            return .unusable("the voice adaptation in \(link.path) is incomplete; enroll again (gaillery enroll)")
        }
        guard profile.baseModel == base.acousticModel, profile.baseFingerprint == SpeakerProfile.fingerprint(of: base)
        else {
            return .unusable(
                "the voice adaptation was made for another version of the speech model; enroll again (gaillery enroll)")
        }
        do {
            try model.check()
        } catch {
            return .unusable(
                "the voice adaptation in \(link.path) is damaged (\(error)); enroll again (gaillery enroll)")
        }
        return .adapted(model, profile)
    }

    /// Makes `built` (a directory inside `directory`) the current adaptation and removes the previous one.
    ///
    /// - Throws: when the link cannot be replaced; the previous adaptation is then still in place.
    func install(_ built: URL) throws {
        let manager = FileManager.default
        let previous = try? manager.destinationOfSymbolicLink(atPath: link.path)
        let staging = directory.appendingPathComponent("speaker.link-\(UUID().uuidString)")
        try manager.createSymbolicLink(atPath: staging.path, withDestinationPath: built.lastPathComponent)
        guard rename(staging.path, link.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? manager.removeItem(at: staging)
            throw AdaptationError.tool("could not install the voice adaptation in \(directory.path): \(reason)")
        }
        Durable.syncDirectory(directory)
        if let previous, previous != built.lastPathComponent {
            try? manager.removeItem(at: directory.appendingPathComponent(previous))
        }
    }

    /// Removes the current adaptation; false when there was none.
    ///
    /// - Throws: when the link exists but cannot be removed.
    @discardableResult
    package func remove() throws -> Bool {
        let manager = FileManager.default
        guard let target = try? manager.destinationOfSymbolicLink(atPath: link.path) else { return false }
        try manager.removeItem(at: link)
        Durable.syncDirectory(directory)
        try? manager.removeItem(at: directory.appendingPathComponent(target))
        return true
    }

    /// Removes adaptation directories no link points to (left by a crash or kill while adapting).
    package func removeStrays() {
        let manager = FileManager.default
        let current = try? manager.destinationOfSymbolicLink(atPath: link.path)
        for name in (try? manager.contentsOfDirectory(atPath: directory.path)) ?? []
        where (name.hasPrefix("speaker-") || name.hasPrefix("speaker.link-") || name.hasPrefix("enroll-"))
            && name != current
        {
            try? manager.removeItem(at: directory.appendingPathComponent(name))
        }
    }
}

/// fsync helpers for the adapted model's files.
enum Durable {
    /// Writes `bytes` to `url` and fsyncs it.
    static func write(_ bytes: [UInt8], to url: URL) throws {
        let fd = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw AdaptationError.tool("could not write \(url.path): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, bytes.count - written) }
            guard count > 0 else {
                if count < 0, errno == EINTR { continue }
                throw AdaptationError.tool("could not write \(url.path): \(String(cString: strerror(errno)))")
            }
            written += count
        }
        guard fsync(fd) == 0 else {
            throw AdaptationError.tool("could not sync \(url.path): \(String(cString: strerror(errno)))")
        }
    }

    /// fsyncs the file or directory at `url` (best effort for directories).
    static func sync(_ url: URL) throws {
        let fd = open(url.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw AdaptationError.tool("could not open \(url.path): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        guard fsync(fd) == 0 else {
            throw AdaptationError.tool("could not sync \(url.path): \(String(cString: strerror(errno)))")
        }
    }

    /// fsyncs a directory so that renames and new entries in it survive a crash.
    static func syncDirectory(_ url: URL) { try? sync(url) }
}

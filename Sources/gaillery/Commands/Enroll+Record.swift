import Foundation
import GailleryProtocol

extension EnrollCommand {
    /// `--record`: shows each of the first `--count` prompts, records it through the daemon's microphone
    /// (`voice.record`) and saves it as `dir/NN.wav`, creating `dir` when needed.
    ///
    /// - Throws: `CLIError.usage` for a `--count` out of range or a directory that holds other recordings,
    ///   `CLIError.partial` when no speech was heard for a prompt in `EnrollmentRecording.tries` tries, and
    ///   the daemon's errors (busy, no capture device).
    func recordPrompts(into dir: String, session: Session) throws {
        let available = try session.quietCall(VoicePrompts.self, .init())
        let total = try EnrollmentRecording.count(count, available)
        let absolute = Paths.absolute(dir)
        do {
            try FileManager.default.createDirectory(atPath: absolute, withIntermediateDirectories: true)
        } catch {
            throw CLIError.usage("cannot create \(dir): \(error.localizedDescription)")
        }
        try EnrollmentRecording.checkOthers(
            try FileManager.default.contentsOfDirectory(atPath: absolute), count: total, shownAs: dir)
        // A tenth of a second from the microphone first: a missing or busy capture device is reported
        // before the user is asked to read anything.
        _ = try session.quietCall(VoiceRecord.self, .init(maxSeconds: EnrollmentRecording.probeSeconds))
        for number in 1...total {
            let wav = try recordPrompt(number, of: total, sentence: available.prompts[number - 1], session: session)
            let path = absolute + "/" + EnrollmentRecording.fileName(number)
            try wav.write(to: URL(fileURLWithPath: path), options: .atomic)
        }
        Console.err("recorded \(total) sentences into \(dir)")
    }

    /// One prompt's WAV file, asking again when no speech was heard.
    private func recordPrompt(_ number: Int, of total: Int, sentence: String, session: Session) throws -> Data {
        for attempt in 1...EnrollmentRecording.tries {
            Console.err("\(number)/\(total)  \(sentence)")
            Console.err("speak now…")
            let result = try session.quietCall(VoiceRecord.self, .init(maxSeconds: EnrollmentRecording.maxSeconds))
            guard let wav = Data(base64Encoded: result.data) else {
                throw CLIError.unexpectedReply(method: VoiceRecord.method, detail: "data is not base64")
            }
            if result.speech != nil { return wav }
            if attempt < EnrollmentRecording.tries { Console.err("no speech heard; please read it again") }
        }
        throw CLIError.partial(
            "no speech heard for sentence \(number) in \(EnrollmentRecording.tries) tries; check the microphone "
                + "(`gaillery listen`, the daemon's --capture-device) and run `gaillery enroll --record` again")
    }
}

/// The rules of `gaillery enroll --record`: how many prompts, file names, and what may already be there.
enum EnrollmentRecording {
    /// Prompts recorded when `--count` is not given (fewer if the daemon has fewer).
    static let defaultCount = 20
    /// Recordings of one prompt before giving up when no speech is heard.
    static let tries = 3
    /// The length of the recording that checks the microphone before the first prompt, in seconds.
    static let probeSeconds = 0.1
    /// The longest recording of one prompt, in seconds.
    static let maxSeconds = 15.0

    /// The file a prompt's recording is saved as: `01.wav`, `02.wav`, …
    static func fileName(_ number: Int) -> String {
        String(format: "%02d.wav", number)
    }

    /// The number of prompts to record: `requested`, or the default.
    ///
    /// - Throws: `CLIError.usage` when it is outside `voice.enroll`'s minimum and the number of prompts.
    static func count(_ requested: Int?, _ available: VoicePrompts.Result) throws -> Int {
        let count = requested ?? min(defaultCount, available.prompts.count)
        let most = min(available.prompts.count, available.maximum)
        guard count >= available.minimum, count <= most else {
            throw CLIError.usage("--count must be between \(available.minimum) and \(most)")
        }
        return count
    }

    /// Refuses a directory (its file `names`; `shownAs` as given) whose other files `gaillery enroll DIR` would
    /// read in place of, or besides, the `count` new recordings: a transcript, or numbered WAV files that
    /// recording does not replace.
    ///
    /// - Throws: `CLIError.usage` naming those files.
    static func checkOthers(_ names: [String], count: Int, shownAs directory: String) throws {
        if names.contains(EnrollmentFolder.transcriptName) {
            throw CLIError.usage(
                "\(directory) holds a \(EnrollmentFolder.transcriptName), which enrolling would read instead of "
                    + "the new recordings; record into another directory")
        }
        let others = try EnrollmentFolder.numberedFiles(names, in: "/").filter {
            $0.number > count || $0.name != fileName($0.number)
        }
        guard others.isEmpty else {
            throw CLIError.usage(
                "\(directory) already holds \(others.map(\.name).joined(separator: ", ")), which enrolling would "
                    + "read with the new recordings; move them away or record into another directory")
        }
    }
}

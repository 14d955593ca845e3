import Foundation
import GailleryProtocol

/// The recordings in a `gaillery enroll DIR` directory and the sentence read in each: either listed in
/// `DIR/transcript.tsv` (`FILE<TAB>sentence` lines), or WAV files named by prompt number (`01.wav`, `2.wav`).
enum EnrollmentFolder {
    /// The transcript's file name; when it exists it lists the recordings and numbered files are not looked for.
    static let transcriptName = "transcript.tsv"

    /// A WAV file named by the number of the prompt read in it.
    struct NumberedFile: Equatable {
        /// The prompt's number, from 1.
        var number: Int
        /// The file's name in the directory.
        var name: String
        /// The file's absolute path.
        var path: String
    }

    /// What a directory holds.
    enum Contents: Equatable {
        /// The transcript's recordings, in its order, with absolute paths.
        case transcript([VoiceEnroll.Recording])
        /// Numbered files, by number; their sentences are the daemon's prompts (`voice.prompts`).
        case numbered([NumberedFile])
    }

    /// Reads `directory` (as given on the command line; made absolute here).
    ///
    /// - Throws: `CLIError.usage` when it is not a directory, holds no recordings, or its transcript or file
    ///   names are malformed; the message says what to fix.
    static func scan(_ directory: String) throws -> Contents {
        let absolute = Paths.absolute(directory)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CLIError.usage("\(directory) is not a directory; give the directory that holds your recordings")
        }
        let transcript = absolute + "/" + transcriptName
        if FileManager.default.fileExists(atPath: transcript) {
            let text: String
            do {
                text = try String(contentsOfFile: transcript, encoding: .utf8)
            } catch {
                throw CLIError.usage("\(directory)/\(transcriptName) cannot be read as UTF-8 text: \(error)")
            }
            let recordings = try parseTranscript(text, directory: absolute, shownAs: "\(directory)/\(transcriptName)")
            guard !recordings.isEmpty else {
                throw CLIError.usage("\(directory)/\(transcriptName) lists no recordings; add FILE<TAB>sentence lines")
            }
            return .transcript(recordings)
        }
        let files = try numberedFiles(try FileManager.default.contentsOfDirectory(atPath: absolute), in: absolute)
        guard !files.isEmpty else {
            throw CLIError.usage(
                "\(directory) holds no recordings: name them by prompt number (01.wav, 02.wav, …; "
                    + "`gaillery enroll --prompts` lists the prompts) or list them in \(directory)/\(transcriptName) "
                    + "as FILE<TAB>sentence lines")
        }
        return .numbered(files)
    }

    /// The recordings of `FILE<TAB>sentence` lines; blank lines and `#` comments are skipped, and relative
    /// files are resolved against `directory`. `shownAs` names the transcript in error messages.
    static func parseTranscript(_ text: String, directory: String, shownAs: String) throws -> [VoiceEnroll.Recording] {
        var recordings: [VoiceEnroll.Recording] = []
        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count == 2, !fields[0].isEmpty, !fields[1].isEmpty else {
                throw CLIError.usage("\(shownAs) line \(index + 1): expected FILE<TAB>sentence, found \"\(line)\"")
            }
            recordings.append(.init(text: fields[1], path: Paths.absolute(fields[0], from: directory)))
        }
        return recordings
    }

    /// The names in `names` (of files in the absolute `directory`) that are a prompt number and `.wav`
    /// (`01.wav`, `7.WAV`), by number; other names are left alone.
    ///
    /// - Throws: `CLIError.usage` for number 0 or two files with the same number (`1.wav` and `01.wav`).
    static func numberedFiles(_ names: [String], in directory: String) throws -> [NumberedFile] {
        var byNumber: [Int: String] = [:]
        for name in names {
            guard let match = name.wholeMatch(of: /([0-9]{1,4})\.wav/.ignoresCase()), let number = Int(match.1)
            else { continue }
            guard number > 0 else { throw CLIError.usage("\(name): prompts are numbered from 1") }
            if let other = byNumber[number] {
                let both = [other, name].sorted()
                throw CLIError.usage("\(both[0]) and \(both[1]) are both recording \(number); keep one")
            }
            byNumber[number] = name
        }
        return byNumber.sorted { $0.key < $1.key }.map {
            NumberedFile(number: $0.key, name: $0.value, path: Paths.absolute($0.value, from: directory))
        }
    }

    /// Pairs numbered files with the prompts they read.
    ///
    /// - Throws: `CLIError.usage` for a number past the last prompt.
    static func recordings(_ files: [NumberedFile], prompts: [String]) throws -> [VoiceEnroll.Recording] {
        try files.map { file in
            guard file.number <= prompts.count else {
                throw CLIError.usage(
                    "\(file.name): there is no prompt \(file.number) (there are \(prompts.count); "
                        + "`gaillery enroll --prompts` lists them)")
            }
            return .init(text: prompts[file.number - 1], path: file.path)
        }
    }
}

/// Where `AudioCapture` records from: an ALSA PCM of the system configuration, or one defined by a
/// configuration text (a file-backed "virtual microphone" for tests and scripted runs).
package enum CaptureSource: Sendable, Equatable, CustomStringConvertible {
    /// An ALSA PCM by name, resolved through the system configuration: "default", "plughw:1,0", "pulse".
    case device(String)
    /// The PCM named `pcmName` in `text`, an ALSA configuration in alsa.conf syntax, opened with
    /// `snd_pcm_open_lconf` (the system configuration is not consulted, so `text` must define everything
    /// the PCM uses).
    case configuration(text: String, pcmName: String)

    /// The system's default capture PCM, "default".
    package static let defaultDevice = CaptureSource.device("default")

    /// A virtual microphone that plays back `path`, headerless interleaved S16_LE, through ALSA's file
    /// plugin (`infile`) over a null PCM. The file holds samples at whatever rate and channel count the
    /// capture asks for (16 kHz mono by default). Capture reads it as fast as the loop runs; past the end
    /// of the file the plugin delivers silence, so capture stops as with a microphone (end of speech or
    /// time limit). A FIFO works too: reads then block until the writer supplies audio.
    package static func replaying(rawFile path: String) -> CaptureSource {
        let text = """
            pcm.\(replayPCMName) {
                type file
                slave.pcm { type null }
                file "/dev/null"
                infile \(quoted(path))
                format raw
            }
            """
        return .configuration(text: text, pcmName: replayPCMName)
    }

    /// The name of the PCM that `replaying(rawFile:)` defines.
    package static let replayPCMName = "gaillery_replay"

    /// How error messages name the source: `'default'`, or `'gaillery_replay' (from a configuration)`.
    package var description: String {
        switch self {
        case .device(let name): "'\(name)'"
        case .configuration(_, let pcmName): "'\(pcmName)' (from a configuration)"
        }
    }

    /// `value` as an ALSA configuration string literal: double quotes, with `\` and `"` escaped.
    private static func quoted(_ value: String) -> String {
        var escaped = ""
        for character in value {
            if character == "\\" || character == "\"" { escaped.append("\\") }
            escaped.append(character)
        }
        return "\"\(escaped)\""
    }
}

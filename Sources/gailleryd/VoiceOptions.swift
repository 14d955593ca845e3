import ArgumentParser
import Foundation
import GailleryDaemon

extension VoiceConfiguration.RecognizerKind: ExpressibleByArgument {}

/// gailleryd's speech and microphone flags.
struct VoiceOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp("ALSA capture device voice.listen records from when a request names none.", valueName: "pcm")
    )
    var captureDevice: String = "default"

    @Option(
        help: ArgumentHelp(
            "Speech recognizer: moonshine (pocketsphinx is used when its model is not prepared) or "
                + "pocketsphinx (the one voice enrollment adapts).",
            valueName: "name"))
    var recognizer: VoiceConfiguration.RecognizerKind = .moonshine

    @Option(help: .hidden)
    var moonshineModelDir: String?

    @Option(
        help: ArgumentHelp(
            "Directory of the pocketsphinx en-us model (en-us/ and cmudict-en-us.dict).",
            valueName: "dir"))
    var speechModelDir: String = "/usr/share/pocketsphinx/model/en-us"

    @Option(
        help: ArgumentHelp(
            "Speech recognizers (threads; Moonshine about 200 MB each, pocketsphinx about 50 MB).", valueName: "n"))
    var recognizers: Int = 2

    @Option(help: .hidden)
    var captureConfig: String?

    @Option(help: .hidden)
    var capturePcm: String = "gaillery_capture"

    func validate() throws {
        guard (1...16).contains(recognizers) else { throw ValidationError("--recognizers must be between 1 and 16") }
        guard !captureDevice.isEmpty else { throw ValidationError("--capture-device must name an ALSA PCM") }
    }

    /// Applies the flags to `configuration`.
    ///
    /// - Throws: `ValidationError` when `--capture-config` cannot be read.
    func apply(to configuration: inout VoiceConfiguration) throws {
        configuration.recognizers = recognizers
        configuration.recognizer = recognizer
        configuration.moonshineDirectory = moonshineModelDir.map { URL(fileURLWithPath: $0) }
        configuration.speechModelDirectory(speechModelDir)
        configuration.captureDevice(captureDevice)
        if let captureConfig {
            do {
                try configuration.captureConfiguration(path: captureConfig, pcmName: capturePcm)
            } catch {
                throw ValidationError("--capture-config \(captureConfig) cannot be read: \(error.localizedDescription)")
            }
        }
    }
}

import CALSA

/// An error from microphone capture: the device is missing, busy or unusable, failed while recording, or
/// the request was invalid. The description says what was wrong, includes ALSA's own message
/// (`snd_strerror`) where there is one, and says what to do.
package struct CaptureError: Error, CustomStringConvertible, Equatable {
    private enum Kind: Equatable {
        case noDevice(source: CaptureSource, alsa: String)
        case busy(source: CaptureSource, alsa: String)
        case permissionDenied(source: CaptureSource, alsa: String)
        case badConfiguration(alsa: String)
        case unsupported(source: CaptureSource, what: String)
        case readFailed(source: CaptureSource, seconds: Double, alsa: String)
        case stalled(source: CaptureSource, seconds: Double)
        case invalidRequest(String)
    }

    private let kind: Kind

    private init(_ kind: Kind) { self.kind = kind }

    /// `snd_pcm_open` failed with `code` (a negative errno): classified as busy, not permitted, or absent.
    static func openFailed(_ source: CaptureSource, code: Int32) -> CaptureError {
        let alsa = alsaMessage(code)
        switch -code {
        case EBUSY: return CaptureError(.busy(source: source, alsa: alsa))
        case EACCES, EPERM: return CaptureError(.permissionDenied(source: source, alsa: alsa))
        default: return CaptureError(.noDevice(source: source, alsa: alsa))
        }
    }

    /// The configuration text of a `.configuration` source could not be parsed (`code` from ALSA).
    static func badConfiguration(code: Int32) -> CaptureError {
        CaptureError(.badConfiguration(alsa: alsaMessage(code)))
    }

    /// The device cannot record the way capture needs; `what` says what it refused, ALSA text included.
    static func unsupported(_ source: CaptureSource, _ what: String) -> CaptureError {
        CaptureError(.unsupported(source: source, what: what))
    }

    /// Reading failed with `code` after `seconds` of audio and could not be recovered.
    static func readFailed(_ source: CaptureSource, afterSeconds seconds: Double, code: Int) -> CaptureError {
        CaptureError(.readFailed(source: source, seconds: seconds, alsa: alsaMessage(Int32(clamping: code))))
    }

    /// The device delivered no audio for `seconds`.
    static func stalled(_ source: CaptureSource, seconds: Double) -> CaptureError {
        CaptureError(.stalled(source: source, seconds: seconds))
    }

    /// The request itself was invalid (e.g. `maxSeconds` out of range); `message` says how.
    static func invalidRequest(_ message: String) -> CaptureError { CaptureError(.invalidRequest(message)) }

    /// ALSA's text for a negative error code, followed by the first diagnostic ALSA reported on this
    /// thread since the last error (when collected by `ALSAMessages`): "No such file or directory
    /// (ALSA: Unknown PCM mic)".
    static func alsaMessage(_ code: Int32) -> String {
        let text = String(cString: snd_strerror(code))
        guard let detail = ALSAMessages.shared.take() else { return text }
        return "\(text) (ALSA: \(detail))"
    }

    /// Whether no usable device could be opened (absent, busy or not permitted): nothing was recorded.
    package var isDeviceUnavailable: Bool {
        switch kind {
        case .noDevice, .busy, .permissionDenied: true
        default: false
        }
    }

    /// Whether the caller's request (arguments or configuration text) was at fault rather than the device.
    package var isInvalidRequest: Bool {
        switch kind {
        case .invalidRequest, .badConfiguration: true
        default: false
        }
    }

    /// What was wrong, with ALSA's message where there is one, and what to do.
    package var description: String {
        switch kind {
        case .noDevice(let source, let alsa):
            switch source {
            case .device:
                return "no capture device \(source): \(alsa); plug in a microphone or pass device"
            case .configuration(_, let pcmName):
                return "no capture device \(source): \(alsa); check pcm.\(pcmName) in the configuration"
            }
        case .busy(let source, let alsa):
            return "capture device \(source) is busy: \(alsa); another program is recording from it, "
                + "close that program or pass another device"
        case .permissionDenied(let source, let alsa):
            return "capture device \(source) cannot be opened: \(alsa); add the daemon's user to the 'audio' group"
        case .badConfiguration(let alsa):
            return "capture configuration cannot be parsed: \(alsa); pass ALSA configuration syntax (as in alsa.conf)"
        case .unsupported(let source, let what):
            return "capture device \(source) \(what); pass a 'plughw:' or 'default' device, which converts"
        case .readFailed(let source, let seconds, let alsa):
            return "capture from \(source) failed after \(AudioText.seconds(seconds)): \(alsa); "
                + "the device was unplugged or stopped working, check it and try again"
        case .stalled(let source, let seconds):
            return "capture device \(source) delivered no audio for \(AudioText.seconds(seconds)); "
                + "check that it is connected and not suspended, or pass another device"
        case .invalidRequest(let message):
            return message
        }
    }
}

import CSphinxBase

/// sphinxbase's log destination is process-wide (`err_set_logfp`); this sets it once, before the first
/// decoder is created, so decoders never write their chatter to the daemon's stderr.
enum SphinxLog {
    /// Silences sphinxbase's log the first time it is called; later calls do nothing.
    static func silenceOnce() { _ = silenced }

    private static let silenced: Bool = {
        err_set_logfp(nil)
        return true
    }()
}

/// Human-readable pieces of audio descriptions for error messages ("44.1 kHz", "stereo", "41.2 s").
enum AudioText {
    /// A sample rate in kHz without trailing zeros: 16000 → "16 kHz", 44100 → "44.1 kHz".
    static func rate(_ hertz: Int) -> String {
        var fraction = String(hertz % 1000)
        while fraction.count < 3 { fraction = "0" + fraction }
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return fraction.isEmpty ? "\(hertz / 1000) kHz" : "\(hertz / 1000).\(fraction) kHz"
    }

    /// "mono", "stereo" or "N-channel".
    static func channels(_ count: Int) -> String {
        switch count {
        case 1: "mono"
        case 2: "stereo"
        default: "\(count)-channel"
        }
    }

    /// Seconds with one decimal, dropped when zero: 41.23 → "41.2 s", 30 → "30 s".
    static func seconds(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0 ? "\(tenths / 10) s" : "\(tenths / 10).\(tenths % 10) s"
    }
}

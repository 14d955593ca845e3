/// A text style for terminal output, applied only when `Console.colour` allows it.
enum Style: Sendable {
    case plain
    case bold
    case dim
    case red
    case green
    case yellow

    /// `text` wrapped in this style's ANSI escape codes when `enabled`, else `text` unchanged.
    func apply(_ text: String, enabled: Bool) -> String {
        guard enabled, self != .plain, !text.isEmpty else { return text }
        let code =
            switch self {
            case .plain: "0"
            case .bold: "1"
            case .dim: "2"
            case .red: "31"
            case .green: "32"
            case .yellow: "33"
            }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }

    /// The style for a photo or job status: green when done, red when failed, yellow while in progress.
    static func forStatus(_ status: String) -> Style {
        switch status {
        case "done": .green
        case "failed", "cancelled": .red
        case "queued", "decoding", "classifying", "running": .yellow
        default: .plain
        }
    }
}

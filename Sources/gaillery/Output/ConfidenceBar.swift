import Foundation
import GailleryProtocol

/// Confidence as a bar of block characters followed by the value, e.g. `████████░░ 0.82`.
enum ConfidenceBar {
    /// `confidence` (clamped to 0...1) as `width` cells, filled to the nearest cell, then two decimals.
    static func render(_ confidence: Double, width: Int = 10) -> String {
        let clamped = confidence.isFinite ? min(1, max(0, confidence)) : 0
        let filled = Int((clamped * Double(width)).rounded())
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        return bar + " " + String(format: "%.2f", clamped)
    }

    /// One line per tag, names padded to a column: `dog    ████████░░ 0.82  (model)`.
    static func lines(_ tags: [PhotoTag], indent: String = "") -> [String] {
        let names = tags.map { TerminalText.escape($0.tag) }
        let width = names.map(\.count).max() ?? 0
        return zip(tags, names).map { tag, name in
            let name = name.padding(toLength: width, withPad: " ", startingAt: 0)
            return "\(indent)\(name)  \(render(tag.confidence))  (\(TerminalText.escape(tag.source)))"
        }
    }
}

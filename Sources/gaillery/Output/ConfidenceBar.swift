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

    /// One line per tag, names padded to a column: `dog    ████████░░ 0.82  (model)`. A tag both given by
    /// hand and found by the model (the daemon keeps both rows, so that removing the manual one leaves the
    /// model's) is one line at its best confidence: `dog  ██████████ 1.00  (manual; model 0.82)`.
    static func lines(_ tags: [PhotoTag], indent: String = "") -> [String] {
        var merged: [(tag: PhotoTag, others: [PhotoTag])] = []
        for tag in tags {
            if let index = merged.firstIndex(where: { $0.tag.tag == tag.tag }) {
                if tag.confidence > merged[index].tag.confidence {
                    merged[index].others.append(merged[index].tag)
                    merged[index].tag = tag
                } else {
                    merged[index].others.append(tag)
                }
            } else {
                merged.append((tag, []))
            }
        }
        let names = merged.map { TerminalText.escape($0.tag.tag) }
        let width = names.map(\.count).max() ?? 0
        return zip(merged, names).map { entry, name in
            let name = name.padding(toLength: width, withPad: " ", startingAt: 0)
            let sources =
                [TerminalText.escape(entry.tag.source)]
                + entry.others.map { "\(TerminalText.escape($0.source)) \(String(format: "%.2f", $0.confidence))" }
            return "\(indent)\(name)  \(render(entry.tag.confidence))  (\(sources.joined(separator: "; ")))"
        }
    }
}

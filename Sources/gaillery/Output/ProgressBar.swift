import Foundation

/// A one-line progress bar for standard error: `[██████░░░░] 120/400  30%  12.3 files/s  ETA 0:23`.
///
/// `render` is pure (tested); `draw` rewrites the current terminal line.
enum ProgressBar {
    /// Carriage return plus erase-to-end-of-line: wipes the bar so other output can take the line.
    static let clearLine = "\r\u{1B}[K"

    /// The bar for `done` of `total` items.
    ///
    /// - Parameters:
    ///   - rate: items per second, shown when known.
    ///   - eta: seconds left, shown when known.
    ///   - totalIsFinal: false while the total may still grow (shown as `400+`).
    ///   - columns: the terminal width; the bar shrinks to fit (10...40 cells).
    static func render(
        done: Int, total: Int, rate: Double? = nil, eta: Double? = nil, totalIsFinal: Bool = true, columns: Int = 80
    ) -> String {
        let fraction = total > 0 ? min(1, Double(done) / Double(total)) : 0
        var tail = "  \(done)/\(total)\(totalIsFinal ? "" : "+")  \(Int((fraction * 100).rounded(.down)))%"
        if let rate { tail += "  " + String(format: "%.1f", rate) + " files/s" }
        if let eta { tail += "  ETA " + Durations.clock(eta) }
        let cells = min(40, max(10, columns - tail.count - 3))
        let filled = Int((fraction * Double(cells)).rounded(.down))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: cells - filled)
        return "[\(bar)]" + tail
    }

    /// Redraws `line` in place on standard error.
    static func draw(_ line: String) {
        Console.write(clearLine + line, to: STDERR_FILENO)
    }

    /// Wipes the bar from standard error.
    static func clear() {
        Console.write(clearLine, to: STDERR_FILENO)
    }
}

/// Measures throughput from the first sample onwards, for a rate and an ETA.
struct RateMeter {
    private var first: (time: Double, count: Int)?
    private var last: (time: Double, count: Int)?

    /// Records that `count` items were done at `time` (seconds on any monotonic clock).
    mutating func record(count: Int, at time: Double) {
        if first == nil { first = (time, count) }
        last = (time, count)
    }

    /// Items per second since the first sample; nil until at least half a second and one item have passed.
    var rate: Double? {
        guard let first, let last, last.time - first.time >= 0.5, last.count > first.count else { return nil }
        return Double(last.count - first.count) / (last.time - first.time)
    }

    /// Seconds until `total` items are done at the current rate; nil when the rate is unknown.
    func eta(total: Int) -> Double? {
        guard let rate, let last else { return nil }
        return Double(max(0, total - last.count)) / rate
    }
}

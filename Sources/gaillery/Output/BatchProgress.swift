import Foundation

/// A progress bar on standard error for a loop over a known number of items, with rate and ETA.
final class BatchProgress {
    private let total: Int
    private let prefix: String
    private var meter = RateMeter()

    /// A bar for `total` items, each line starting with `prefix`.
    init(total: Int, prefix: String = "") {
        self.total = total
        self.prefix = prefix
    }

    /// Redraws the bar with `done` items finished (and `total` as given, when it changes).
    func show(done: Int, total: Int? = nil) {
        let total = total ?? self.total
        meter.record(count: done, at: ProcessInfo.processInfo.systemUptime)
        let columns = Console.stderrColumns() - prefix.count
        ProgressBar.draw(
            prefix
                + ProgressBar.render(
                    done: done, total: total, rate: meter.rate, eta: meter.eta(total: total), columns: columns))
    }

    /// Wipes the bar.
    func finish() {
        ProgressBar.clear()
    }
}

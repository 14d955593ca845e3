/// Durations as the wire reports them: milliseconds with two decimals.
enum Milliseconds {
    /// Milliseconds from `start` to now.
    static func since(_ start: ContinuousClock.Instant) -> Double { of(ContinuousClock.now - start) }

    /// `duration` in milliseconds, rounded to 0.01 ms.
    static func of(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return ((Double(seconds) * 1000 + Double(attoseconds) / 1e15) * 100).rounded() / 100
    }
}

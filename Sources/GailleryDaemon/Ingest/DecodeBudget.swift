import Foundation

/// The bytes of decoded pixels the decode workers may hold at once. A worker reserves an image's
/// estimated cost before decoding it and waits while the reservations of the others would push the
/// total over the budget; one image is always admitted when nothing else is reserved, so an image under
/// the pixel limit is never refused, only decoded alone.
///
/// Why a budget rather than row-by-row PNG decoding: the pipeline decodes each PNG twice at full size
/// (the thumbnail composites alpha on white, the classifier drops it), and both consumers go through
/// `ImageCodec`'s whole-image API, shared with uploads' header checks and tests; a budget bounds the
/// peak for every format and every path through the decode stage with no change to the decoders, at
/// the price of decoding two huge images one after the other instead of side by side. Ordinary photos
/// (JPEGs, DCT-scaled) cost far less than the budget and are never held back.
final class DecodeBudget: @unchecked Sendable {
    /// The default budget: 512 MiB, a little over one decode of the largest image the default pixel
    /// limit (100 MP) admits as RGBA (400 MB).
    static let defaultBytes = 512 << 20

    /// The accounting, with no threads (tested alone).
    struct State {
        /// The budget in bytes.
        let capacity: Int
        /// Bytes reserved now.
        private(set) var reserved = 0
        /// The most bytes ever reserved at once.
        private(set) var peak = 0

        /// Reserves `bytes` when they fit (or when nothing is reserved); false when the caller must wait.
        mutating func reserve(_ bytes: Int) -> Bool {
            guard reserved == 0 || reserved + bytes <= capacity else { return false }
            reserved += bytes
            peak = max(peak, reserved)
            return true
        }

        /// Gives back `bytes` reserved earlier.
        mutating func release(_ bytes: Int) { reserved -= bytes }
    }

    // Guards `state`; decode workers wait on it for room.
    private let condition = NSCondition()
    private var state: State

    /// A budget of `bytes`.
    init(bytes: Int = DecodeBudget.defaultBytes) { state = State(capacity: bytes) }

    /// The most bytes reserved at once so far.
    var peak: Int {
        condition.lock()
        defer { condition.unlock() }
        return state.peak
    }

    /// Runs `body` with `bytes` reserved, first waiting for room (on the calling decode worker thread).
    func withReservation<T, E: Error>(_ bytes: Int, _ body: () throws(E) -> T) throws(E) -> T {
        condition.lock()
        while !state.reserve(bytes) { condition.wait() }
        condition.unlock()
        defer {
            condition.lock()
            state.release(bytes)
            condition.broadcast()
            condition.unlock()
        }
        return try body()
    }

    /// The estimated bytes of decoded pixels for an image of `width`×`height`: RGBA at full size for a
    /// PNG (decoded whole, with its alpha), RGB for a JPEG (which the decode stage DCT-scales, so this
    /// is an upper bound).
    static func cost(width: Int, height: Int, isPNG: Bool) -> Int {
        width * height * (isPNG ? 4 : 3)
    }
}

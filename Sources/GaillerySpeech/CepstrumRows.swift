import CSphinxBase

/// Cepstra as sphinxbase and pocketsphinx take them (`mfcc_t **`): one contiguous copy and a pointer to
/// each frame's row.
enum CepstrumRows {
    /// Runs `body` with a row pointer per frame of a fresh copy of `cepstra` (`width` values per frame;
    /// `body` may change the copy, as batch CMN does) and the number of frames.
    static func with<Result>(
        _ cepstra: ArraySlice<[Float]>, width: Int,
        _ body: (inout [UnsafeMutablePointer<mfcc_t>?], Int32) throws -> Result
    ) rethrows -> Result {
        var flat = [mfcc_t](repeating: 0, count: cepstra.count * width)
        for (row, frame) in cepstra.enumerated() {
            flat.replaceSubrange((row * width)..<((row + 1) * width), with: frame)
        }
        return try flat.withUnsafeMutableBufferPointer { buffer in
            var rows: [UnsafeMutablePointer<mfcc_t>?] = (0..<cepstra.count).map { buffer.baseAddress! + $0 * width }
            return try body(&rows, Int32(cepstra.count))
        }
    }
}

/// A sphinx3 Gaussian parameter file (`means` or `variances`): codebooks of densities, each a vector
/// per feature stream.
struct GaussianParameters: Equatable {
    let codebooks: Int
    let streams: Int
    let densities: Int
    /// Dimensions of each stream.
    let widths: [Int]
    /// Codebook by codebook, stream by stream, density by density, dimension by dimension.
    let values: [Float]

    /// Reads the file at `path`.
    ///
    /// - Throws: `SpeechError` when it is missing or damaged.
    init(path: String) throws { try self.init(reader: try ModelFileReader(path: path)) }

    /// Parses a parameter file from `reader`.
    init(reader: ModelFileReader) throws {
        var file = reader
        let header = try file.s3Header()
        codebooks = try file.count("codebooks", in: 1...65_536)
        streams = try file.count("feature streams", in: 1...16)
        densities = try file.count("densities per codebook", in: 1...65_536)
        widths = try (0..<streams).map { _ in try file.count("dimensions", in: 1...1024) }
        let total = try file.count("values", in: 1...100_000_000)
        guard total == codebooks * densities * widths.reduce(0, +) else {
            throw file.damaged("\(total) values for \(codebooks) × \(densities) × \(widths.reduce(0, +))")
        }
        values = try file.floats(total)
        if header["chksum0"] != nil { _ = try file.word() }
        guard file.atEnd else { throw file.damaged("unexpected data after the parameters") }
    }
}

import CSenoneScoring
import CSphinxBase
import Foundation

/// A PTM acoustic model laid out for `gss_score_frame`, with the settings of the decoder it scores for.
///
/// Built from a pocketsphinx decoder's own configuration (its `-mean`, `-var`, `-sendump`, `-mdef`,
/// `-topn`, `-varfloor`, `-feat`, `-svspec`, ...) and log base, and precomputed as pocketsphinx's
/// `gauden_dist_precompute` and `ptm_mgau_init` do (through the same sphinxbase log functions), so
/// that `SenoneScorer` produces the decoder's own scores. Immutable after `init`, so it may be read from
/// any thread; the buffers are freed in `deinit`.
final class SenoneScoringModel: @unchecked Sendable {
    /// Counts as the scorer sees them.
    let codebooks: Int
    let streams: Int
    let densities: Int
    let senones: Int
    let topn: Int
    /// Dimensions of each feature stream.
    let widths: [Int]
    /// Frames of top-N history pocketsphinx keeps (`-pl_window` + 2); scores depend on it.
    let history: Int
    /// The feature settings (`-feat`, `-svspec`, `-varnorm`, `-ceplen`).
    let featureType: String
    let subvectors: String?
    let varianceNormalisation: Bool
    let cepstra: Int
    /// The senone log header pocketsphinx writes and reads (`n_sen`, `logbase`, `mdef_file`).
    let logHeader: [UInt8]
    /// The C view of the buffers below.
    private(set) var layout = gss_model()

    private let buffers = Buffers()

    /// Builds the scoring model for `decoder`'s configuration.
    ///
    /// - Throws: `SpeechError` when the model is not one this scorer reproduces exactly (not PTM, frame
    ///   downsampling, LDA, automatic gain control, live or no CMN, clustered weights) or a file is damaged.
    init(for decoder: SphinxDecoder) throws {
        func unsupported(_ why: String) -> SpeechError {
            .decoderFailed("the acoustic model cannot be scored outside pocketsphinx: \(why)")
        }
        guard decoder.configInt("-ds") == 1 else { throw unsupported("frame downsampling (-ds) is on") }
        guard decoder.configString("-lda") == nil else { throw unsupported("it has an LDA transform") }
        guard decoder.configString("-mllr") == nil else { throw unsupported("an MLLR transform is set") }
        guard decoder.configString("-agc") == "none" else { throw unsupported("automatic gain control is on") }
        guard decoder.configString("-cmn") == "batch" else { throw unsupported("CMN is not batch") }
        // pocketsphinx keeps the model files it found in the -hmm directory under "_mean" and so on.
        func file(_ name: String) -> String? {
            decoder.configString("-" + name) ?? decoder.configString("_" + name)
        }
        guard let meanPath = file("mean"), let varPath = file("var"), let sendumpPath = file("sendump"),
            let mdefPath = file("mdef"), let feat = decoder.configString("-feat")
        else {
            let names = ["mean", "var", "sendump", "mdef"].filter { file($0) == nil }
            throw unsupported("its configuration names no \(names.joined(separator: ", ")) file")
        }
        let definition = try ModelDefinition(path: mdefPath)
        let means = try GaussianParameters(path: meanPath)
        let variances = try GaussianParameters(path: varPath)
        let weights = try QuantizedWeights(sendump: sendumpPath)
        guard means.codebooks == definition.basePhones else {
            throw unsupported("\(means.codebooks) codebooks for \(definition.basePhones) base phones (not PTM)")
        }
        guard variances.codebooks == means.codebooks, variances.streams == means.streams,
            variances.densities == means.densities, variances.widths == means.widths,
            weights.streams == means.streams, weights.codewords == means.densities,
            weights.senones == definition.senoneBasePhone.count
        else { throw unsupported("its means, variances, weights and mdef disagree in size") }
        // The senone log counts a frame's scores in 16 bits, as pocketsphinx does.
        guard definition.senoneBasePhone.count <= Int(Int16.max) else {
            throw unsupported("\(definition.senoneBasePhone.count) senones, more than a senone log can hold")
        }
        let topn = decoder.configInt("-topn")
        guard (1...means.densities).contains(topn) else { throw unsupported("-topn \(topn)") }

        codebooks = means.codebooks
        streams = means.streams
        densities = means.densities
        senones = weights.senones
        self.topn = topn
        widths = means.widths
        history = decoder.configInt("-pl_window") + 2
        featureType = feat
        subvectors = decoder.configString("-svspec")
        varianceNormalisation = decoder.configInt("-varnorm") != 0
        cepstra = decoder.configInt("-ceplen")
        let base = logmath_get_base(decoder.logmath)
        logHeader = SenoneLog.header(modelDefinition: mdefPath, senones: senones, logBase: base)

        // Means and precomputed precisions, dimension-major per codebook and stream; determinants.
        let width = widths.reduce(0, +)
        let stride = densities * width
        var blockStart: [Int32] = []
        var transposedMeans = [Float](repeating: 0, count: codebooks * stride)
        var precisions = [Float](repeating: 0, count: codebooks * stride)
        var determinants = [Float](repeating: 0, count: codebooks * streams * densities)
        let varianceFloor = Float(decoder.configFloat("-varfloor"))
        let logmath = decoder.logmath
        for codebook in 0..<codebooks {
            var streamOffset = 0
            for stream in 0..<streams {
                let start = codebook * stride + streamOffset * densities
                blockStart.append(Int32(start))
                let streamWidth = widths[stream]
                for density in 0..<densities {
                    // The files' layout: codebook, stream, density, dimension.
                    let source = start + density * streamWidth
                    var determinant: Float = 0
                    for dimension in 0..<streamWidth {
                        // gauden_dist_precompute: floor, log determinant term, 1/(2 var) in log units.
                        var variance = variances.values[source + dimension]
                        if variance < varianceFloor { variance = varianceFloor }
                        determinant += Float(logmath_log(logmath, 1.0 / sqrt(Double(variance) * 2.0 * Double.pi)))
                        let target = start + dimension * densities + density
                        transposedMeans[target] = means.values[source + dimension]
                        precisions[target] = Float(logmath_ln_to_log(logmath, 1.0 / (Double(variance) * 2.0)))
                    }
                    determinants[(codebook * streams + stream) * densities + density] = determinant
                }
                streamOffset += streamWidth
            }
        }

        // Senones grouped by codebook (stable), weights permuted to that order.
        let order = (0..<senones).sorted {
            let (a, b) = (definition.senoneBasePhone[$0], definition.senoneBasePhone[$1])
            return a != b ? a < b : $0 < $1
        }
        var first = [Int32](repeating: 0, count: codebooks + 1)
        for senone in order { first[Int(definition.senoneBasePhone[senone]) + 1] += 1 }
        for codebook in 0..<codebooks { first[codebook + 1] += first[codebook] }
        var permuted = [UInt8](repeating: 0, count: weights.bytes.count)
        weights.bytes.withUnsafeBufferPointer { source in
            for row in 0..<(streams * densities) {
                let base = row * senones
                for (position, senone) in order.enumerated() { permuted[base + position] = source[base + senone] }
            }
        }

        // The 8-bit log-add table pocketsphinx builds for the same base (logmath_init(base, 10, TRUE)).
        guard let table8 = logmath_init(base, 10, 1) else { throw unsupported("no log-add table for base \(base)") }
        defer { logmath_free(table8) }
        var table = [UInt8](repeating: 0, count: 512)
        for d in 0..<256 { table[d] = UInt8(clamping: logmath_add(table8, Int32(d), 0) - Int32(d)) }
        let steps = Self.steps(of: table)

        var streamStart: [Int32] = []
        var offset = 0
        for streamWidth in widths {
            streamStart.append(Int32(offset))
            offset += streamWidth
        }
        layout = buffers.layout(
            counts: (codebooks, streams, densities, senones, topn), streamWidth: widths.map { Int32($0) },
            streamStart: streamStart, blockStart: blockStart, means: transposedMeans, precisions: precisions,
            determinants: determinants, weights: permuted, codebookFirst: first, senoneAt: order.map { Int32($0) },
            addTable: table, addSteps: steps)
    }

    /// Thresholds `s` (at most 8, padded with 0) with `table[d]` == the number of `s` greater than `d`
    /// for every `d`, when the table is non-increasing and at most 8; otherwise nil.
    static func steps(of table: [UInt8]) -> [Int16]? {
        guard let top = table.first, top <= 8, zip(table, table.dropFirst()).allSatisfy({ $0 >= $1 }) else {
            return nil
        }
        var steps = [Int16](repeating: 0, count: 8)
        for level in 0..<Int(top) {
            steps[level] = Int16(table.firstIndex { Int($0) <= level } ?? table.count)
        }
        return steps
    }

    /// Owns the C buffers `layout` points into.
    private final class Buffers {
        private var allocations: [UnsafeMutableRawPointer] = []

        deinit { for pointer in allocations { pointer.deallocate() } }

        func copy<T>(_ values: [T]) -> UnsafePointer<T> {
            let pointer = UnsafeMutablePointer<T>.allocate(capacity: max(1, values.count))
            _ = UnsafeMutableBufferPointer(start: pointer, count: values.count).initialize(from: values)
            allocations.append(UnsafeMutableRawPointer(pointer))
            return UnsafePointer(pointer)
        }

        func layout(
            counts: (Int, Int, Int, Int, Int), streamWidth: [Int32], streamStart: [Int32], blockStart: [Int32],
            means: [Float], precisions: [Float], determinants: [Float], weights: [UInt8], codebookFirst: [Int32],
            senoneAt: [Int32], addTable: [UInt8], addSteps: [Int16]?
        ) -> gss_model {
            gss_model(
                codebooks: Int32(counts.0), streams: Int32(counts.1), densities: Int32(counts.2),
                senones: Int32(counts.3), topn: Int32(counts.4), stream_width: copy(streamWidth),
                stream_start: copy(streamStart), block_start: copy(blockStart), means: copy(means),
                precisions: copy(precisions), determinants: copy(determinants), weights: copy(weights),
                codebook_first: copy(codebookFirst), senone_at: copy(senoneAt), add_table: copy(addTable),
                add_steps: addSteps.map { copy($0) })
        }
    }
}

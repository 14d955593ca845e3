import CSenoneScoring
import CSphinxBase
import Foundation

/// Computes an utterance's senone scores for a pocketsphinx decoder, outside it: the dynamic features
/// with sphinxbase's own feature code, then every senone of every frame with `gss_score_frame`, the
/// same arithmetic as pocketsphinx's PTM scorer arranged for vector instructions. The result is the
/// decoder's own scores (a test compares them with pocketsphinx's senone log), which decoders then
/// search with `ps_decode_senscr`.
///
/// The top-N history carries from frame to frame and from one utterance to the next, as in the
/// decoder, so one scorer stands in for one decoder's acoustic model. Not thread-safe: owned by one
/// `CommandDecoder`, which its recognizer's lock serialises; the feature computer (`feat_t`) is freed
/// in `deinit`.
final class SenoneScorer {
    let model: SenoneScoringModel
    private let features: UnsafeMutablePointer<feat_t>
    /// `model.history` slots of top-N entries, one slot per frame, used round-robin.
    private var history: [gss_topn]
    private let slot: Int
    private var densityScratch: [Float]
    private var positionScratch: [Int16]

    /// A scorer for `decoder`'s model and settings.
    ///
    /// - Throws: `SpeechError` when the model is not one the scorer reproduces (see `SenoneScoringModel`).
    init(for decoder: SphinxDecoder) throws {
        let model = try SenoneScoringModel(for: decoder)
        guard
            let features = feat_init(
                model.featureType, CMN_BATCH, model.varianceNormalisation ? 1 : 0, AGC_NONE, 0, Int32(model.cepstra))
        else { throw SpeechError.decoderFailed("sphinxbase has no feature type \(model.featureType)") }
        if let spec = model.subvectors {
            guard let subvectors = parse_subvecs(spec), feat_set_subvecs(features, subvectors) >= 0 else {
                feat_free(features)
                throw SpeechError.decoderFailed("sphinxbase rejected the subvector specification \(spec)")
            }
        }
        guard Int(features.pointee.cepsize) == model.cepstra,
            Int(features.pointee.n_sv != 0 ? features.pointee.n_sv : features.pointee.n_stream) == model.streams
        else {
            feat_free(features)
            throw SpeechError.decoderFailed("the model's feature streams do not match \(model.featureType)")
        }
        self.model = model
        self.features = features
        slot = model.codebooks * model.streams * model.topn
        // ptm_mgau_init's starting values: densities 0..<N, the worst score.
        let initial = (0..<slot).map { gss_topn(density: Int32($0 % model.topn), score: Int32.min) }
        history = Array((0..<model.history).map { _ in initial }.joined())
        densityScratch = [Float](repeating: 0, count: model.densities)
        positionScratch = [Int16](repeating: 0, count: 2 * model.senones)
    }

    deinit { feat_free(features) }

    /// An empty log for `frames` frames, to pass to `score(_:into:)` (and to readers meanwhile).
    func log(frames: Int) -> SenoneLog { SenoneLog(header: model.logHeader, frames: frames, senones: model.senones) }

    /// The senone log of one utterance of `cepstra` (13 raw cepstra per frame, at least one frame).
    ///
    /// - Throws: `SpeechError` when a frame has the wrong width or sphinxbase fails.
    func score(_ cepstra: ArraySlice<[Float]>) throws -> SenoneLog {
        let log = log(frames: cepstra.count)
        try score(cepstra, into: log)
        return log
    }

    /// Scores one utterance of `cepstra` into `log` (made by `log(frames:)` for as many frames), frame by
    /// frame; the log is complete, or closed early when this throws.
    ///
    /// - Throws: `SpeechError` when a frame has the wrong width or sphinxbase fails.
    func score(_ cepstra: ArraySlice<[Float]>, into log: SenoneLog) throws {
        defer { log.close() }
        let frames = cepstra.count
        let width = model.cepstra
        guard frames > 0, frames == log.frames, cepstra.allSatisfy({ $0.count == width }) else {
            throw SpeechError.decoderFailed("the scorer needs frames of \(width) cepstra")
        }
        guard let output = feat_array_alloc(features, Int32(frames)) else {
            throw SpeechError.decoderFailed("out of memory for \(frames) frames of features")
        }
        defer { feat_array_free(output) }
        // Batch CMN changes the cepstra in place: CepstrumRows hands over a copy.
        let produced = CepstrumRows.with(cepstra, width: width) { rows, count in
            var consumed = count
            return feat_s2mfc2feat_live(features, &rows, &consumed, 1, 1, output)
        }
        guard produced == Int32(frames) else {
            throw SpeechError.decoderFailed("sphinxbase made \(produced) feature frames of \(frames)")
        }
        let streamWidths = model.widths
        var frame = [Float](repeating: 0, count: streamWidths.reduce(0, +))
        var layout = model.layout
        let slots = model.history
        var scores = [Int16](repeating: 0, count: model.senones)
        for index in 0..<frames {
            // This frame's features, stream after stream.
            guard let streams = output[index] else { throw SpeechError.decoderFailed("no features for a frame") }
            var start = 0
            for (stream, streamWidth) in streamWidths.enumerated() {
                guard let values = streams[stream] else { throw SpeechError.decoderFailed("no feature stream") }
                for dimension in 0..<streamWidth { frame[start + dimension] = values[dimension] }
                start += streamWidth
            }
            let now = index % slots
            let before = (index + slots - 1) % slots
            history.withUnsafeMutableBufferPointer { history in
                let current = history.baseAddress! + now * slot
                let previous = history.baseAddress! + before * slot
                gss_score_frame(&layout, frame, previous, current, &densityScratch, &positionScratch, &scores)
            }
            scores.withUnsafeBufferPointer { log.append(frame: index, scores: $0) }
        }
    }
}

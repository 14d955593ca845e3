import CONNXRuntime
import Foundation

/// The two beam searches of one clip over Moonshine's merged decoder: hypotheses confined to the grammar
/// (`TokenMatcher`) and free ones, batched into one decoder run per step. Step 0 feeds BOS with empty
/// caches (`use_cache_branch` false) and yields the encoder's cross-attention keys and values, which every
/// later step reuses; the decoder's own keys and values are gathered by parent row after each step.
struct BeamSearch {
    /// A finished hypothesis: its tokens (without BOS and EOS) and total log probability (EOS included).
    struct Finished {
        var tokens: [Int32]
        var score: Double
    }

    /// The searches' results.
    struct Outcome {
        /// The best allowed sentence, nil when none finished within the token limit.
        var grammar: Finished?
        /// The best free transcript (the best unfinished one when none finished).
        var free: Finished
        /// Decoder runs.
        var steps: Int
    }

    private struct Hypothesis {
        var tokens: [Int32]
        var score: Double
        /// Where the grammar automaton is; nil for free hypotheses.
        var states: WordGraph.States?
        /// The row of the last decoder run that holds this hypothesis's logits and cache.
        var row: Int
    }

    private static let layers = 8
    private static let heads = 8
    private static let headSize = 52
    private static let width = 416
    /// Ids at and above this are padding in the 32,768-wide logits.
    private static let vocabulary = 32_000

    let decoder: OnnxSession
    let matcher: TokenMatcher
    let hidden: OnnxOutput
    let settings: MoonshineRecognizer.Settings
    let maxTokens: Int

    private static let decoderPresents = (0..<layers).flatMap { layer in
        ["key", "value"].map { "present.\(layer).decoder.\($0)" }
    }
    private static let encoderPresents = (0..<layers).flatMap { layer in
        ["key", "value"].map { "present.\(layer).encoder.\($0)" }
    }

    mutating func run() throws(SpeechError) -> Outcome {
        let frames = hidden.shape[1]
        let rows = settings.beamWidth + settings.freeBeamWidth
        let bos = TensorBuffer<Int64>([Int64(MoonshineTokenizer.bos)])
        let noCache = TensorBuffer<Bool>([false])
        var inputs = [
            OnnxSession.Argument(name: "input_ids", type: GORT_INT64, data: bos.raw, shape: [1, 1]),
            .init(
                name: "encoder_hidden_states", type: GORT_FLOAT, data: UnsafeRawPointer(hidden.values.baseAddress),
                shape: [1, Int64(frames), Int64(Self.width)]),
            .init(name: "use_cache_branch", type: GORT_BOOL, data: noCache.raw, shape: [1]),
        ]
        for name in Self.decoderPresents + Self.encoderPresents {
            inputs.append(.init(name: Self.pastName(name), type: GORT_FLOAT, data: nil, shape: Self.cacheShape(1, 0)))
        }
        let first = try decoder.run(inputs, outputs: ["logits"] + Self.decoderPresents + Self.encoderPresents)
        // The arguments hold raw pointers into these buffers: an optimised build may otherwise free them
        // right after `.raw` is read, before ONNX Runtime reads them (garbage input, garbage transcripts).
        withExtendedLifetime((bos, noCache)) {}
        // Every row attends to the same audio: tile the encoder's outputs once for the largest batch.
        let encoderCache = first[(1 + Self.decoderPresents.count)...].map {
            TensorBuffer(tiling: $0.values, rows: rows)
        }
        let tiledHidden = TensorBuffer(tiling: hidden.values, rows: rows)

        var logits = first[0]
        var presents = Array(first[1...Self.decoderPresents.count])
        var grammarLive = [Hypothesis(tokens: [], score: 0, states: matcher.graph.start, row: 0)]
        var freeLive = [Hypothesis(tokens: [], score: 0, states: nil, row: 0)]
        var bestGrammar: Finished?
        var bestFree: Finished?
        var steps = 1
        while true {
            grammarLive = expandGrammar(grammarLive, logits: logits, best: &bestGrammar)
            freeLive = expandFree(freeLive, logits: logits, best: &bestFree)
            // Scores only fall as tokens are added: a search is over once a finished hypothesis beats every live one.
            if let best = bestGrammar, (grammarLive.first?.score ?? -.infinity) <= best.score { grammarLive = [] }
            if let best = bestFree, (freeLive.first?.score ?? -.infinity) <= best.score { freeLive = [] }
            if steps >= maxTokens || (grammarLive.isEmpty && freeLive.isEmpty) { break }

            let live = grammarLive + freeLive
            let gathered = presents.map {
                TensorBuffer(gathering: live.map(\.row), from: $0.values, rowCount: $0.shape[0])
            }
            let length = Int64(presents[0].shape[2])
            let batch = Int64(live.count)
            let ids = TensorBuffer<Int64>(live.map { Int64($0.tokens.last!) })
            let useCache = TensorBuffer<Bool>([true])
            var inputs = [
                OnnxSession.Argument(name: "input_ids", type: GORT_INT64, data: ids.raw, shape: [batch, 1]),
                .init(
                    name: "encoder_hidden_states", type: GORT_FLOAT, data: tiledHidden.raw,
                    shape: [batch, Int64(frames), Int64(Self.width)]),
                .init(name: "use_cache_branch", type: GORT_BOOL, data: useCache.raw, shape: [1]),
            ]
            for (index, name) in Self.decoderPresents.enumerated() {
                inputs.append(
                    .init(
                        name: Self.pastName(name), type: GORT_FLOAT, data: gathered[index].raw,
                        shape: Self.cacheShape(batch, length)))
            }
            for (index, name) in Self.encoderPresents.enumerated() {
                inputs.append(
                    .init(
                        name: Self.pastName(name), type: GORT_FLOAT, data: encoderCache[index].raw,
                        shape: Self.cacheShape(batch, Int64(frames))))
            }
            let outputs = try decoder.run(inputs, outputs: ["logits"] + Self.decoderPresents)
            withExtendedLifetime((gathered, ids, useCache, encoderCache, tiledHidden)) {}
            logits = outputs[0]
            presents = Array(outputs[1...])
            for index in grammarLive.indices { grammarLive[index].row = index }
            for index in freeLive.indices { freeLive[index].row = grammarLive.count + index }
            steps += 1
        }
        let free =
            bestFree ?? freeLive.first.map { Finished(tokens: $0.tokens, score: $0.score) }
            ?? Finished(tokens: [], score: 0)
        return Outcome(grammar: bestGrammar, free: free, steps: steps)
    }

    /// Grammar hypotheses: every token the grammar allows after each live one; EOS where a sentence ends.
    private func expandGrammar(_ live: [Hypothesis], logits: OnnxOutput, best: inout Finished?) -> [Hypothesis] {
        var candidates: [(parent: Int, token: Int32, score: Double, states: WordGraph.States)] = []
        for (parent, hypothesis) in live.enumerated() {
            let row = LogProbabilities(logits, row: hypothesis.row)
            let states = hypothesis.states!
            if matcher.graph.isFinal(states) {
                let score = hypothesis.score + row[MoonshineTokenizer.eos]
                if score > best?.score ?? -.infinity { best = Finished(tokens: hypothesis.tokens, score: score) }
            }
            for candidate in matcher.candidates(after: states) {
                candidates.append((parent, candidate.token, hypothesis.score + row[candidate.token], candidate.states))
            }
        }
        candidates.sort { $0.score > $1.score }
        return candidates.prefix(settings.beamWidth).map { candidate in
            let parent = live[candidate.parent]
            return Hypothesis(
                tokens: parent.tokens + [candidate.token], score: candidate.score, states: candidate.states,
                row: parent.row)
        }
    }

    /// Free hypotheses: each live one's most likely next tokens; EOS ends one.
    private func expandFree(_ live: [Hypothesis], logits: OnnxOutput, best: inout Finished?) -> [Hypothesis] {
        var candidates: [(parent: Int, token: Int32, score: Double)] = []
        for (parent, hypothesis) in live.enumerated() {
            let row = LogProbabilities(logits, row: hypothesis.row)
            for token in row.top(settings.freeBeamWidth + 2) {
                let score = hypothesis.score + row[token]
                if token == MoonshineTokenizer.eos {
                    // An empty transcript can outscore a short command's two or three tokens; speech was
                    // given, so the free decode must say something (silence is rejected by the margin).
                    guard !hypothesis.tokens.isEmpty else { continue }
                    if score > best?.score ?? -.infinity { best = Finished(tokens: hypothesis.tokens, score: score) }
                } else {
                    candidates.append((parent, token, score))
                }
            }
        }
        candidates.sort { $0.score > $1.score }
        return candidates.prefix(settings.freeBeamWidth).map { candidate in
            let parent = live[candidate.parent]
            return Hypothesis(
                tokens: parent.tokens + [candidate.token], score: candidate.score, states: nil, row: parent.row)
        }
    }

    private static func pastName(_ present: String) -> String {
        "past_key_values" + present.dropFirst("present".count)
    }

    private static func cacheShape(_ batch: Int64, _ length: Int64) -> [Int64] {
        [batch, Int64(heads), length, Int64(headSize)]
    }

    /// One row of logits as log probabilities over the 32,000 real tokens.
    private struct LogProbabilities {
        let values: UnsafeBufferPointer<Float>
        let normaliser: Float

        init(_ logits: OnnxOutput, row: Int) {
            let width = logits.shape.last!
            let all = logits.values
            values = UnsafeBufferPointer(rebasing: all[(row * width)..<(row * width + BeamSearch.vocabulary)])
            let peak = values.max()!
            var sum: Float = 0
            for value in values { sum += expf(value - peak) }
            normaliser = peak + logf(sum)
        }

        subscript(token: Int32) -> Double { Double(values[Int(token)] - normaliser) }

        /// The `count` most likely tokens, most likely first (never UNK or BOS).
        func top(_ count: Int) -> [Int32] {
            var best: [(token: Int32, value: Float)] = []
            for (index, value) in values.enumerated() where index > Int(MoonshineTokenizer.bos) {
                guard best.count < count || value > best[best.count - 1].value else { continue }
                let position = best.firstIndex { value > $0.value } ?? best.count
                best.insert((Int32(index), value), at: position)
                if best.count > count { best.removeLast() }
            }
            return best.map(\.token)
        }
    }
}

/// A buffer with a stable address, for tensors fed to ONNX Runtime (kept alive across the calls that read it).
final class TensorBuffer<Element> {
    let pointer: UnsafeMutableBufferPointer<Element>

    /// A copy of `values`.
    init(_ values: [Element]) {
        pointer = .allocate(capacity: max(values.count, 1))
        _ = pointer.initialize(from: values)
    }

    /// `rows` copies of `values` back to back.
    init(tiling values: UnsafeBufferPointer<Element>, rows: Int) {
        pointer = .allocate(capacity: max(values.count * rows, 1))
        for row in 0..<rows {
            _ = UnsafeMutableBufferPointer(rebasing: pointer[(row * values.count)...]).initialize(from: values)
        }
    }

    /// The rows `rows` of `values`, which holds `rowCount` equal rows, in that order.
    init(gathering rows: [Int], from values: UnsafeBufferPointer<Element>, rowCount: Int) {
        let rowSize = values.count / max(rowCount, 1)
        pointer = .allocate(capacity: max(rowSize * rows.count, 1))
        for (index, row) in rows.enumerated() {
            _ = UnsafeMutableBufferPointer(rebasing: pointer[(index * rowSize)...])
                .initialize(from: UnsafeBufferPointer(rebasing: values[(row * rowSize)..<((row + 1) * rowSize)]))
        }
    }

    deinit { pointer.deallocate() }

    /// The first element's address.
    var raw: UnsafeRawPointer { UnsafeRawPointer(pointer.baseAddress!) }
}

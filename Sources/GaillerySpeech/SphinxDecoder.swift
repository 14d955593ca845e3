import CSphinxBase
import Foundation

/// One pocketsphinx decoder (`ps_decoder_t`) with two FSG searches over the same acoustic model: the
/// command grammar, and a free loop of single-phone words whose best path is the yardstick for
/// rejecting speech the grammar does not cover.
///
/// Not thread-safe and not Sendable: a pocketsphinx decoder keeps per-utterance state, so each is owned
/// by one `Recognizer`, which serialises access with its lock.
final class SphinxDecoder {
    /// Names of the two searches.
    enum Search: String {
        /// The JSGF command grammar.
        case grammar = "command"
        /// The phone loop.
        case phoneLoop = "phone-loop"
    }

    /// The phones of the en-us model (cmudict's set).
    static let phones = [
        "AA", "AE", "AH", "AO", "AW", "AY", "B", "CH", "D", "DH", "EH", "ER", "EY", "F", "G", "HH", "IH", "IY", "JH",
        "K", "L", "M", "N", "NG", "OW", "OY", "P", "R", "S", "SH", "T", "TH", "UH", "UW", "V", "W", "Y", "Z", "ZH",
    ]

    /// Dictionary words of one phone each, for the phone loop (underscores never occur in grammar words).
    static let phoneWords = phones.map { "phone_" + $0.lowercased() }

    private let decoder: OpaquePointer
    private let logmath: OpaquePointer
    private var hasGrammar = false

    /// Creates a decoder for `model` with `options` (`-name value` pairs) and builds its phone loop with
    /// language weight `loopWeight` (small, so phone changes are cheap and the loop fits the audio closely).
    ///
    /// - Throws: `SpeechError` when a model file is missing or pocketsphinx rejects the configuration.
    init(model: SpeechModel, options: [String: String], loopWeight: Double, loopBeam: Double) throws {
        try model.check()
        SphinxLog.silenceOnce()
        var arguments = ["-hmm", model.acousticModel, "-dict", model.dictionary]
        for (name, value) in options.sorted(by: { $0.key < $1.key }) { arguments += [name, value] }
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) }
        defer { for pointer in argv { free(pointer) } }
        // cmd_ln_init is variadic (not callable from Swift): parse an argv instead. ps_init retains it.
        guard let config = cmd_ln_parse_r(nil, ps_args(), Int32(argv.count), &argv, 0) else {
            throw SpeechError.decoderFailed("pocketsphinx rejected the options \(arguments.joined(separator: " "))")
        }
        defer { cmd_ln_free_r(config) }
        guard let decoder = ps_init(config) else {
            throw SpeechError.decoderFailed(
                "pocketsphinx could not load the model in \(model.acousticModel) with \(model.dictionary); "
                    + "check that both belong to the same language and are not damaged"
            )
        }
        self.decoder = decoder
        self.logmath = ps_get_logmath(decoder)
        do { try addPhoneLoop(weight: loopWeight, beam: loopBeam) } catch {
            ps_free(decoder)
            throw error
        }
    }

    deinit { ps_free(decoder) }

    /// Compiles `jsgf` as the grammar search, replacing the previous grammar.
    ///
    /// - Throws: `SpeechError` when pocketsphinx cannot compile it (a grammar generation bug).
    func setGrammar(_ jsgf: String) throws {
        guard ps_set_jsgf_string(decoder, Search.grammar.rawValue, jsgf) == 0 else {
            throw SpeechError.grammarRejected(
                "pocketsphinx could not compile the generated command grammar (\(jsgf.utf8.count) bytes); "
                    + "this is a bug in grammar generation"
            )
        }
        hasGrammar = true
    }

    /// Decodes `cepstra` (13 raw cepstra per frame, one whole utterance, at least one frame) with `search`.
    ///
    /// - Throws: `SpeechError` when no grammar was set or pocketsphinx fails.
    func decode(_ cepstra: ArraySlice<[Float]>, search: Search) throws -> SphinxHypothesis {
        guard search != .grammar || hasGrammar else {
            throw SpeechError.decoderFailed("the recognizer has no command grammar yet; set a vocabulary first")
        }
        guard !cepstra.isEmpty, ps_set_search(decoder, search.rawValue) == 0, ps_start_utt(decoder) == 0 else {
            throw SpeechError.decoderFailed("pocketsphinx could not start an utterance with the \(search) search")
        }
        let width = cepstra.first?.count ?? 0
        var flat = [mfcc_t](repeating: 0, count: cepstra.count * width)
        for (row, frame) in cepstra.enumerated() {
            flat.replaceSubrange((row * width)..<((row + 1) * width), with: frame)
        }
        let processed = flat.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var rows: [UnsafeMutablePointer<mfcc_t>?] = (0..<cepstra.count).map { buffer.baseAddress! + $0 * width }
            return ps_process_cep(decoder, &rows, Int32(cepstra.count), 0, 1)
        }
        guard processed >= 0, ps_end_utt(decoder) == 0 else {
            throw SpeechError.decoderFailed(
                "pocketsphinx failed decoding \(cepstra.count) frames with the \(search) search"
            )
        }
        var score: Int32 = 0
        let text = ps_get_hyp(decoder, &score).map { String(cString: $0) } ?? ""
        return SphinxHypothesis(text: text, score: nats(score), frames: cepstra.count, segments: segments(text))
    }

    /// Number of phones in the dictionary pronunciation of `word` (1 for fillers and unknown words).
    func phoneCount(_ word: String) -> Int {
        guard let pronunciation = ps_lookup_word(decoder, word) else { return 1 }
        defer { free(pronunciation) }
        return max(1, String(cString: pronunciation).split(separator: " ").count)
    }

    /// The best path's segments (valid right after `decode`).
    private func segments(_ text: String) -> [SphinxSegment] {
        var segments: [SphinxSegment] = []
        var iterator = text.isEmpty ? nil : ps_seg_iter(decoder)
        while let current = iterator {
            var (first, last): (Int32, Int32) = (0, 0)
            var (acoustic, language, backoff): (Int32, Int32, Int32) = (0, 0, 0)
            ps_seg_frames(current, &first, &last)
            _ = ps_seg_prob(current, &acoustic, &language, &backoff)
            if last >= first, let word = ps_seg_word(current) {
                segments.append(
                    SphinxSegment(
                        word: String(cString: word),
                        frames: Int(first)...Int(last),
                        acousticScore: nats(acoustic)
                    )
                )
            }
            iterator = ps_seg_next(current)  // frees the iterator at the end
        }
        return segments
    }

    /// Adds the phone words and compiles the loop search with its own language weight, beams and no
    /// insertion penalties (an FSG search reads these options when it is created; they are restored after).
    private func addPhoneLoop(weight: Double, beam: Double) throws {
        for (index, phone) in Self.phones.enumerated() {
            _ = ps_add_word(decoder, Self.phoneWords[index], phone, index == Self.phones.count - 1 ? 1 : 0)
        }
        let config = ps_get_config(decoder)
        let names = ["-lw", "-wip", "-pip", "-beam", "-pbeam", "-wbeam"]
        let saved = names.map { cmd_ln_float_r(config, $0) }
        for (name, value) in zip(names, [weight, 1, 1, beam, beam, beam]) { cmd_ln_set_float_r(config, name, value) }
        defer { for (name, value) in zip(names, saved) { cmd_ln_set_float_r(config, name, value) } }
        let jsgf =
            "#JSGF V1.0;\ngrammar loop;\npublic <loop> = <phone>+;\n<phone> = "
            + Self.phoneWords.joined(separator: " | ") + ";\n"
        guard ps_set_jsgf_string(decoder, Search.phoneLoop.rawValue, jsgf) == 0 else {
            throw SpeechError.decoderFailed("pocketsphinx could not build the phone loop search")
        }
    }

    /// Search scores are in the log base of the decoder's logmath, right-shifted by SENSCR_SHIFT (10 bits).
    private func nats(_ score: Int32) -> Double { logmath_log_to_ln(logmath, score) * 1024 }
}

import CSphinxBase
import Foundation

/// One pocketsphinx decoder (`ps_decoder_t`) with one FSG search, fed either with cepstra or with the
/// senone scores another decoder dumped for the same utterance.
///
/// Not thread-safe and not Sendable: a pocketsphinx decoder keeps per-utterance state, so each is owned
/// by one `CommandDecoder`, which its `Recognizer` serialises with its lock.
final class SphinxDecoder {
    /// The name of the decoder's one search.
    private static let searchName = "search"

    private let decoder: OpaquePointer
    /// The decoder's log base and tables (owned by the decoder).
    let logmath: OpaquePointer
    private var hasSearch = false

    /// Creates a decoder for `model` with `options` (`-name value` pairs, e.g. `-beam 1e-80`) and adds
    /// `words` (word → space-separated phones) to its dictionary.
    ///
    /// - Throws: `SpeechError` when a model file is missing or pocketsphinx rejects the configuration.
    init(model: SpeechModel, options: [String: String], words: [(String, String)] = []) throws {
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
                Self.loadFailure(model, probe: Self.openError(model.acousticModel + "/mdef")))
        }
        self.decoder = decoder
        self.logmath = ps_get_logmath(decoder)
        for (index, (word, phones)) in words.enumerated() {
            _ = ps_add_word(decoder, word, phones, index == words.count - 1 ? 1 : 0)
        }
    }

    deinit { ps_free(decoder) }

    /// Why `ps_init` failed with `model`, given the error of opening one of its files again (nil when
    /// that worked): pocketsphinx reports only that it failed, and a process out of file descriptors
    /// or memory is not a damaged model.
    static func loadFailure(_ model: SpeechModel, probe: Int32?) -> String {
        switch probe {
        case EMFILE?, ENFILE?:
            "pocketsphinx could not open the model in \(model.acousticModel): \(String(cString: strerror(probe!))); "
                + "the process is out of file descriptors: raise the open-file limit (ulimit -n) or close connections"
        case ENOMEM?:
            "pocketsphinx could not load the model in \(model.acousticModel): out of memory; free memory or start "
                + "fewer recognizers (--recognizers)"
        default:
            "pocketsphinx could not load the model in \(model.acousticModel) with \(model.dictionary); "
                + "check that both belong to the same language and are not damaged"
        }
    }

    /// The errno of opening `path` for reading, or nil when it opens.
    private static func openError(_ path: String) -> Int32? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return errno }
        close(fd)
        return nil
    }

    /// Compiles `jsgf` as the decoder's search, replacing the previous one.
    ///
    /// - Throws: `SpeechError` when pocketsphinx cannot compile it (a grammar generation bug).
    func setGrammar(_ jsgf: String) throws {
        guard ps_set_jsgf_string(decoder, Self.searchName, jsgf) == 0,
            ps_set_search(decoder, Self.searchName) == 0
        else {
            throw SpeechError.grammarRejected(
                "pocketsphinx could not compile the generated grammar (\(jsgf.utf8.count) bytes); "
                    + "this is a bug in grammar generation"
            )
        }
        hasSearch = true
    }

    /// Decodes `cepstra` (13 raw cepstra per frame, one whole utterance, at least one frame).
    /// `started` runs right after `ps_start_utt` (with whether it succeeded), before the first frame:
    /// by then pocketsphinx has opened its senone log (`-senlogdir`). The utterance is always ended,
    /// so a senone log that was opened is always closed, also when decoding fails.
    ///
    /// - Throws: `SpeechError` when no grammar was set or pocketsphinx fails.
    func decode(_ cepstra: ArraySlice<[Float]>, started: (Bool) -> Void = { _ in }) throws -> SphinxHypothesis {
        try checkReady()
        guard !cepstra.isEmpty else { throw SpeechError.decoderFailed("pocketsphinx was given no frames") }
        // ps_start_utt may fail after opening the senone log; ending the utterance closes it.
        let didStart = ps_start_utt(decoder) == 0
        var ended = false
        defer { if !ended { _ = ps_end_utt(decoder) } }
        started(didStart)
        guard didStart else { throw SpeechError.decoderFailed("pocketsphinx could not start an utterance") }
        let processed = CepstrumRows.with(cepstra, width: cepstra.first?.count ?? 0) { rows, count in
            ps_process_cep(decoder, &rows, count, 0, 1)
        }
        ended = true
        guard ps_end_utt(decoder) == 0, processed >= 0 else {
            throw SpeechError.decoderFailed("pocketsphinx failed decoding \(cepstra.count) frames")
        }
        return hypothesis(frames: cepstra.count)
    }

    /// Decodes the utterance whose senone scores another decoder of the same model dumped to `path`
    /// (`-senlogdir`), `frames` frames long.
    ///
    /// - Throws: `SpeechError` when the file cannot be read or pocketsphinx fails.
    func decode(senoneScoresAt path: String, frames: Int) throws -> SphinxHypothesis {
        guard let file = fopen(path, "rb") else {
            throw SpeechError.decoderFailed("cannot read the senone scores pocketsphinx wrote to \(path)")
        }
        defer { fclose(file) }
        return try decode(senoneScoresIn: file, frames: frames, source: path)
    }

    /// Decodes the senone scores another decoder of the same model writes into the pipe `descriptor`
    /// (its read end, blocking), `frames` frames long, as they arrive. Takes the descriptor over: reads
    /// the pipe to its end even when the search fails (so that the writer never waits on a full pipe)
    /// and closes it.
    ///
    /// - Throws: `SpeechError` when pocketsphinx fails.
    func decode(senoneScoresFrom descriptor: Int32, frames: Int) throws -> SphinxHypothesis {
        guard let file = fdopen(descriptor, "rb") else {
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            var count = 0
            repeat { count = read(descriptor, &buffer, buffer.count) } while count > 0 || (count < 0 && errno == EINTR)
            close(descriptor)
            throw SpeechError.decoderFailed("cannot read the pipe of senone scores (out of memory?)")
        }
        // Reads of a frame (10 KB) in few system calls.
        setvbuf(file, nil, _IOFBF, 1 << 16)
        defer {
            Self.readToEnd(file)
            fclose(file)
        }
        return try decode(senoneScoresIn: file, frames: frames, source: "the pipe")
    }

    /// Reads and drops what is left in `file` until its end (a signal interrupting a read is retried).
    private static func readToEnd(_ file: UnsafeMutablePointer<FILE>) {
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            errno = 0
            if fread(&buffer, 1, buffer.count, file) > 0 { continue }
            guard feof(file) == 0, errno == EINTR else { return }
            clearerr(file)
        }
    }

    private func decode(senoneScoresIn file: UnsafeMutablePointer<FILE>, frames: Int, source: String) throws
        -> SphinxHypothesis
    {
        try checkReady()
        guard ps_decode_senscr(decoder, file) >= 0 else {
            throw SpeechError.decoderFailed("pocketsphinx failed decoding the senone scores in \(source)")
        }
        return hypothesis(frames: frames)
    }

    /// Decodes the utterance whose senone scores are in `log` (computed by `SenoneScorer` for this
    /// decoder's model), following the scorer when it is still writing them.
    ///
    /// - Throws: `SpeechError` when pocketsphinx fails.
    func decode(senoneLog log: SenoneLog) throws -> SphinxHypothesis {
        try checkReady()
        guard let file = log.open() else {
            throw SpeechError.decoderFailed("cannot open the senone scores in memory (out of memory?)")
        }
        // Reads of a frame (10 KB) in few calls.
        setvbuf(file, nil, _IOFBF, 1 << 16)
        defer { fclose(file) }
        return try decode(senoneScoresIn: file, frames: log.frames, source: "memory")
    }

    /// The decoder's setting `name` (e.g. "-feat"), nil when unset.
    func configString(_ name: String) -> String? {
        guard let config = ps_get_config(decoder), cmd_ln_exists_r(config, name) != 0,
            let value = cmd_ln_str_r(config, name)
        else { return nil }
        return String(cString: value)
    }

    /// The decoder's integer or boolean setting `name` (0 when unset).
    func configInt(_ name: String) -> Int {
        guard let config = ps_get_config(decoder), cmd_ln_exists_r(config, name) != 0 else { return 0 }
        return cmd_ln_int_r(config, name)
    }

    /// The decoder's floating-point setting `name` (0 when unset).
    func configFloat(_ name: String) -> Double {
        guard let config = ps_get_config(decoder), cmd_ln_exists_r(config, name) != 0 else { return 0 }
        return cmd_ln_float_r(config, name)
    }

    /// Number of phones in the dictionary pronunciation of `word` (1 for fillers and unknown words).
    func phoneCount(_ word: String) -> Int {
        guard let pronunciation = ps_lookup_word(decoder, word) else { return 1 }
        defer { free(pronunciation) }
        return max(1, String(cString: pronunciation).split(separator: " ").count)
    }

    private func checkReady() throws {
        guard hasSearch else {
            throw SpeechError.decoderFailed("the recognizer has no command grammar yet; set a vocabulary first")
        }
    }

    /// The best path of the utterance just decoded.
    private func hypothesis(frames: Int) -> SphinxHypothesis {
        var score: Int32 = 0
        let text = ps_get_hyp(decoder, &score).map { String(cString: $0) } ?? ""
        return SphinxHypothesis(text: text, score: nats(score), frames: frames, segments: segments(text))
    }

    /// The best path's segments, null transitions left out (valid right after a decode).
    private func segments(_ text: String) -> [SphinxSegment] {
        var segments: [SphinxSegment] = []
        var iterator = text.isEmpty ? nil : ps_seg_iter(decoder)
        while let current = iterator {
            var (first, last): (Int32, Int32) = (0, 0)
            var (acoustic, language, backoff): (Int32, Int32, Int32) = (0, 0, 0)
            ps_seg_frames(current, &first, &last)
            _ = ps_seg_prob(current, &acoustic, &language, &backoff)
            if last >= first, let word = ps_seg_word(current), word.pointee != 0x28 {  // not "(NULL)"
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

    /// Search scores are in the log base of the decoder's logmath, right-shifted by SENSCR_SHIFT (10 bits).
    private func nats(_ score: Int32) -> Double { logmath_log_to_ln(logmath, score) * 1024 }
}

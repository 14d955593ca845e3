import Foundation

/// The two searches of a recognizer over one utterance, sharing one acoustic scoring pass.
///
/// Every senone of every frame is scored once (so each frame is normalised against its best senone
/// rather than against the grammar's best): the grammar decoder searches the command grammar over those
/// scores and the loop decoder a free loop of phones, so the two path scores are on the same scale. The
/// Gaussian mixture evaluation was most of the cost.
///
/// With our scorer (`RecognizerConfiguration.ownAcousticScoring`, the default): `SenoneScorer` computes
/// the scores, the same integers as pocketsphinx's in about a quarter of the time, into a `SenoneLog`.
/// Concurrently (the default) the phone loop searches it on its own thread (`PhoneLoopWorker`) frame by
/// frame as the scorer writes it, and the grammar search follows on the calling thread once the scorer
/// is done; sequentially (`concurrentPhoneLoop` false) both search it afterwards.
///
/// With pocketsphinx's scoring (the option off, or a model `SenoneScorer` does not reproduce): the
/// grammar decoder scores while it searches (`-compallsen yes`) and logs the scores (`-senlogdir`) for
/// the loop decoder, through a named pipe (`SenonePipe`) to the loop's thread while it runs, or, when
/// sequential or when the pipe cannot be used, through a file searched afterwards. Either way the
/// scores, and so the results, are the same bytes.
///
/// Not thread-safe: owned by one `Recognizer`, which serialises access with its lock.
final class CommandDecoder {
    /// The phones of the en-us model (cmudict's set).
    static let phones = [
        "AA", "AE", "AH", "AO", "AW", "AY", "B", "CH", "D", "DH", "EH", "ER", "EY", "F", "G", "HH", "IH", "IY", "JH",
        "K", "L", "M", "N", "NG", "OW", "OY", "P", "R", "S", "SH", "T", "TH", "UH", "UW", "V", "W", "Y", "Z", "ZH",
    ]

    /// Dictionary words of one phone each, for the phone loop (underscores never occur in grammar words).
    static let phoneWords = phones.map { "phone_" + $0.lowercased() }

    private let grammar: SphinxDecoder
    private let loop: PhoneLoopWorker
    /// Who computes the senone scores both searches read.
    private enum Scoring {
        /// `SenoneScorer`, into a `SenoneLog` in memory.
        case own(SenoneScorer)
        /// pocketsphinx, in the grammar decoder, which logs them into this directory for the loop.
        case pocketsphinx(SenoneDump)
    }

    private let scoring: Scoring
    /// Why pocketsphinx scores instead of `SenoneScorer` when `RecognizerConfiguration.ownAcousticScoring`
    /// asked for the latter (nil otherwise).
    let scoringFallback: String?
    private let concurrent: Bool
    /// The grammar decoder's next utterance number (pocketsphinx names the senone log after it).
    var nextUtterance: UInt32 = 0
    /// Utterances whose phone loop ran after the grammar search because the pipe could not be used.
    private(set) var sequentialFallbacks = 0

    /// Loads the model twice (about 0.3 s and 25 MB each) with the options of `configuration`, and
    /// once more laid out for `SenoneScorer` (about 4 MB), and starts the phone loop's thread.
    ///
    /// - Throws: `SpeechError` when model files are missing, pocketsphinx rejects the options, or no
    ///   directory for the senone scores can be made.
    init(configuration: RecognizerConfiguration) throws {
        concurrent = configuration.concurrentPhoneLoop
        var grammarOptions = configuration.decoderOptions
        grammarOptions["-compallsen"] = "yes"
        // Our own scorer computes the scores both searches read; pocketsphinx's when the model is not
        // one it reproduces (then the grammar decoder scores and logs them for the loop).
        var chosen: (SphinxDecoder, Scoring)?
        var fallback: String?
        if configuration.ownAcousticScoring {
            let decoder = try SphinxDecoder(model: configuration.model, options: grammarOptions)
            do {
                chosen = (decoder, .own(try SenoneScorer(for: decoder)))
            } catch {
                fallback = "\(error)"
            }
        }
        if chosen == nil {
            let dump = try SenoneDump()
            grammarOptions["-senlogdir"] = dump.directory
            chosen = (try SphinxDecoder(model: configuration.model, options: grammarOptions), .pocketsphinx(dump))
        }
        (grammar, scoring) = chosen!
        scoringFallback = fallback
        let beam = String(configuration.phoneLoopBeam)
        var loopOptions = configuration.decoderOptions
        loopOptions["-senlogdir"] = nil
        loopOptions.merge(
            [
                "-lw": String(configuration.phoneLoopWeight), "-wip": "1", "-pip": "1", "-beam": beam, "-pbeam": beam,
                "-wbeam": beam,
            ]
        ) { $1 }
        loopOptions.merge(configuration.phoneLoopOptions) { $1 }
        let loopDecoder = try SphinxDecoder(
            model: configuration.model, options: loopOptions, words: Array(zip(Self.phoneWords, Self.phones)))
        try loopDecoder.setGrammar(
            "#JSGF V1.0;\ngrammar loop;\npublic <loop> = <phone>+;\n<phone> = "
                + Self.phoneWords.joined(separator: " | ") + ";\n"
        )
        loop = PhoneLoopWorker(decoder: loopDecoder)
    }

    deinit { loop.stop() }

    /// Compiles `jsgf` as the command grammar.
    ///
    /// - Throws: `SpeechError` when pocketsphinx cannot compile it.
    func setGrammar(_ jsgf: String) throws { try grammar.setGrammar(jsgf) }

    /// Searches `cepstra` (one utterance) with the command grammar and the phone loop.
    ///
    /// - Throws: `SpeechError` when pocketsphinx fails or writes no senone scores.
    func decode(_ cepstra: ArraySlice<[Float]>) throws -> (command: SphinxHypothesis, loop: SphinxHypothesis) {
        switch scoring {
        case .own(let scorer): return try decode(cepstra, scoredBy: scorer)
        case .pocketsphinx(let dump): return try decode(cepstra, loggedIn: dump)
        }
    }

    /// `decode` with `SenoneScorer`: the phone loop follows the scorer frame by frame (concurrently),
    /// the grammar search reads the whole log.
    private func decode(_ cepstra: ArraySlice<[Float]>, scoredBy scorer: SenoneScorer) throws -> (
        command: SphinxHypothesis, loop: SphinxHypothesis
    ) {
        guard !cepstra.isEmpty else { throw SpeechError.decoderFailed("pocketsphinx was given no frames") }
        let log = scorer.log(frames: cepstra.count)
        guard concurrent else {
            try scorer.score(cepstra, into: log)
            return (try grammar.decode(senoneLog: log), try loop.decode(log))
        }
        loop.start(searching: log)
        let scored = Result { try scorer.score(cepstra, into: log) }
        let command = Result {
            try scored.get()
            return try grammar.decode(senoneLog: log)
        }
        let phones = Result { try loop.finish() }
        return (try command.get(), try phones.get())
    }

    /// `decode` with pocketsphinx scoring in the grammar decoder, which logs the scores into `dump`.
    private func decode(_ cepstra: ArraySlice<[Float]>, loggedIn dump: SenoneDump) throws -> (
        command: SphinxHypothesis, loop: SphinxHypothesis
    ) {
        defer { dump.clear() }
        guard concurrent else {
            let command = try grammar.decode(cepstra)
            return (command, try loopAfterwards(dump, frames: cepstra.count))
        }
        guard let pipe = try? SenonePipe(path: dump.path(utterance: nextUtterance)) else {
            // No FIFO here (a file system without them): the file way gives the same results.
            let command = try grammar.decode(cepstra)
            sequentialFallbacks += 1
            return (command, try loopAfterwards(dump, frames: cepstra.count))
        }
        var searching = false
        let command = Result {
            try grammar.decode(cepstra) { started in
                unlink(pipe.path)
                // pocketsphinx opened our pipe if it started and made no file of its own.
                guard started, dump.entries().isEmpty else { return }
                nextUtterance &+= 1
                pipe.connect()
                loop.start(reading: pipe.descriptor, frames: cepstra.count)
                searching = true
            }
        }
        // The grammar decoder has ended the utterance, so the pipe has no writer any more.
        guard searching else {
            pipe.close()
            let path = try command.get()
            sequentialFallbacks += 1
            return (path, try loopAfterwards(dump, frames: cepstra.count))
        }
        let phones = Result { try loop.finish() }
        return (try command.get(), try phones.get())
    }

    /// Searches the phone loop over the file the grammar decoder just wrote, and takes the utterance
    /// number from its name.
    private func loopAfterwards(_ dump: SenoneDump, frames: Int) throws -> SphinxHypothesis {
        let file = try dump.latest()
        if let number = SenoneDump.utterance(ofFile: (file as NSString).lastPathComponent) {
            nextUtterance = number &+ 1
        }
        return try loop.decode(senoneScoresAt: file, frames: frames)
    }

    /// Number of phones in the dictionary pronunciation of `word`.
    func phoneCount(_ word: String) -> Int { grammar.phoneCount(word) }
}

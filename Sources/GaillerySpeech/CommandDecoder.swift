import Foundation

/// The two searches of a recognizer over one utterance, sharing one acoustic scoring pass.
///
/// The grammar decoder scores every senone of every frame (`-compallsen yes`, so each frame is
/// normalised against its best senone rather than against the grammar's best) while it searches the
/// command grammar, and logs those scores (`-senlogdir`); the loop decoder searches a free loop of
/// phones over the logged scores. The Gaussian mixture evaluation, most of the cost, runs once, and the
/// two path scores are on the same scale.
///
/// Concurrently (the default): the log is a named pipe (`SenonePipe`) and the phone loop runs on its
/// own thread (`PhoneLoopWorker`) while the grammar decoder writes, so an utterance takes about as long
/// as the slower search instead of both; the scores, and so the results, are the same bytes as through
/// a file. Sequentially (`RecognizerConfiguration.concurrentPhoneLoop` false, and the fallback when the
/// pipe cannot be used): the log is a file, searched after the grammar decoder finished.
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
    private let dump: SenoneDump
    private let concurrent: Bool
    /// The grammar decoder's next utterance number (pocketsphinx names the senone log after it).
    var nextUtterance: UInt32 = 0
    /// Utterances whose phone loop ran after the grammar search because the pipe could not be used.
    private(set) var sequentialFallbacks = 0

    /// Loads the model twice (about 0.3 s and 25 MB each) with the options of `configuration` and
    /// starts the phone loop's thread.
    ///
    /// - Throws: `SpeechError` when model files are missing, pocketsphinx rejects the options, or no
    ///   directory for the senone scores can be made.
    init(configuration: RecognizerConfiguration) throws {
        dump = try SenoneDump()
        concurrent = configuration.concurrentPhoneLoop
        var grammarOptions = configuration.decoderOptions
        grammarOptions["-compallsen"] = "yes"
        grammarOptions["-senlogdir"] = dump.directory
        grammar = try SphinxDecoder(model: configuration.model, options: grammarOptions)
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
        defer { dump.clear() }
        guard concurrent else {
            let command = try grammar.decode(cepstra)
            return (command, try loopAfterwards(frames: cepstra.count))
        }
        guard let pipe = try? SenonePipe(path: dump.path(utterance: nextUtterance)) else {
            // No FIFO here (a file system without them): the file way gives the same results.
            let command = try grammar.decode(cepstra)
            sequentialFallbacks += 1
            return (command, try loopAfterwards(frames: cepstra.count))
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
            return (path, try loopAfterwards(frames: cepstra.count))
        }
        let phones = Result { try loop.finish() }
        return (try command.get(), try phones.get())
    }

    /// Searches the phone loop over the file the grammar decoder just wrote, and takes the utterance
    /// number from its name.
    private func loopAfterwards(frames: Int) throws -> SphinxHypothesis {
        let file = try dump.latest()
        if let number = SenoneDump.utterance(ofFile: (file as NSString).lastPathComponent) {
            nextUtterance = number &+ 1
        }
        return try loop.decode(senoneScoresAt: file, frames: frames)
    }

    /// Number of phones in the dictionary pronunciation of `word`.
    func phoneCount(_ word: String) -> Int { grammar.phoneCount(word) }
}

/// The two searches of a recognizer over one utterance, sharing one acoustic scoring pass.
///
/// The grammar decoder scores every senone of every frame (`-compallsen yes`, so each frame is
/// normalised against its best senone rather than against the grammar's best) while it searches the
/// command grammar, and dumps those scores (`-senlogdir`); the loop decoder then searches a free loop
/// of phones over the dumped scores. The Gaussian mixture evaluation, most of the cost, runs once, and
/// the two path scores are on the same scale.
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
    private let loop: SphinxDecoder
    private let dump: SenoneDump

    /// Loads the model twice (about 0.3 s and 25 MB each) with the options of `configuration`.
    ///
    /// - Throws: `SpeechError` when model files are missing, pocketsphinx rejects the options, or no
    ///   directory for the senone scores can be made.
    init(configuration: RecognizerConfiguration) throws {
        dump = try SenoneDump()
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
        loop = try SphinxDecoder(
            model: configuration.model, options: loopOptions, words: Array(zip(Self.phoneWords, Self.phones)))
        try loop.setGrammar(
            "#JSGF V1.0;\ngrammar loop;\npublic <loop> = <phone>+;\n<phone> = "
                + Self.phoneWords.joined(separator: " | ") + ";\n"
        )
    }

    /// Compiles `jsgf` as the command grammar.
    ///
    /// - Throws: `SpeechError` when pocketsphinx cannot compile it.
    func setGrammar(_ jsgf: String) throws { try grammar.setGrammar(jsgf) }

    /// Searches `cepstra` (one utterance) with the command grammar and the phone loop.
    ///
    /// - Throws: `SpeechError` when pocketsphinx fails.
    func decode(_ cepstra: ArraySlice<[Float]>) throws -> (command: SphinxHypothesis, loop: SphinxHypothesis) {
        defer { dump.clear() }
        let command = try grammar.decode(cepstra)
        let loop = try loop.decode(senoneScoresAt: try dump.latest(), frames: cepstra.count)
        return (command, loop)
    }

    /// Number of phones in the dictionary pronunciation of `word`.
    func phoneCount(_ word: String) -> Int { grammar.phoneCount(word) }
}

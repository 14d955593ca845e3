import Foundation
import GailleryAudio
import Testing

@testable import GaillerySpeech

/// `SenoneScorer` against pocketsphinx itself: for the same cepstra, the senone log it computes must be
/// byte for byte the log pocketsphinx writes (`-senlogdir`) while decoding them, utterance after
/// utterance (the top-N history carries over), and searching it must give the same path.
@Suite(.enabled(if: SpeechClips.available, SpeechClips.skipReason))
struct SenoneScorerTests {
    static func decoder(_ options: [String: String]) throws -> SphinxDecoder {
        let configuration = RecognizerConfiguration()
        let decoder = try SphinxDecoder(
            model: configuration.model, options: configuration.decoderOptions.merging(options) { $1 })
        let dictionary = try PronunciationDictionary(contentsOf: configuration.model.dictionary)
        try decoder.setGrammar(CommandGrammar(vocabulary: SharedPool.vocabulary, dictionary: dictionary).jsgf)
        return decoder
    }

    @Test func scoresAreThoseOfPocketsphinxAndGiveTheSamePaths() throws {
        let dump = try SenoneDump()
        let reference = try Self.decoder(["-compallsen": "yes", "-senlogdir": dump.directory])
        let searcher = try Self.decoder(["-compallsen": "yes"])
        let scorer = try SenoneScorer(for: searcher)
        for (index, utterance) in try CommandDecoderTests.utterances().enumerated() {
            let expected = try reference.decode(utterance)
            let written = try #require(FileManager.default.contents(atPath: try dump.latest()))
            dump.clear()
            let log = try scorer.score(utterance)
            #expect(log.frames == utterance.count)
            #expect(
                log.bytes.count == written.count,
                "clip \(index): \(log.bytes.count) bytes, pocketsphinx \(written.count)")
            var (count, first) = (0, -1)
            for (offset, pair) in zip(log.bytes, written).enumerated() where pair.0 != pair.1 {
                if count == 0 { first = offset }
                count += 1
            }
            #expect(count == 0, "clip \(index): \(count) bytes differ, the first at \(first)")
            let found = try searcher.decode(senoneLog: log)
            #expect(found == expected, "clip \(index): the search over our scores differs")
            if count > 0 { break }
        }
    }

    @Test func logAddStepsReproduceTheTable() {
        let table: [UInt8] = [7, 6, 6, 5, 3, 3, 1, 0, 0] + [UInt8](repeating: 0, count: 503)
        let steps = SenoneScoringModel.steps(of: table)
        for d in 0..<table.count {
            #expect(Int(table[d]) == (steps ?? []).filter { Int($0) > d }.count, "d = \(d)")
        }
        #expect(SenoneScoringModel.steps(of: [1, 2] + [UInt8](repeating: 0, count: 510)) == nil)
        #expect(SenoneScoringModel.steps(of: [9] + [UInt8](repeating: 0, count: 511)) == nil)
    }

    @Test func aModelItCannotReproduceFallsBackToPocketsphinxScoring() throws {
        var configuration = RecognizerConfiguration()
        configuration.decoderOptions["-ds"] = "2"
        let decoder = try CommandDecoder(configuration: configuration)
        #expect(decoder.scoringFallback?.contains("frame downsampling") == true)
        let dictionary = try PronunciationDictionary(contentsOf: configuration.model.dictionary)
        try decoder.setGrammar(CommandGrammar(vocabulary: SharedPool.vocabulary, dictionary: dictionary).jsgf)
        let utterance = try #require(try CommandDecoderTests.utterances().first)
        #expect(try !decoder.decode(utterance).command.text.isEmpty)
    }

    @Test func damagedModelFilesAreRefusedWithWhatToDo() throws {
        let directory = RecognizerConfiguration().model.acousticModel
        for name in ["mdef", "means", "sendump"] {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name)))
            for cut in [3, 200, bytes.count - 1] {
                let truncated = Array(bytes.prefix(cut))
                #expect("\(name) cut at \(cut)") {
                    switch name {
                    case "mdef": _ = try ModelDefinition(reader: ModelFileReader(bytes: truncated, path: name))
                    case "means": _ = try GaussianParameters(reader: ModelFileReader(bytes: truncated, path: name))
                    default: _ = try QuantizedWeights(sendump: truncated, path: name)
                    }
                } throws: { error in
                    "\(error)".contains("reinstall pocketsphinx-en-us")
                }
            }
        }
        // The whole files parse, with the sizes of Debian's en-us model.
        let definition = try ModelDefinition(path: directory + "/mdef")
        #expect(definition.basePhones == 42 && definition.senoneBasePhone.count == 5126)
        let means = try GaussianParameters(path: directory + "/means")
        #expect(means.codebooks == 42 && means.streams == 3 && means.densities == 128 && means.widths == [13, 13, 13])
    }
}

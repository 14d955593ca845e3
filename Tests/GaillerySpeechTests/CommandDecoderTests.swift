import Foundation
import GailleryAudio
import Testing

@testable import GaillerySpeech

/// The two searches of `CommandDecoder`: the phone loop on its own thread reading a pipe gives exactly
/// what it gives reading a file afterwards, and a pipe pocketsphinx did not open falls back to the file.
@Suite(.enabled(if: SpeechClips.available, SpeechClips.skipReason))
struct CommandDecoderTests {
    /// Commands, out-of-grammar speech and noise, as cepstra (no endpointing: the whole clip).
    static func utterances() throws -> [ArraySlice<[Float]>] {
        var clips = try [
            ("show me photos of dogs", "en-us", 160, nil), ("close the gallery", "en-us+f3", 180, 20),
            ("delete the file", "en-us+m3", 150, nil), ("find a hotel in Paris", "en-us+f2", 170, 30),
        ].map { (text: String, voice: String, speed: Int, snr: Double?) in
            try SpeechClips.speech(text, voice: voice, speed: speed, snr: snr)
        }
        clips.append(SpeechClips.noise(seconds: 1.5, level: 0.05))
        let extractor = FeatureExtractor()
        return clips.map { extractor.cepstra($0.samples)[...] }
    }

    /// A decoder with the test vocabulary's grammar.
    static func decoder(concurrent: Bool, ownScoring: Bool = false) throws -> CommandDecoder {
        var configuration = RecognizerConfiguration()
        configuration.concurrentPhoneLoop = concurrent
        configuration.ownAcousticScoring = ownScoring
        let decoder = try CommandDecoder(configuration: configuration)
        let dictionary = try PronunciationDictionary(contentsOf: configuration.model.dictionary)
        try decoder.setGrammar(CommandGrammar(vocabulary: SharedPool.vocabulary, dictionary: dictionary).jsgf)
        return decoder
    }

    @Test func pipeAndFileGiveIdenticalPaths() throws {
        let concurrent = try Self.decoder(concurrent: true)
        let sequential = try Self.decoder(concurrent: false)
        for (index, utterance) in try Self.utterances().enumerated() {
            let piped = try concurrent.decode(utterance)
            let filed = try sequential.decode(utterance)
            #expect(piped.command == filed.command, "clip \(index): grammar paths differ")
            #expect(piped.loop == filed.loop, "clip \(index): phone-loop paths differ")
            #expect(!piped.loop.segments.isEmpty, "clip \(index): the phone loop found no path")
        }
        #expect(concurrent.sequentialFallbacks == 0)
        #expect(concurrent.nextUtterance == sequential.nextUtterance)
    }

    @Test func ownScoringGivesPocketsphinxsPathsWithTheLoopFollowingTheScorer() throws {
        let reference = try Self.decoder(concurrent: true)
        let streamed = try Self.decoder(concurrent: true, ownScoring: true)
        let sequential = try Self.decoder(concurrent: false, ownScoring: true)
        #expect(streamed.scoringFallback == nil)
        for (index, utterance) in try Self.utterances().enumerated() {
            let expected = try reference.decode(utterance)
            let following = try streamed.decode(utterance)
            let afterwards = try sequential.decode(utterance)
            #expect(following.command == expected.command, "clip \(index): grammar paths differ")
            #expect(following.loop == expected.loop, "clip \(index): phone-loop paths differ")
            #expect(afterwards.command == expected.command && afterwards.loop == expected.loop, "clip \(index)")
        }
        #expect(throws: SpeechError.self) { try streamed.decode([]) }
    }

    @Test func aPipeAtTheWrongNameFallsBackToTheFileAndResynchronises() throws {
        let decoder = try Self.decoder(concurrent: true)
        let utterance = try #require(try Self.utterances().first)
        decoder.nextUtterance = 7  // pocketsphinx's own count is 0: it writes 000000000.sen instead
        let first = try decoder.decode(utterance)
        #expect(decoder.sequentialFallbacks == 1)
        #expect(decoder.nextUtterance == 1)
        let second = try decoder.decode(utterance)
        #expect(decoder.sequentialFallbacks == 1, "the pipe was not used again after resynchronising")
        #expect(second.command == first.command && second.loop == first.loop)
    }

    @Test func failedUtterancesLeaveTheDecoderUsable() throws {
        let decoder = try Self.decoder(concurrent: true)
        let utterance = try #require(try Self.utterances().first)
        let reference = try decoder.decode(utterance)
        #expect(throws: SpeechError.self) { try decoder.decode([]) }
        let again = try decoder.decode(utterance)
        #expect(again.command == reference.command && again.loop == reference.loop)
        #expect(decoder.sequentialFallbacks == 0)
    }

    @Test func pipeIsAPrivateFIFOAtPocketsphinxsNameAndEndsWithItsWriter() throws {
        let dump = try SenoneDump()
        let path = dump.path(utterance: 12)
        #expect(path == dump.directory + "/000000012.sen")
        #expect(SenoneDump.utterance(ofFile: "000000012.sen") == 12)
        #expect(SenoneDump.utterance(ofFile: "notes.txt") == nil)
        let pipe = try SenonePipe(path: path)
        defer { dump.clear() }
        var status = stat()
        #expect(lstat(path, &status) == 0)
        #expect(status.st_mode & S_IFMT == S_IFIFO && status.st_mode & 0o777 == 0o600)
        let writer = try #require(fopen(path, "wb"), "opening the writer blocked or failed")
        pipe.connect()
        #expect(fwrite("scores", 1, 6, writer) == 6)
        fclose(writer)
        var bytes = [UInt8](repeating: 0, count: 16)
        #expect(read(pipe.descriptor, &bytes, 16) == 6)
        #expect(read(pipe.descriptor, &bytes, 16) == 0, "no end of file after the writer closed")
        pipe.close()
    }
}

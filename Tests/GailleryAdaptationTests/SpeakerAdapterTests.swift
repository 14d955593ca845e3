import Foundation
import GailleryAudio
import GaillerySpeech
import GailleryTestSupport
import Testing

@testable import GailleryAdaptation

/// Speaker adaptation end to end: espeak-ng reads the prompts, SphinxTrain adapts the real en-us model,
/// and pocketsphinx loads the result.
@Suite(.enabled(if: AdaptationFixtures.available, AdaptationFixtures.skipReason))
final class SpeakerAdapterTests {
    let scratch: TemporaryDirectory

    init() throws { scratch = try TemporaryDirectory() }

    @Test func anAdaptedModelFitsTheVoiceBetterAndReplacesTheLastOne() throws {
        let place = SpeakerModelDirectory(directory: scratch.url.appendingPathComponent("voice"))
        let recordings = try AdaptationFixtures.recordings(12, voice: "en-us+f4", in: scratch.url)
        let adapter = SpeakerAdapter(base: .debianEnUS)

        let first = try adapter.adapt(recordings, into: place)
        #expect(first.profile.recordings == 12 && first.ignored.isEmpty)
        #expect(first.profile.fitAfter > first.profile.fitBefore + 5, "\(first.profile)")
        #expect(first.profile.speechSeconds > 12 && first.profile.speechSeconds < 60)
        guard case .adapted(let model, let profile) = place.load(base: .debianEnUS) else {
            Issue.record("no adaptation found after adapt")
            return
        }
        #expect(profile == first.profile && model == first.model)
        let means = try Data(contentsOf: URL(fileURLWithPath: model.acousticModel + "/means"))
        let baseMeans = try Data(contentsOf: URL(fileURLWithPath: SpeechModel.debianEnUS.acousticModel + "/means"))
        #expect(means.count == baseMeans.count && means != baseMeans)

        // pocketsphinx loads it, and the voice's command is understood.
        var configuration = RecognizerConfiguration.enrolled(model)
        let pool = try RecognizerPool(size: 1, vocabulary: SpeechVocabulary.phrases, configuration: configuration)
        let command = try AdaptationFixtures.speech("show all pictures", voice: "en-us+f4", in: scratch.url)
        let heard = try pool.recognize(command)
        #expect(heard.intent.name == .all)
        // Our acoustic scorer reproduces pocketsphinx's scores for the adapted means too.
        #expect(pool.scoringFallback == nil)
        configuration.ownAcousticScoring = false
        let reference = try RecognizerPool(size: 1, vocabulary: SpeechVocabulary.phrases, configuration: configuration)
        let expected = try reference.recognize(command)
        #expect(heard.transcript == expected.transcript && heard.evidence == expected.evidence)

        // A second enrollment replaces the first; nothing of the first is left.
        let second = try adapter.adapt(Array(recordings.reversed()), into: place)
        #expect(place.load(base: .debianEnUS) == .adapted(second.model, second.profile))
        let entries = try FileManager.default.contentsOfDirectory(atPath: place.directory.path)
        #expect(entries.filter { $0.hasPrefix("speaker-") }.count == 1 && !entries.contains { $0.hasPrefix("enroll-") })

        #expect(try place.remove())
        #expect(place.load(base: .debianEnUS) == .none)
        #expect(try !place.remove())
        #expect(try FileManager.default.contentsOfDirectory(atPath: place.directory.path).isEmpty)
    }

    @Test func recordingsThatCannotTeachAnythingAreRefusedWithWhatToDo() throws {
        let place = SpeakerModelDirectory(directory: scratch.url.appendingPathComponent("voice"))
        let adapter = SpeakerAdapter(base: .debianEnUS)
        let recordings = try AdaptationFixtures.recordings(10, voice: "en-us", in: scratch.url)
        func refusal(_ recordings: [EnrollmentRecording]) -> String? {
            do {
                _ = try adapter.adapt(recordings, into: place)
                return nil
            } catch let error as AdaptationError where error.kind == .recordings {
                return error.description
            } catch {
                return "unexpected: \(error)"
            }
        }
        #expect(refusal(Array(recordings.prefix(9)))?.contains("10 to 100 recordings, got 9") == true)

        var unknown = recordings
        unknown[3].text = "the zqxw wagon rolled 42 times"
        #expect(
            refusal(unknown)?.contains(
                #"recording 4's sentence has words the pronunciation dictionary lacks ("zqxw", "42")"#) == true)

        var silent = recordings
        silent[7].audio = PCMAudio(samples: [Float](repeating: 0, count: 32_000), sampleRate: 16_000)
        #expect(refusal(silent)?.contains("recording 8 holds no speech") == true)

        // Every recording read with another prompt's sentence: nothing aligns.
        let texts = recordings.map(\.text)
        var shuffled = recordings
        for index in shuffled.indices { shuffled[index].text = texts[(index + 1) % texts.count] }
        #expect(refusal(shuffled)?.contains("recordings matched their sentences") == true)

        #expect(place.load(base: .debianEnUS) == .none)
        let left = (try? FileManager.default.contentsOfDirectory(atPath: place.directory.path)) ?? []
        #expect(left.isEmpty, "\(left)")
    }

    @Test func anAdaptationForAnotherBaseModelIsNotUsed() throws {
        let place = SpeakerModelDirectory(directory: scratch.url.appendingPathComponent("voice"))
        let recordings = try AdaptationFixtures.recordings(10, voice: "en-us+m3", in: scratch.url)
        let report = try SpeakerAdapter(base: .debianEnUS).adapt(recordings, into: place)
        let manifest = report.model.acousticModel + "/speaker.json"
        var profile = report.profile
        profile.baseFingerprint = "mdef=1"
        try JSONEncoder().encode(profile).write(to: URL(fileURLWithPath: manifest))
        guard case .unusable(let reason) = place.load(base: .debianEnUS) else {
            Issue.record("a stale adaptation was used")
            return
        }
        #expect(reason.contains("another version of the speech model; enroll again"))
        try FileManager.default.removeItem(atPath: manifest)
        guard case .unusable(let incomplete) = place.load(base: .debianEnUS) else {
            Issue.record("an adaptation without its manifest was used")
            return
        }
        #expect(incomplete.contains("is incomplete; enroll again"))
    }
}

/// The enrollment prompts.
struct EnrollmentPromptsTests {
    @Test(.enabled(if: (try? SpeechModel.debianEnUS.check()) != nil, "needs pocketsphinx-en-us"))
    func everyWordIsInTheDictionaryAndNoneIsATagOrCommandWord() throws {
        let dictionary = try PronunciationDictionary(contentsOf: SpeechModel.debianEnUS.dictionary)
        let grammar = CommandGrammar(vocabulary: SpeechVocabulary.phrases, dictionary: dictionary)
        // Function words are shared with any English; the rest of the grammar's words (tags, verbs,
        // "photos", "gallery", ...) must not appear.
        let functionWords: Set = ["the", "a", "and", "of", "for", "i"]
        let commandWords = Set(SpeakerAdapter.words(grammar.jsgf)).subtracting(functionWords)
        #expect(EnrollmentPrompts.sentences.count == 30 && Set(EnrollmentPrompts.sentences).count == 30)
        for sentence in EnrollmentPrompts.sentences {
            let words = SpeakerAdapter.words(sentence)
            #expect(words.allSatisfy(dictionary.contains), "\(sentence)")
            #expect(Set(words).isDisjoint(with: commandWords), "\(sentence): \(Set(words).intersection(commandWords))")
        }
    }
}

import GailleryCore
import Testing

@testable import GaillerySpeech

/// The recognizer's settings for an enrolled (speaker-adapted) model.
struct RecognizerConfigurationTests {
    /// `enrolled` changes the model and the minimum scores, nothing else, and never lowers a minimum: an
    /// adapted model scores its speaker's out-of-grammar speech higher too.
    @Test func enrolledRaisesTheMinimumsAndKeepsTheRest() {
        let model = SpeechModel(acousticModel: "/var/lib/gaillery/speaker-1", dictionary: "/usr/share/dict.dict")
        let enrolled = RecognizerConfiguration.enrolled(model)
        let base = RecognizerConfiguration()
        #expect(enrolled.model == model)

        var expected = base
        expected.model = model
        expected.minimumScore = enrolled.minimumScore
        expected.minimumScores = enrolled.minimumScores
        #expect(enrolled == expected)

        for intent in Intent.allCases where intent != .none {
            #expect(enrolled.minimumScore(for: intent) >= base.minimumScore(for: intent), "\(intent)")
        }
        #expect(enrolled.minimumScore(for: .delete) > enrolled.minimumScore(for: .search))
    }
}

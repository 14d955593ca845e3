import Foundation
import GailleryClassifier
import GailleryCore
import GailleryStore
import Logging

extension ClassifierService {
    /// The tag a photo with someone in it gets (a search for "people" finds it too: tags are matched
    /// in the singular, and "people" is "person").
    static let personTag = TagName(rawValue: "person")
    /// The tag a photo with several people in it gets as well ("people" cannot be it: see above).
    static let groupTag = TagName(rawValue: "group")

    /// The person detector, or nil (logged) when it is turned off or cannot load: like the classifier
    /// it is optional, and photos are still classified without it.
    static func loadDetector(
        _ configuration: DaemonConfiguration, directory: URL, runtime: OnnxRuntime, threads: Int, logger: Logger
    ) -> PersonDetector? {
        guard configuration.detectPeople else { return nil }
        do {
            let detector = try PersonDetector(
                modelsDirectory: directory, runtime: runtime, intraOpThreads: threads, allowSpinning: false)
            logger.info(
                "person detector ready",
                metadata: ["model": "\(detector.manifest.id)", "threshold": "\(PersonDetector.tagThreshold)"])
            return detector
        } catch {
            logger.warning("person detector not loaded; photos get no person tag", metadata: ["reason": "\(error)"])
            return nil
        }
    }

    /// The tags `person` (with the detector's confidence) and, when at least two boxes pass the
    /// threshold, `group` (with the second box's score), added to the classifier's tags (the store keeps the higher confidence when
    /// the classifier's taxonomy gave the same tag), and the record the index keeps of the detection.
    static func records(
        adding detection: PersonDetection, to classification: ClassificationRecord, model: String
    ) -> (ClassificationRecord, PersonDetectionRecord) {
        var records = classification
        let threshold = PersonDetector.tagThreshold
        if detection.confidence >= threshold, let personTag {
            records.tags.append(ModelTag(tag: personTag, confidence: detection.confidence))
            let several = detection.boxes.filter { $0.score >= threshold }
            if several.count >= 2, let groupTag {
                records.tags.append(ModelTag(tag: groupTag, confidence: several[1].score))
            }
        }
        return (
            records, PersonDetectionRecord(confidence: detection.confidence, model: model, boxes: detection.boxes)
        )
    }
}

import GailleryCore

/// What the detector found in one photo.
package struct PersonDetection: Sendable, Hashable {
    /// How sure the detector is that someone is in the photo, 0...1: the lower of its best scores on the
    /// photo and on its mirror image. A person is a person mirrored; the textures that fool the detector
    /// (a retina, a fish, elephants' skin) mostly do so one way round only.
    package var confidence: Double
    /// The people found on the photo itself scoring at least the threshold asked for, best first.
    package var boxes: [PersonBox]

    /// A detection.
    package init(confidence: Double, boxes: [PersonBox]) {
        self.confidence = confidence
        self.boxes = boxes
    }
}

/// One person the detector found in a photo (`photos.get`): a box as fractions of the displayed
/// (upright) photo's width and height, origin top left, and the detector's confidence for it.
public struct PhotoPersonBox: Codable, Sendable, Equatable {
    /// Left edge, 0...1 of the width.
    public var x: Double
    /// Top edge, 0...1 of the height.
    public var y: Double
    /// Width, 0...1 of the photo's width.
    public var width: Double
    /// Height, 0...1 of the photo's height.
    public var height: Double
    /// The detector's probability that a person is there, 0...1.
    public var score: Double

    public init(x: Double, y: Double, width: Double, height: Double, score: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
        self.score = score
    }
}

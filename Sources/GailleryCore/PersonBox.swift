/// One person the detector found: a box in the photo's own coordinates, as fractions of its displayed
/// width and height (0...1, origin top left), and the detector's confidence.
public struct PersonBox: Sendable, Hashable, Codable {
    /// The left edge, 0...1 of the width.
    public var x: Double
    /// The top edge, 0...1 of the height.
    public var y: Double
    /// The width, 0...1 of the photo's width.
    public var width: Double
    /// The height, 0...1 of the photo's height.
    public var height: Double
    /// The detector's probability that a person is in the box, 0...1.
    public var score: Double

    /// A box; values are stored as given.
    public init(x: Double, y: Double, width: Double, height: Double, score: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
        self.score = score
    }

    /// Intersection over union with `other` (0 when either is empty).
    public func overlap(with other: PersonBox) -> Double {
        let left = max(x, other.x)
        let right = min(x + width, other.x + other.width)
        let top = max(y, other.y)
        let bottom = min(y + height, other.y + other.height)
        let intersection = max(0, right - left) * max(0, bottom - top)
        let union = width * height + other.width * other.height - intersection
        return union > 0 ? intersection / union : 0
    }
}

import Foundation
import GailleryCore

/// The detector's anchors and the decoding of its raw outputs into boxes, without ONNX Runtime
/// (tested on its own).
package struct PersonDecoding: Sendable {
    /// An SSD anchor's centre, as fractions of the square input.
    package struct Anchor: Sendable, Hashable {
        /// Centre x, 0...1.
        package var x: Double
        /// Centre y, 0...1.
        package var y: Double

        /// An anchor centred at (`x`, `y`).
        package init(x: Double, y: Double) {
            self.x = x
            self.y = y
        }
    }

    /// Where the photo sits inside the square letterboxed input, in input pixels.
    package struct Letterbox: Sendable, Hashable {
        /// The square input's side.
        package var size: Int
        /// Black columns left of the photo.
        package var left: Int
        /// Black rows above the photo.
        package var top: Int
        /// The photo's scaled width.
        package var width: Int
        /// The photo's scaled height.
        package var height: Int

        /// The placement of a `width` x `height` photo scaled to fit `size` x `size`, centred.
        package init(photoWidth: Int, photoHeight: Int, size: Int) {
            let long = max(photoWidth, photoHeight, 1)
            // Rounded half up, in integers: the same sizes on every platform.
            width = max(1, (2 * photoWidth * size + long) / (2 * long))
            height = max(1, (2 * photoHeight * size + long) / (2 * long))
            self.size = size
            left = (size - width) / 2
            top = (size - height) / 2
        }
    }

    /// Values per anchor in the boxes output (centre, size, 4 keypoints).
    package static let valuesPerAnchor = 12
    /// IoU above which overlapping candidates are merged (MediaPipe's pose detector setting).
    package static let suppressionOverlap = 0.3

    /// The anchors, in the model's output order.
    package let anchors: [Anchor]
    /// The unit of the raw box values (the input side, 224).
    package let scale: Double

    /// MediaPipe's SSD anchors for a square `inputSize` input: consecutive layers with the same stride
    /// share one grid of ceil(inputSize / stride) cells, each cell holding `anchorsPerLayer` anchors per
    /// layer, centred on the cell (offset 0.5), all of size 1 (the model predicts absolute sizes).
    package init(strides: [Int], anchorsPerLayer: Int, inputSize: Int) {
        var anchors: [Anchor] = []
        var layer = 0
        while layer < strides.count {
            var shared = 1
            while layer + shared < strides.count, strides[layer + shared] == strides[layer] { shared += 1 }
            let cells = (inputSize + strides[layer] - 1) / strides[layer]
            for row in 0..<cells {
                for column in 0..<cells {
                    let anchor = Anchor(
                        x: (Double(column) + 0.5) / Double(cells), y: (Double(row) + 0.5) / Double(cells))
                    anchors += Array(repeating: anchor, count: anchorsPerLayer * shared)
                }
            }
            layer += shared
        }
        self.anchors = anchors
        self.scale = Double(inputSize)
    }

    /// One anchor's prediction, decoded to fractions of the square input.
    package struct Candidate: Sendable, Hashable {
        /// The detector's own box (around the head), as the suppression compares them.
        package var box: PersonBox
        /// Keypoint 0: the middle of the hips.
        package var hipX: Double
        /// Keypoint 0's y.
        package var hipY: Double
        /// Keypoint 1: a point on the circle around the whole body, centred on the hips.
        package var bodyX: Double
        /// Keypoint 1's y.
        package var bodyY: Double

        /// A candidate from its decoded values.
        package init(box: PersonBox, hipX: Double, hipY: Double, bodyX: Double, bodyY: Double) {
            self.box = box
            self.hipX = hipX
            self.hipY = hipY
            self.bodyX = bodyX
            self.bodyY = bodyY
        }

        /// The whole person: the square centred on the hips whose half side is the body circle's radius
        /// (how MediaPipe's pose tracker finds the region it tracks).
        package var person: PersonBox {
            let radius = ((bodyX - hipX) * (bodyX - hipX) + (bodyY - hipY) * (bodyY - hipY)).squareRoot()
            return PersonBox(
                x: hipX - radius, y: hipY - radius, width: 2 * radius, height: 2 * radius, score: box.score)
        }
    }

    /// The highest probability over all anchors of one image (0...1).
    package func topScore(logits: UnsafeBufferPointer<Float>) -> Double {
        Self.probability(logits.max() ?? -100)
    }

    /// The people in one image whose probability is at least `threshold`, merged by weighted
    /// non-maximum suppression and mapped from the letterboxed input back to the photo (fractions of
    /// its width and height, clipped to it), best first.
    /// - Parameters:
    ///   - boxes: The image's `anchors.count * valuesPerAnchor` raw box values.
    ///   - logits: The image's `anchors.count` raw scores.
    package func decode(
        boxes: UnsafeBufferPointer<Float>, logits: UnsafeBufferPointer<Float>, letterbox: Letterbox,
        threshold: Double
    ) -> [PersonBox] {
        var candidates: [Candidate] = []
        for (index, anchor) in anchors.enumerated() {
            let score = Self.probability(logits[index])
            guard score >= threshold else { continue }
            let raw = index * Self.valuesPerAnchor
            func value(_ offset: Int) -> Double { Double(boxes[raw + offset]) / scale }
            let (width, height) = (value(2), value(3))
            candidates.append(
                Candidate(
                    box: PersonBox(
                        x: value(0) + anchor.x - width / 2, y: value(1) + anchor.y - height / 2, width: width,
                        height: height, score: score),
                    hipX: value(4) + anchor.x, hipY: value(5) + anchor.y, bodyX: value(6) + anchor.x,
                    bodyY: value(7) + anchor.y))
        }
        return Self.weightedSuppression(candidates).compactMap { unmap($0.person, letterbox) }
    }

    /// The sigmoid of a logit clipped to +-100, as MediaPipe computes scores.
    static func probability(_ logit: Float) -> Double {
        1 / (1 + exp(-min(max(Double(logit), -100), 100)))
    }

    /// MediaPipe's weighted non-maximum suppression: the best remaining candidate takes every other one
    /// whose box overlaps its box by more than `suppressionOverlap` IoU, and their score-weighted mean
    /// (box and keypoints) is kept with the best one's score.
    package static func weightedSuppression(_ candidates: [Candidate]) -> [Candidate] {
        var remaining = candidates.sorted { $0.box.score > $1.box.score }
        var kept: [Candidate] = []
        while let best = remaining.first {
            var sums = [Double](repeating: 0, count: 8)
            var weight = 0.0
            var rest: [Candidate] = []
            for candidate in remaining {
                guard candidate == best || candidate.box.overlap(with: best.box) > suppressionOverlap else {
                    rest.append(candidate)
                    continue
                }
                let box = candidate.box
                let values = [
                    box.x, box.y, box.x + box.width, box.y + box.height, candidate.hipX, candidate.hipY,
                    candidate.bodyX, candidate.bodyY,
                ]
                for (index, value) in values.enumerated() { sums[index] += value * box.score }
                weight += box.score
            }
            let mean = sums.map { $0 / weight }
            kept.append(
                Candidate(
                    box: PersonBox(
                        x: mean[0], y: mean[1], width: mean[2] - mean[0], height: mean[3] - mean[1],
                        score: best.box.score),
                    hipX: mean[4], hipY: mean[5], bodyX: mean[6], bodyY: mean[7]))
            remaining = rest
        }
        return kept
    }

    /// `box` (fractions of the square input) as fractions of the photo, clipped to it; nil when nothing
    /// of it is on the photo.
    private func unmap(_ box: PersonBox, _ letterbox: Letterbox) -> PersonBox? {
        let size = Double(letterbox.size)
        func photoX(_ value: Double) -> Double {
            min(max((value * size - Double(letterbox.left)) / Double(letterbox.width), 0), 1)
        }
        func photoY(_ value: Double) -> Double {
            min(max((value * size - Double(letterbox.top)) / Double(letterbox.height), 0), 1)
        }
        let left = photoX(box.x)
        let top = photoY(box.y)
        let right = photoX(box.x + box.width)
        let bottom = photoY(box.y + box.height)
        guard right > left, bottom > top else { return nil }
        return PersonBox(x: left, y: top, width: right - left, height: bottom - top, score: box.score)
    }
}

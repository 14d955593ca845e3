import Foundation

/// Writers for the files SphinxTrain's `bw` and `map_adapt` read: feature files (`.mfc`) and sphinx3
/// parameter files (mixture weights).
enum SphinxTrainFiles {
    /// A Sphinx feature file: the number of values (frames × 13) as a big-endian 32-bit integer, then
    /// the cepstra as big-endian 32-bit floats, frame after frame (sphinx_fe's layout; readers detect
    /// the byte order from the file's size).
    static func mfc(_ cepstra: some Collection<[Float]>) -> [UInt8] {
        let values = cepstra.reduce(0) { $0 + $1.count }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(4 + 4 * values)
        append(UInt32(values).bigEndian, to: &bytes)
        for frame in cepstra {
            for value in frame { append(value.bitPattern.bigEndian, to: &bytes) }
        }
        return bytes
    }

    /// A sphinx3 three-dimensional float file (`s3` header, version 1.0, no checksum), as SphinxTrain
    /// writes mixture weights: the byte-order word 0x11223344, the three sizes and their product as
    /// 32-bit integers, then the values, all in this machine's byte order.
    static func s3Array(_ values: [Float], dimensions: (Int, Int, Int)) -> [UInt8] {
        precondition(values.count == dimensions.0 * dimensions.1 * dimensions.2, "s3Array: size mismatch")
        var header = Array("s3\nversion 1.0\n".utf8)
        // The binary part starts on a 4-byte boundary: pad before "endhdr\n" as SphinxTrain does.
        let end = Array("endhdr\n".utf8)
        let misalignment = (header.count + end.count) % 4
        if misalignment != 0 { header += [UInt8](repeating: 0x20, count: 4 - misalignment) }
        var bytes = header + end
        bytes.reserveCapacity(bytes.count + 20 + 4 * values.count)
        append(UInt32(0x1122_3344), to: &bytes)
        for size in [dimensions.0, dimensions.1, dimensions.2, values.count] { append(UInt32(size), to: &bytes) }
        for value in values { append(value.bitPattern, to: &bytes) }
        return bytes
    }

    private static func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value) { bytes += $0 }
    }
}

/// Writing object keys and recognising direct types, through the thread's `WireEncoderCache`.
extension WireEncoderState {
    /// Appends `"converted key":` for a keyed container's key.
    @inline(__always)
    func writeKey<Key: CodingKey>(_ key: Key) {
        guard let bits = WireEncoderCache.bits(of: key) else { return writeKey(string: key.stringValue) }
        let type = UInt(bitPattern: ObjectIdentifier(Key.self))
        if let range = cache.keyText(type: type, bits: bits) {
            appendCached(range)
        } else {
            let start = count
            writeConvertedKey(key.stringValue)
            cache.addKey(type: type, bits: bits, text: written(from: start))
        }
    }

    /// Appends `"converted key":` for a key known only by its text.
    func writeKey(string: String) {
        if let range = cache.keyText(string: string) {
            appendCached(range)
        } else {
            let start = count
            writeConvertedKey(string)
            cache.addKey(string: string, text: written(from: start))
        }
    }

    /// Whether values of type `T` have a direct form.
    @inline(__always)
    func isDirect<T>(_ type: T.Type) -> Bool {
        let address = UInt(bitPattern: ObjectIdentifier(T.self))
        if let direct = cache.isDirect(type: address) { return direct }
        let direct = T.self is any WireDirectEncodable.Type
        cache.addType(address, isDirect: direct)
        return direct
    }

    @inline(__always)
    private func appendCached(_ range: Range<Int>) {
        append(cache.text + range.lowerBound, count: range.count)
    }

    private func writeConvertedKey(_ string: String) {
        writeString(WireSnakeCase.convert(string))
        append(UInt8(ascii: ":"))
    }

    private func written(from start: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base + start, count: count - start)
    }
}

import Foundation
import GailleryProtocol

/// How large each parameter may be, checked on the bytes before any of them is decoded.
///
/// A 60 MiB `photos.search` query was decoded into a string and parsed as a query before being refused,
/// 2.4 s in which that event loop's other clients waited. No query, tag, name or path needs more than a
/// few KiB, so a member over its limit is refused at once with -32602 naming it. Inline data (`data`,
/// base64) and `voice.enroll`'s recordings are the members that are meant to be large: they are bounded
/// by the line limit, and `photos.upload`'s `data` by the upload limit the daemon sets.
package struct ParameterLimits: Sendable {
    /// The longest string parameter, in bytes as sent (default 4 KiB; paths: `PATH_MAX` less its NUL).
    package var string = 4096
    /// The largest array or object parameter, in bytes as sent (default 1 MiB: 10,000 photo ids fit).
    package var container = 1 << 20
    /// Limits for particular parameters, by method and wire name; `Int.max` for "the line limit only".
    private var overrides: [String: Int] = [
        "photos.upload data": .max, "voice.command data": .max, "voice.enroll recordings": .max,
    ]

    /// Parameter names that hold a file-system path (their limit is worded as `PATH_MAX`).
    private static let pathNames: Set<String> = ["path", "dir"]

    /// The default limits.
    package init() {}

    /// Sets the limit for `name` of `method` to `bytes` as sent.
    package mutating func set(_ method: String, _ name: String, bytes: Int) {
        overrides[method + " " + name] = bytes
    }

    /// The base64 length of `bytes` bytes: the `data` limit for an upload limit of `bytes`.
    package static func base64Length(of bytes: Int64) -> Int {
        let (groups, overflow) = ((bytes + 2) / 3).multipliedReportingOverflow(by: 4)
        return overflow || groups > Int64(Int.max) ? .max : Int(groups)
    }

    /// Throws when a member of the params object at `range` of `message` is over its limit. Objects no
    /// larger than the smallest limit are not looked at (no member of theirs can be over it).
    ///
    /// - Throws: `RPCError.invalidParams` naming the member, its size and its limit.
    func check(_ method: String, message: Data, range: Range<Int>) throws {
        guard range.count > min(string, container), range.upperBound <= message.count else { return }
        let problem = message.withUnsafeBytes { bytes -> RPCError? in
            var cursor = RequestScanner.Cursor(bytes: UnsafeRawBufferPointer(rebasing: bytes[range]))
            cursor.skipSpace()
            guard cursor.peek == UInt8(ascii: "{") else { return nil }
            var found: RPCError?
            try? cursor.skipContainer(close: UInt8(ascii: "}"), depth: 0) { cursor throws(RequestScanner.Failure) in
                // An escaped name is not matched against the overrides (no client escapes one), so it
                // cannot be used to pass a large value as `data`: it gets the default limits.
                let (key, escaped) = try cursor.readStringRange()
                let name = escaped ? "(escaped name)" : String(decoding: cursor.bytes[key], as: UTF8.self)
                cursor.skipSpace()
                try cursor.expect(UInt8(ascii: ":"))
                cursor.skipSpace()
                let isString = cursor.peek == UInt8(ascii: "\"")
                let start = cursor.index
                try cursor.skipValue(depth: 1)
                let size = cursor.index - start - (isString ? 2 : 0)
                if found == nil {
                    let text = UnsafeRawBufferPointer(rebasing: cursor.bytes[start..<cursor.index])
                    found = refusal(method, name, size: size, isString: isString, text: text)
                }
            }
            return found
        }
        if let problem { throw problem }
    }

    /// The error for member `name` of `size` bytes, or nil when it is within its limit.
    private func refusal(
        _ method: String, _ name: String, size: Int, isString: Bool, text: UnsafeRawBufferPointer
    ) -> RPCError? {
        let limit =
            overrides[method + " " + name]
            ?? (Self.pathNames.contains(name) ? Int(PATH_MAX) - 1 : isString ? string : container)
        guard size > limit else { return nil }
        // Escapes make a string longer as sent than as meant (`\u00e9` is 6 bytes for 2): measure the
        // decoded text when it can still be within the limit (6 bytes sent per byte meant at most).
        if isString, text.contains(UInt8(ascii: "\\")), size <= limit * 6,
            let decoded = try? JSONDecoder().decode(String.self, from: Data(text)), decoded.utf8.count <= limit
        {
            return nil
        }
        let data = JSONValue.object(["param": .string(name), "limit": .int(Int64(limit)), "size": .int(Int64(size))])
        if Self.pathNames.contains(name) {
            return RPCError(
                .invalidParams,
                "\(method): params.\(name) is \(size) bytes, longer than any path can be (\(limit) bytes, PATH_MAX)",
                data: data)
        }
        let what = isString ? "string" : "array or object"
        let advice = name == "data" ? "; send a path instead, or raise --max-upload-bytes" : "; send a shorter one"
        return RPCError(
            .invalidParams,
            "\(method): params.\(name) is \(size) bytes, over the \(limit)-byte limit for this \(what)\(advice)",
            data: data)
    }
}

import Foundation
import GailleryProtocol
import GailleryRPC

/// Where a request's content (a photo, an audio clip) comes from: a path the daemon reads, the bytes,
/// or a file the client opened and passed (the file-passing socket).
enum ContentSource: Sendable {
    /// An absolute path the daemon reads.
    case path(String)
    /// The bytes themselves.
    case bytes([UInt8])
    /// An open file passed with the request, and what messages call it (its name, else "the passed file").
    case passed(PassedFile, label: String)
}

extension Wire {
    /// The one source of a request that takes `path` (absolute) or `data` (base64), not both, or neither
    /// when the request came with a passed file (`passed`).
    ///
    /// - Throws: `RPCError` invalid params naming the field: a relative path, invalid base64, neither
    ///   or both given, or either given beside a passed file.
    static func source(path: String?, data: String?, passed: PassedFile? = nil, name: String? = nil) throws
        -> ContentSource
    {
        if let passed {
            guard path == nil, data == nil else {
                throw RPCError.invalidParams(
                    "the request came with a passed file, so it takes neither params.path nor params.data")
            }
            return .passed(passed, label: name ?? "the passed file")
        }
        switch (path, data) {
        case (let path?, nil):
            try refuseNUL(path, field: "path")
            guard path.hasPrefix("/") else {
                throw RPCError.invalidParams(
                    "params.path must be absolute (got \"\(path)\"); "
                        + "the daemon does not know your working directory"
                )
            }
            return .path(path)
        case (nil, let data?):
            guard let bytes = Data(base64Encoded: data, options: .ignoreUnknownCharacters) else {
                throw RPCError.invalidParams("params.data is not valid base64")
            }
            return .bytes(Array(bytes))
        case (nil, nil):
            throw RPCError.invalidParams("pass params.path (an absolute file path) or params.data (base64)")
        case (_?, _?):
            throw RPCError.invalidParams("pass either params.path or params.data, not both")
        }
    }

    /// Refuses a path or name with a NUL byte: the C calls that open a path stop at the first NUL, so
    /// ".../photo.jpg\0/../../etc/passwd" would read photo.jpg while being named "passwd".
    ///
    /// - Throws: `RPCError` invalid params naming `params.<field>`.
    static func refuseNUL(_ value: String?, field: String) throws {
        guard let value, let offset = value.utf8.firstIndex(of: 0) else { return }
        let position = value.utf8.distance(from: value.utf8.startIndex, to: offset)
        throw RPCError.invalidParams(
            "params.\(field) contains a NUL byte (at byte \(position)); "
                + "paths and names cannot contain NUL, send the \(field) without it"
        )
    }
}

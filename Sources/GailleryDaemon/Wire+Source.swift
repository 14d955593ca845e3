import Foundation
import GailleryProtocol

extension Wire {
    /// The one source of a request that takes `path` (absolute) or `data` (base64), not both.
    ///
    /// - Throws: `RPCError` invalid params naming the field: a relative path, invalid base64, neither
    ///   or both given.
    static func source(path: String?, data: String?, method: String) throws -> Daemon.UploadSource {
        switch (path, data) {
        case (let path?, nil):
            guard path.hasPrefix("/") else {
                throw RPCError.invalidParams(
                    "\(method): params.path must be absolute (got \"\(path)\"); "
                        + "the daemon does not know your working directory"
                )
            }
            return .path(path)
        case (nil, let data?):
            guard let bytes = Data(base64Encoded: data, options: .ignoreUnknownCharacters) else {
                throw RPCError.invalidParams("\(method): params.data is not valid base64")
            }
            return .bytes(Array(bytes))
        case (nil, nil):
            throw RPCError.invalidParams("\(method): pass params.path (an absolute file path) or params.data (base64)")
        case (_?, _?):
            throw RPCError.invalidParams("\(method): pass either params.path or params.data, not both")
        }
    }
}

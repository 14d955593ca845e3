import Foundation
import GRDB

/// An error from the store: a failed file operation or database access, or a missing record.
///
/// `isNotFound` lets callers map lookups of absent ids to their "not found" wire code.
package struct StoreError: Error, CustomStringConvertible {
    private enum Kind {
        case io(operation: String, path: String, errno: Int32)
        case database(operation: String, underlying: any Error)
        case notFound(String)
        case invalid(String)
    }

    private let kind: Kind

    private init(_ kind: Kind) { self.kind = kind }

    /// A system call failed on `path`; `errno` is the C error number.
    package static func io(_ operation: String, path: String, errno: Int32) -> StoreError {
        StoreError(.io(operation: operation, path: path, errno: errno))
    }

    /// A database operation failed.
    package static func database(_ operation: String, _ underlying: any Error) -> StoreError {
        StoreError(.database(operation: operation, underlying: underlying))
    }

    /// A record the caller named does not exist (e.g. "photo 42").
    package static func notFound(_ what: String) -> StoreError { StoreError(.notFound(what)) }

    /// The caller passed something the store cannot accept (e.g. a malformed cursor).
    package static func invalid(_ message: String) -> StoreError { StoreError(.invalid(message)) }

    /// Whether this error means that a named record does not exist.
    package var isNotFound: Bool {
        if case .notFound = kind { return true }
        return false
    }

    /// Whether this error means the caller's input was not acceptable.
    package var isInvalidInput: Bool {
        if case .invalid = kind { return true }
        return false
    }

    /// Whether this error means the disk holding the data directory is full (see `isStorageFull(_:)`).
    package var isStorageFull: Bool { Self.isStorageFull(self) }

    /// Whether `error` means that the disk (or the user's quota) holding the data directory is full:
    /// ENOSPC or EDQUOT from a system call, SQLITE_FULL from the index, or a Foundation write that ran
    /// out of space, also when wrapped in a `StoreError`. Such a failure is transient: the same work
    /// succeeds once space is freed, so callers report it as "storage full" and retry instead of failing.
    package static func isStorageFull(_ error: any Error) -> Bool {
        switch error {
        case let error as StoreError:
            switch error.kind {
            case .io(_, _, let code): return code == ENOSPC || code == EDQUOT
            case .database(_, let underlying): return isStorageFull(underlying)
            case .notFound, .invalid: return false
            }
        case let error as DatabaseError:
            return error.resultCode == .SQLITE_FULL
        case let error as CocoaError where error.code == .fileWriteOutOfSpace:
            return true
        default:
            let error = error as NSError
            if error.domain == NSPOSIXErrorDomain { return error.code == Int(ENOSPC) || error.code == Int(EDQUOT) }
            return (error.userInfo[NSUnderlyingErrorKey] as? any Error).map(isStorageFull) ?? false
        }
    }

    package var description: String {
        switch kind {
        case .io(let operation, let path, let code):
            "\(operation) \(path) failed: \(String(cString: strerror(code))) (errno \(code)); check that the "
                + "data directory is writable and the disk is not full"
        case .database(let operation, let underlying):
            "\(operation) failed: \(underlying)"
        case .notFound(let what):
            "\(what) does not exist"
        case .invalid(let message):
            message
        }
    }
}

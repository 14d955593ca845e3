import Foundation
import NIOConcurrencyHelpers

/// An open file a client passed over the file-passing socket (SCM_RIGHTS), handed to the one request
/// that came with it through its `RPCConnection`.
///
/// The daemon reads exactly what the client could open, wherever the file lives: in the client's
/// private /tmp, in a directory the daemon cannot see, or already deleted. The server closes it once
/// the request is answered; `close` is idempotent and guarded by a lock, so a handler may close it
/// sooner.
package final class PassedFile: Sendable {
    private let state: NIOLockedValueBox<Int32?>

    /// Takes ownership of `descriptor`.
    package init(descriptor: Int32) {
        state = NIOLockedValueBox(descriptor)
    }

    /// Runs `body` with the descriptor while it is open.
    ///
    /// The lock is held throughout, so the descriptor cannot be closed (and its number reused) while
    /// `body` reads from it.
    ///
    /// - Throws: `PassedFile.Closed` when the file was closed already; what `body` throws.
    package func withDescriptor<T>(_ body: (Int32) throws -> T) throws -> T {
        try state.withLockedValue { descriptor in
            guard let descriptor else { throw Closed() }
            return try body(descriptor)
        }
    }

    /// Closes the descriptor (once).
    package func close() {
        let descriptor = state.withLockedValue { descriptor in
            defer { descriptor = nil }
            return descriptor
        }
        if let descriptor { Glibc.close(descriptor) }
    }

    deinit {
        close()
    }

    /// The file was used after the request it came with was answered.
    package struct Closed: Error, CustomStringConvertible {
        package var description: String { "the passed file was already closed (its request has been answered)" }
    }
}

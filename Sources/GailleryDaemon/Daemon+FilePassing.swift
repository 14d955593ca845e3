import Foundation
import GailleryRPC

extension Daemon {
    /// Starts the file-passing socket beside the main one (`FilePassing.socketPath(forRPCSocket:)`) on
    /// `router`. A socket that cannot be bound is logged and the daemon goes on: clients then send the
    /// file's bytes or path instead.
    func startFilePassing(router: RPCRouter) {
        let server = FilePassingServer(
            path: FilePassing.socketPath(forRPCSocket: socketPath), router: router, logger: logger)
        do {
            try server.start()
            filePassing.withLockedValue { $0 = server }
        } catch {
            logger.warning("running without the file-passing socket", metadata: ["reason": "\(error)"])
        }
    }

    /// Stops accepting passed files and removes their socket; requests in hand are answered.
    func stopFilePassing() {
        filePassing.withLockedValue { $0 }?.stop()
    }
}

import Logging
import ServiceLifecycle

/// Runs the daemon under swift-service-lifecycle: starts it, serves until graceful shutdown is
/// triggered (SIGTERM or SIGINT through `ServiceGroup`), then shuts it down in order.
package struct DaemonService: Service {
    private let daemon: Daemon

    /// Wraps an opened (not yet started) daemon.
    package init(daemon: Daemon) {
        self.daemon = daemon
    }

    package func run() async throws {
        try await daemon.start()
        try? await gracefulShutdown()
        await daemon.shutdown()
    }
}

import Foundation
import GailleryRPC

/// Everything `gailleryd` can be told on its command line or through the environment.
package struct DaemonConfiguration: Sendable {
    /// Where to listen (a path, or a socket inherited from systemd).
    package var listener: RPCServer.Listener
    /// The data directory (originals, thumbnails, index).
    package var dataDirectory: URL
    /// The longest accepted JSON-RPC message, in bytes.
    package var maxLineLength = 64 << 20
    /// Pipeline worker threads (default: the number of cores).
    package var workers = ProcessInfo.processInfo.activeProcessorCount
    /// The most photos that may wait in or move through the pipeline before uploads get "busy".
    package var queueCapacity = 10_000
    /// Images with more pixels than this fail instead of being decoded (decompression bombs).
    package var maxPixels = 100_000_000
    /// The largest accepted original, in bytes.
    package var maxUploadBytes: Int64 = 512 << 20
    /// The thumbnail's long side, in pixels.
    package var thumbnailSize = 320

    /// A configuration with defaults for everything but the two locations.
    package init(listener: RPCServer.Listener, dataDirectory: URL) {
        self.listener = listener
        self.dataDirectory = dataDirectory
    }

    /// `$XDG_DATA_HOME/gaillery`, or `~/.local/share/gaillery` when XDG_DATA_HOME is unset.
    package static func defaultDataDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let data = environment["XDG_DATA_HOME"], !data.isEmpty {
            return URL(fileURLWithPath: data).appendingPathComponent("gaillery")
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".local/share/gaillery")
    }

    /// The listener systemd passed (LISTEN_PID is us and LISTEN_FDS ≥ 1: descriptor 3), or nil.
    package static func socketActivation(
        environment: [String: String] = ProcessInfo.processInfo.environment, socketPath: String
    ) -> RPCServer.Listener? {
        guard let pid = environment["LISTEN_PID"].flatMap(Int32.init), pid == getpid(),
            let count = environment["LISTEN_FDS"].flatMap(Int.init), count >= 1
        else { return nil }
        unsetenv("LISTEN_PID")
        unsetenv("LISTEN_FDS")
        unsetenv("LISTEN_FDNAMES")
        return .inherited(descriptor: 3, path: socketPath)
    }
}

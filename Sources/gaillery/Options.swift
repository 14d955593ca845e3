import ArgumentParser
import Foundation
import GailleryProtocol
import GailleryClient

/// Options every subcommand takes: where the daemon is, and whether to print raw JSON.
struct GlobalOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The daemon's socket (default: $GAILLERY_SOCKET, else $XDG_RUNTIME_DIR/gaillery/rpc.sock, "
                + "else /tmp/gaillery-$UID/rpc.sock).",
            valueName: "path"),
        completion: .file())
    var socket: String?

    @Flag(help: "Print each raw JSON result on stdout, one per line, instead of tables (for scripts).")
    var json = false

    /// The socket to connect to: `--socket`, else the documented default.
    var socketPath: String { socket ?? SocketAddressing.defaultSocketPath() }

    /// Connects to the daemon.
    ///
    /// - Throws: `ClientError.notRunning` (exit 3) when nothing listens at the socket.
    func connect() throws -> Session {
        Session(client: try RPCClient(socketPath: socketPath), json: json)
    }
}

/// One connection to the daemon plus the output mode: echoes raw results in `--json` mode.
final class Session {
    /// The underlying blocking client.
    let client: RPCClient
    /// Whether results are printed as raw JSON lines.
    let json: Bool

    /// Wraps a connected client; `json` selects raw JSON output.
    init(client: RPCClient, json: Bool) {
        self.client = client
        self.json = json
    }

    /// Calls `M`, prints its raw result in `--json` mode, and returns it decoded.
    ///
    /// - Throws: `RPCError` (the daemon's answer), `ClientError` (transport), `CLIError` (unreadable reply).
    func call<M: RPCMethod>(_: M.Type, _ params: M.Params) throws -> M.Result {
        let raw = try client.callRaw(method: M.method, params: params)
        if json { JSONLine.print(raw) }
        return try decode(M.Result.self, from: raw, method: M.method)
    }

    /// Calls `M` without printing anything, for look-ups a command makes on the side.
    func quietCall<M: RPCMethod>(_: M.Type, _ params: M.Params) throws -> M.Result {
        try decode(M.Result.self, from: client.callRaw(method: M.method, params: params), method: M.method)
    }

    /// The next event, waiting up to `timeout` seconds (nil: forever); nil on timeout.
    func nextEvent(timeout: Double?) throws -> EventNotification? {
        try client.nextNotification(timeout: timeout)
    }

    private func decode<T: Decodable>(_: T.Type, from raw: Data, method: String) throws -> T {
        do {
            return try WireCoding.decoder().decode(T.self, from: raw)
        } catch {
            throw CLIError.unexpectedReply(method: method, detail: "\(error)")
        }
    }
}

/// Prints JSON values as single lines with sorted keys, for `--json`.
enum JSONLine {
    /// Re-encodes `raw` compactly (sorted keys, unescaped slashes) and prints it on standard output.
    static func print(_ raw: Data) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: raw), let data = try? encoder.encode(value)
        else { return Console.json(String(decoding: raw, as: UTF8.self)) }
        Console.json(String(decoding: data, as: UTF8.self))
    }

    /// Prints a wire type as the daemon would send it (snake_case keys), sorted, on one line.
    static func print(wire value: some Encodable) {
        let encoder = WireCoding.encoder()
        encoder.outputFormatting.insert(.sortedKeys)
        if let data = try? encoder.encode(value) { Console.json(String(decoding: data, as: UTF8.self)) }
    }
}

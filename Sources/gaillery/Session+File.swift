import Foundation
import GailleryClient
import GailleryProtocol

extension Session {
    /// Calls `M` about the local file `file` (absolute): the file is opened here and passed to the daemon,
    /// which then reads it even where it cannot see the path (its private /tmp under systemd); a daemon
    /// without the file-passing socket gets the bytes, or the path for a large file. `params` builds the
    /// params from the `path` and `data` to send. Prints the raw result in `--json` mode.
    ///
    /// - Throws: `RPCError` (the daemon's answer), `ClientError` (transport), `CLIError` (unreadable reply).
    func call<M: RPCMethod>(
        _: M.Type, file: String, _ params: (_ path: String?, _ data: String?) -> M.Params
    ) throws -> M.Result {
        let raw = try client.callRaw(method: M.method, file: file, params: params)
        if json { JSONLine.print(raw) }
        do {
            return try WireCoding.decoder().decode(M.Result.self, from: raw)
        } catch {
            throw CLIError.unexpectedReply(method: M.method, detail: "\(error)")
        }
    }
}

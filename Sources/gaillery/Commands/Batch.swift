import GailleryProtocol

/// Runs one call per item, reporting the daemon's per-item errors and going on with the rest.
///
/// Transport failures (`ClientError`) still stop everything: no later item could succeed.
struct Batch<Item> {
    /// The items that failed, with the daemon's errors.
    private(set) var failures: [(item: Item, error: RPCError)] = []
    private var count = 0

    /// Runs `body` for `item`; on an `RPCError` prints `gaillery: <label>: <message>` (without the label
    /// when the message names it) and records it.
    mutating func attempt(_ item: Item, label: String, _ body: () throws -> Void) throws {
        count += 1
        do {
            try body()
        } catch let error as RPCError {
            // The daemon's message often names the item already ("photo 9 does not exist").
            Console.error(error.message.contains(label) ? error.message : "\(label): \(error.message)")
            failures.append((item, error))
        }
    }

    /// Throws `CLIError.partial` (exit status 2) when any item failed.
    func finish(noun: String) throws {
        guard !failures.isEmpty else { return }
        throw CLIError.partial("\(failures.count) of \(count) \(noun) failed")
    }
}

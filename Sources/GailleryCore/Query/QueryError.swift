/// A `photos.search` query that could not be parsed: where (1-based column, in characters) and what
/// was expected there.
///
/// `message` is complete on its own and names the column, e.g.
/// `expected a tag or "(" after "&" at column 5`.
public struct QueryError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The 1-based column (in characters) of the offending part of the query.
    public let column: Int
    /// What was wrong and what to do, including the column.
    public let message: String

    /// Creates an error at `column` with a complete `message`.
    public init(column: Int, message: String) {
        self.column = column
        self.message = message
    }

    public var description: String { message }
}

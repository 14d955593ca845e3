/// Builds the leaves of a `TagQuery` (tags and `key:value` filters), with column-precise errors.
enum QueryTerms {
    /// The filter keys, as listed in error messages.
    static let filterKeys = ["since:", "until:", "status:", "tag:"]

    /// A tag term at `column`.
    ///
    /// - Throws: `QueryError` wrapping the `TagNameError` (empty, too long, control character).
    static func tag(_ text: String, column: Int) throws(QueryError) -> TagName {
        do {
            return try TagName(text)
        } catch {
            throw QueryError(column: column, message: "invalid tag at column \(column): \(error.message)")
        }
    }

    /// The filter `key:value` at `column` (the value at `valueColumn`).
    ///
    /// - Throws: `QueryError` for an unknown key, a missing value, an invalid date or an unknown status.
    static func filter(key: String, value: String, column: Int, valueColumn: Int) throws(QueryError) -> TagQuery {
        let dateHint = "use YYYY-MM-DD, YYYY-MM or YYYY"
        let statuses = PhotoStatus.allCases.map(\.rawValue).joined(separator: ", ")
        func missing(_ what: String, _ hint: String) -> QueryError {
            QueryError(
                column: valueColumn, message: "expected \(what) after \"\(key):\" at column \(valueColumn); \(hint)")
        }
        switch key {
        case "since", "until":
            guard !value.isEmpty else { throw missing("a date", dateHint) }
            guard let date = QueryDate(Substring(value)) else {
                throw QueryError(
                    column: valueColumn,
                    message: "invalid date \"\(value)\" in \(key): at column \(valueColumn); \(dateHint)")
            }
            return key == "since" ? .since(date) : .until(date)
        case "status":
            guard !value.isEmpty else { throw missing("a status", "statuses are \(statuses)") }
            guard let status = PhotoStatus(rawValue: value.lowercased()) else {
                throw QueryError(
                    column: valueColumn,
                    message: "unknown status \"\(value)\" at column \(valueColumn); statuses are \(statuses)")
            }
            return .status(status)
        case "tag":
            guard !value.isEmpty else { throw missing("a tag", "e.g. tag:dog or tag:\"golden retriever\"") }
            return .tag(try tag(value, column: valueColumn))
        default:
            throw QueryError(
                column: column,
                message: "unknown filter \"\(key):\" at column \(column); filters are "
                    + filterKeys.joined(separator: ", ") + " (to search for a tag that contains \":\", quote it)")
        }
    }
}

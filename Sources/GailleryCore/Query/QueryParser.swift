/// Recursive-descent parser for `TagQuery`.
///
/// ```
/// query   := or END
/// or      := and (("|" | "or") and)*
/// and     := unary (("&" | "and")? unary)*      juxtaposition is AND
/// unary   := ("-" | "!" | "not") unary | "(" or ")" | tag | filter
/// ```
struct QueryParser {
    private let tokens: [QueryToken]
    private var position = 0
    private var depth = 0
    private var terms = 0

    /// Tokenises `text`.
    ///
    /// - Throws: `QueryError` when the query is too long or has an unclosed quote.
    init(_ text: String) throws(QueryError) {
        let characters = Array(text)
        guard characters.count <= TagQuery.maximumLength else {
            throw QueryError(
                column: TagQuery.maximumLength + 1,
                message: "query is \(characters.count) characters long; the limit is \(TagQuery.maximumLength)")
        }
        tokens = try QueryLexer.tokens(characters)
    }

    /// Parses the whole query.
    ///
    /// - Throws: `QueryError` at the first problem.
    mutating func parseQuery() throws(QueryError) -> TagQuery {
        if current.kind == .end {
            throw QueryError(column: 1, message: "empty query; try a tag such as dog")
        }
        let query = try parseOr()
        if current.kind == .close {
            throw QueryError(
                column: current.column,
                message: "unmatched \")\" at column \(current.column); remove it or add a \"(\" before it")
        }
        return query
    }

    private var current: QueryToken { tokens[position] }

    private mutating func advance() -> QueryToken {
        defer { position += 1 }
        return tokens[position]
    }

    private mutating func parseOr(after operatorToken: QueryToken? = nil) throws(QueryError) -> TagQuery {
        var operands = [try parseAnd(after: operatorToken)]
        while current.kind == .or {
            let operatorToken = advance()
            operands.append(try parseAnd(after: operatorToken))
        }
        return operands.count == 1
            ? operands[0] : .or(operands.flatMap { if case .or(let inner) = $0 { inner } else { [$0] } })
    }

    private mutating func parseAnd(after operatorToken: QueryToken?) throws(QueryError) -> TagQuery {
        var operands = [try parseUnary(after: operatorToken)]
        while true {
            if current.kind == .and {
                let operatorToken = advance()
                operands.append(try parseUnary(after: operatorToken))
            } else if current.startsOperand {
                operands.append(try parseUnary(after: nil))
            } else {
                break
            }
        }
        return operands.count == 1
            ? operands[0] : .and(operands.flatMap { if case .and(let inner) = $0 { inner } else { [$0] } })
    }

    private mutating func parseUnary(after operatorToken: QueryToken?) throws(QueryError) -> TagQuery {
        let token = current
        switch token.kind {
        case .not:
            _ = advance()
            try enterNesting(at: token)
            defer { depth -= 1 }
            return .not(try parseUnary(after: token))
        case .open:
            _ = advance()
            try enterNesting(at: token)
            defer { depth -= 1 }
            let inner = try parseOr(after: token)
            guard current.kind == .close else {
                throw QueryError(column: token.column, message: "unclosed \"(\" opened at column \(token.column)")
            }
            _ = advance()
            return inner
        case .word(let text), .quoted(let text):
            _ = advance()
            try countTerm(at: token)
            return .tag(try QueryTerms.tag(text, column: token.column))
        case .filter(let key, let value, let valueColumn):
            _ = advance()
            try countTerm(at: token)
            return try QueryTerms.filter(key: key, value: value, column: token.column, valueColumn: valueColumn)
        case .and, .or, .close, .end:
            throw Self.expectedOperand(after: operatorToken, found: token)
        }
    }

    private mutating func enterNesting(at token: QueryToken) throws(QueryError) {
        depth += 1
        guard depth <= TagQuery.maximumDepth else {
            throw QueryError(
                column: token.column,
                message: "query is nested too deeply at column \(token.column): more than "
                    + "\(TagQuery.maximumDepth) levels of parentheses and negations; simplify it")
        }
    }

    private mutating func countTerm(at token: QueryToken) throws(QueryError) {
        terms += 1
        guard terms <= TagQuery.maximumTerms else {
            throw QueryError(
                column: token.column,
                message:
                    "too many terms at column \(token.column): the limit is \(TagQuery.maximumTerms) tags and filters")
        }
    }

    private static func expectedOperand(after operatorToken: QueryToken?, found: QueryToken) -> QueryError {
        let expected = "expected a tag or \"(\""
        let after = operatorToken.map { " after \"\($0.text)\"" } ?? ""
        if found.kind == .end, let operatorToken {
            return QueryError(
                column: operatorToken.column, message: "\(expected)\(after) at column \(operatorToken.column)")
        }
        let what = found.kind == .end ? "the end of the query" : "\"\(found.text)\""
        return QueryError(
            column: found.column, message: "\(expected)\(after) but found \(what) at column \(found.column)")
    }
}

/// A plain text table: columns padded to their widest cell, two spaces apart, no trailing blanks.
///
/// Widths count characters, so styles (ANSI codes) are applied after padding and never shift columns.
struct Table {
    /// How a column lines up.
    enum Alignment: Sendable {
        case left
        case right
    }

    /// One cell: its visible text and its style.
    struct Cell: ExpressibleByStringLiteral, Sendable {
        /// What is shown; its character count sets the column width.
        var text: String
        /// How it is shown on a colour terminal.
        var style: Style

        /// A cell showing `text` (its control characters escaped: `TerminalText`) in `style`.
        init(_ text: String, _ style: Style = .plain) {
            self.text = TerminalText.escape(text)
            self.style = style
        }

        /// A plain cell from a literal.
        init(stringLiteral value: String) { self.init(value) }
    }

    /// Column headings, shown upper-case in bold.
    var headers: [String]
    /// Alignment per column; missing entries are left-aligned.
    var alignments: [Alignment]
    /// The rows; each should have one cell per header.
    var rows: [[Cell]] = []

    /// A table with these headings; `right` names the right-aligned columns (numbers).
    init(_ headers: [String], right: Set<String> = []) {
        self.headers = headers
        self.alignments = headers.map { right.contains($0) ? .right : .left }
    }

    /// Adds a row.
    mutating func append(_ row: [Cell]) {
        rows.append(row)
    }

    /// The table as lines joined by newlines (no final newline); styled when `colour` is true.
    func render(colour: Bool) -> String {
        let all = [headers.map { Cell($0.uppercased(), .bold) }] + rows
        var widths = [Int](repeating: 0, count: headers.count)
        for row in all {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.text.count)
            }
        }
        return all.map { row in
            var line = ""
            for (index, cell) in row.enumerated() where index < widths.count {
                let gap = String(repeating: " ", count: widths[index] - cell.text.count)
                let isLast = index == row.count - 1
                let styled = cell.style.apply(cell.text, enabled: colour)
                if index > 0 { line += "  " }
                switch alignments[safe: index] ?? .left {
                case .left: line += styled + (isLast ? "" : gap)
                case .right: line += gap + styled
                }
            }
            // An empty last cell leaves the padding of the one before it.
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }
}

extension Table {
    /// `key  value` lines with the values lined up in one column.
    static func keyValues(_ pairs: [(key: String, value: String)]) -> [String] {
        let width = pairs.map(\.key.count).max() ?? 0
        return pairs.map { $0.key.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.value }
    }
}

extension Array {
    /// The element at `index`, or nil when out of range.
    subscript(safe index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}

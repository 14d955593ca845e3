/// Makes text the CLI did not write itself (photo names, tags, transcripts, paths, the daemon's error
/// messages) safe to print on a terminal.
///
/// A file may be named `\e]0;OWNED\a\e[2Jx.jpg`: printed raw, that sets the window title and clears the
/// screen. Every control character (C0, DEL, the C1 range with its one-byte CSI U+009B) is shown as
/// `\xHH`, and the bidirectional formatting characters that reorder what is shown (U+202E makes
/// `gpj.exe` read as `exe.jpg`) as `\u{HHHH}`. Everything else, including other non-ASCII text, is kept.
/// `--json` output is not passed through here: JSON escapes control characters itself.
enum TerminalText {
    /// What `escape` leaves alone besides printable text.
    enum Keep {
        /// Nothing: for one value (a name, a tag), where even a newline would forge a line of output.
        case nothing
        /// Newlines: for a whole message.
        case newlines
        /// Newlines and the ANSI styles `Style` writes: for finished output, as a last line of defence
        /// (see `Console`); the values inside it were escaped with `.nothing` already.
        case layout
    }

    /// `text` with every unsafe character escaped (see the type's documentation).
    static func escape(_ text: String, keeping keep: Keep = .nothing) -> String {
        let scalars = text.unicodeScalars
        guard scalars.contains(where: isUnsafe) else { return text }
        var out = String.UnicodeScalarView()
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            if keep == .layout, scalar == "\u{1B}", let end = styleEnd(scalars, from: index) {
                out.append(contentsOf: scalars[index..<end])
                index = end
                continue
            }
            if !isUnsafe(scalar) || (keep != .nothing && scalar == "\n") {
                out.append(scalar)
            } else if scalar.value < 0x100 {
                let hex = String(scalar.value, radix: 16)
                out.append(contentsOf: ("\\x" + (hex.count < 2 ? "0" : "") + hex).unicodeScalars)
            } else {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            }
            index = scalars.index(after: index)
        }
        return String(out)
    }

    /// Whether `scalar` can change what a terminal shows beyond its own glyph.
    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        // Marks and embeddings, overrides, isolates, and the Arabic letter mark.
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C: true
        default: false
        }
    }

    /// The SGR sequences `Style.apply` writes (`\e[0m`, `\e[1m`, `\e[2m`, `\e[31m`…`\e[33m`).
    private static let styles: Set<String> = ["0", "1", "2", "31", "32", "33"]

    /// The end of a `Style` sequence starting at `start`, or nil when the escape starts anything else.
    private static func styleEnd(_ scalars: String.UnicodeScalarView, from start: String.Index) -> String.Index? {
        var index = scalars.index(after: start)
        guard index < scalars.endIndex, scalars[index] == "[" else { return nil }
        index = scalars.index(after: index)
        var code = ""
        while index < scalars.endIndex, code.count <= 2 {
            let scalar = scalars[index]
            if scalar == "m" { return styles.contains(code) ? scalars.index(after: index) : nil }
            guard ("0"..."9").contains(scalar) else { return nil }
            code.unicodeScalars.append(scalar)
            index = scalars.index(after: index)
        }
        return nil
    }
}

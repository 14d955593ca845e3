import Foundation

/// One line of Linux's `/proc/PID/stat` or `/proc/PID/task/TID/stat`: the name (field 2, in
/// parentheses, which may hold spaces) and the fields after it, from the state (field 3) on, so that
/// field n of proc(5) is `fields[n - 3]`.
struct ProcStat {
    var name: String
    var fields: [Substring]

    /// Reads the file at `path`; nil when it can't be read or parsed (e.g. the thread has exited).
    init?(path: String) {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
            let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")")
        else { return nil }
        name = String(text[text.index(after: open)..<close])
        fields = text[text.index(after: close)...].split(separator: " ")
    }

    /// Field `number` of proc(5) as an integer.
    func field(_ number: Int) -> Int? {
        fields.indices.contains(number - 3) ? Int(fields[number - 3]) : nil
    }
}

import Foundation

/// Durations as text.
enum Durations {
    /// `m:ss` under an hour, `h:mm:ss` above (for ETAs).
    static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.isFinite ? max(0, seconds.rounded()) : 0)
        let (hours, minutes, secs) = (total / 3600, total / 60 % 60, total % 60)
        return hours > 0
            ? String(format: "%d:%02d:%02d", hours, minutes, secs) : String(format: "%d:%02d", minutes, secs)
    }

    /// `12.3s`, `5m 02s`, `2h 03m` or `3d 04h` (for uptimes and elapsed times).
    static func human(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "?" }
        if seconds < 60 { return String(format: "%.1fs", seconds) }
        let total = Int(seconds)
        if total < 3600 { return String(format: "%dm %02ds", total / 60, total % 60) }
        if total < 86400 { return String(format: "%dh %02dm", total / 3600, total / 60 % 60) }
        return String(format: "%dd %02dh", total / 86400, total / 3600 % 24)
    }
}

/// Byte counts as text.
enum ByteCount {
    /// Decimal units: `999 B`, `1.5 kB`, `2.4 MB`, `3.1 GB`.
    static func human(_ bytes: Int64) -> String {
        if bytes < 1000 { return "\(bytes) B" }
        var value = Double(bytes)
        for unit in ["kB", "MB", "GB", "TB"] {
            value /= 1000
            if value < 999.95 || unit == "TB" { return String(format: "%.1f", value) + " " + unit }
        }
        return "\(bytes) B"
    }
}

/// Paths given on the command line.
enum Paths {
    /// `path` made absolute against `directory` (the CLI's working directory), with `.` and `..` resolved
    /// lexically; symbolic links are left alone (the daemon reads the path as given).
    static func absolute(_ path: String, from directory: String = FileManager.default.currentDirectoryPath) -> String {
        let joined = path.hasPrefix("/") ? path : directory + "/" + path
        var parts: [Substring] = []
        for part in joined.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": _ = parts.popLast()
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }
}

/// `1 photo`, `2 photos`: a count and its noun, with an `s` unless the count is one.
func counted(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}

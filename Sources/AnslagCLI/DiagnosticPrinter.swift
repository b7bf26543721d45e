import Anslag
import Foundation

/// Prints diagnostics as `file:line:column: severity: message`, the source line and a caret.
struct DiagnosticPrinter {
    let contentRoot: URL
    /// Colour only on a terminal, and never with NO_COLOR set.
    var colour: Bool = isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        && ProcessInfo.processInfo.environment["TERM"] != "dumb"

    func print(_ diagnostics: Diagnostics) {
        var output = ""
        let files = SourceLines()
        for diagnostic in diagnostics.sorted { output += format(diagnostic, files: files) }
        Output.problemText(output)
    }

    /// With errors or warnings in more than one place, how many each file has, so a long list has an overview.
    func printCounts(_ diagnostics: [Diagnostic]) {
        let counted = diagnostics.filter { $0.severity != .note }
        let files = Dictionary(grouping: counted, by: \.location.file)
        guard files.count > 1 || counted.count > 3 else { return }
        var text = "problems per file:\n"
        for (file, items) in files.sorted(by: { $0.key < $1.key }) {
            let errors = items.filter { $0.severity == .error }.count
            text += "  \(displayPath(file)): \(Session.count(errors, "error")), \(Session.count(items.count - errors, "warning"))\n"
        }
        Output.problemText(text)
    }

    /// `files` keeps each file's lines once it is read: a file with tens of thousands of errors
    /// (a row pasted 20 000 times) must not be read and split again for every one of them.
    func format(_ diagnostic: Diagnostic, files: SourceLines = SourceLines()) -> String {
        let location = diagnostic.location
        let inContent = contentRoot.appendingPathComponent(location.file).path
        let path = FileManager.default.fileExists(atPath: inContent) ? inContent : location.file
        let severity = diagnostic.severity.rawValue
        let painted = colour ? "\u{1B}[1;\(diagnostic.severity == .error ? 31 : diagnostic.severity == .warning ? 33 : 36)m\(severity):\u{1B}[0m" : "\(severity):"
        let shown = path == inContent ? displayPath(location.file) : location.file
        var text = "\(shown):\(location.line):\(location.column): \(painted) \(diagnostic.message)\n"
        if let full = files.line(location.line, of: path), !full.isEmpty {
            let (line, column) = Self.window(full, column: location.column)
            text += "    \(line)\n"
            let prefix = line.prefix(max(0, column - 1)).map { $0 == "\t" ? "\t" : " " }.joined()
            text += "    \(prefix)^\n"
        }
        for note in diagnostic.notes { text += "  note: \(note)\n" }
        return text
    }

    /// A line of at most about 160 characters around `column`, marked with … where cut, so an
    /// over-long line (up to the 10 000-character limit and beyond) does not flood the terminal.
    static func window(_ line: String, column: Int) -> (line: String, column: Int) {
        let characters = Array(line)
        guard characters.count > 160 else { return (line, column) }
        let start = max(0, min(column - 1, characters.count) - 80)
        let end = min(characters.count, start + 160)
        let head = start > 0 ? "…" : "", tail = end < characters.count ? "…" : ""
        return (head + String(characters[start..<end]) + tail, column - start + head.count)
    }

    private func displayPath(_ file: String) -> String {
        let base = ProjectPaths.display(contentRoot)
        return base == "." ? file : "\(base)/\(file)"
    }
}

/// The lines of the files diagnostics point into, each file read and split once.
final class SourceLines {
    private var cache: [String: [Substring]?] = [:]

    /// Line `line` (1-based) of the file at `path`, without CR or a byte-order mark; nil when the
    /// file cannot be read as UTF-8 or has no such line.
    func line(_ line: Int, of path: String) -> String? {
        if cache[path] == nil {
            let text = FileManager.default.contents(atPath: path).flatMap { String(data: $0, encoding: .utf8) }
            cache[path] = .some(text.map { $0.split(separator: "\n", omittingEmptySubsequences: false) })
        }
        guard let lines = cache[path] ?? nil, line >= 1, line <= lines.count else { return nil }
        return String(lines[line - 1]).replacingOccurrences(of: "\r", with: "").replacingOccurrences(of: "\u{FEFF}", with: "")
    }
}

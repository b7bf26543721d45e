import Foundation
import Testing
@testable import Anslag

/// The bad-input corpus: one `.case` file per malformed (or merely unusual) input.
///
/// A case starts with header lines, then one section per file it writes over the small
/// three-region world (`SmallWorld`):
///
///     expect: unknown-region            the diagnostic id, or `ok` when the input must be accepted
///     message: did you mean 'Beta'?     text the first expected diagnostic's message or a note must contain
///     bom: true                         optional: prefix every file of the case with a UTF-8 byte-order mark
///     crlf: true                        optional: write every file of the case with CR LF line ends
///     === agreements/2030-test/inputs/befolkning.csv
///     Region,Befolkning
///     ⟦⟧Betta,200
///
/// `⟦⟧` marks where the `expect:` diagnostic must point (file, line and column); `⟦some-id⟧`
/// marks a further diagnostic with its own id. The case passes only when the errors and
/// warnings are exactly the marked ones: no fewer, no more, none elsewhere. `\r` in a section
/// is written as a bare CR (for mixed line endings). `{{POTS}}` in an agreement section stands
/// for a valid pot list.
struct CorpusCase: CustomTestStringConvertible, Sendable {
    var name: String
    var expect: String
    var message: String?
    var bom = false
    var crlf = false
    var files: [(path: String, text: String)] = []

    var testDescription: String { name }

    static func all() -> [CorpusCase] {
        let folder = repositoryRoot.appendingPathComponent("Tests/AnslagTests/Corpus")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.filter { $0.hasSuffix(".case") }.sorted() ?? []
        return names.map { name in
            let text = try! String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            var c = CorpusCase(name: name, expect: "")
            // Sections are split on LF only, so a case file's own line ends are never mixed into the input.
            var current: (String, [String])?
            for line in text.components(separatedBy: "\n") {
                if line.hasPrefix("=== ") {
                    if let (path, lines) = current { c.files.append((path, lines.joined(separator: "\n"))) }
                    current = (String(line.dropFirst(4)), [])
                } else if current != nil {
                    current!.1.append(line)
                } else if line.hasPrefix("expect: ") { c.expect = String(line.dropFirst(8))
                } else if line.hasPrefix("message: ") { c.message = String(line.dropFirst(9))
                } else if line == "bom: true" { c.bom = true
                } else if line == "crlf: true" { c.crlf = true }
            }
            if let (path, lines) = current { c.files.append((path, lines.joined(separator: "\n"))) }
            // The case file's own final newline is not part of the last section.
            if let last = c.files.last, last.text.hasSuffix("\n") { c.files[c.files.count - 1].text = String(last.text.dropLast()) }
            return c
        }
    }
}

/// Text with any number of `⟦⟧` / `⟦id⟧` markers: the text without them, and where each stood.
struct Markers {
    let text: String
    /// 1-based line and column (in characters) of each marker, with its id (nil for `⟦⟧`).
    let marks: [(line: Int, column: Int, id: String?)]

    init(_ marked: String) {
        var text = "", marks: [(Int, Int, String?)] = []
        var line = 1, column = 1
        var rest = Substring(marked)
        while let open = rest.firstIndex(of: "⟦") {
            for c in rest[..<open] {
                text.append(c)
                // A bare CR is a line break too, as the loaders read it ("\r\n" is one Character).
                if c == "\n" || c == "\r\n" || c == "\r" { line += 1; column = 1 } else { column += 1 }
            }
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "⟧") else { rest = rest[open...]; break }
            let id = String(rest[afterOpen..<close])
            marks.append((line, column, id.isEmpty ? nil : id))
            rest = rest[rest.index(after: close)...]
        }
        text += rest
        self.text = text
        self.marks = marks
    }
}

/// One expected or actual diagnostic, compared by id and position.
struct CorpusDiagnostic: Hashable, Comparable, CustomStringConvertible {
    var id: String
    var file: String
    var line: Int
    var column: Int

    var description: String { "\(id) at \(file):\(line):\(column)" }
    static func < (a: Self, b: Self) -> Bool { (a.file, a.line, a.column, a.id) < (b.file, b.line, b.column, b.id) }
}

@Suite struct CorpusTests {
    static let pots = "  - {id: p, title: P, amount: 1000, recipient: regions, key: {type: proportional, input: befolkning}}"

    @Test func thereAreAtLeastFortyCases() {
        #expect(CorpusCase.all().count >= 40)
    }

    /// Runs one case; returns what differs from its expectation (empty when it passes).
    static func run(_ c: CorpusCase) throws -> [String] {
        let folder = SmallWorld.folder(pots: Self.pots)
        var expected: [CorpusDiagnostic] = []
        for (path, raw) in c.files {
            let text = raw.replacingOccurrences(of: "{{POTS}}", with: Self.pots).replacingOccurrences(of: "\\r", with: "\r")
            let m = Markers(text)
            for mark in m.marks { expected.append(CorpusDiagnostic(id: mark.id ?? c.expect, file: path, line: mark.line, column: mark.column)) }
            var body = m.text
            if c.crlf { body = body.replacingOccurrences(of: "\n", with: "\r\n") }
            var data = Data(body.utf8)
            if c.bom { data = Data([0xEF, 0xBB, 0xBF]) + data }
            if path.hasPrefix("Templates/") { continue }
            folder.write(path, data)
        }
        let templates = c.files.filter { $0.path.hasPrefix("Templates/") }
        var site = folder.check()
        if !templates.isEmpty {
            let dir = ContentFolder()
            let source = URL(fileURLWithPath: templatesPath)
            for path in try FileManager.default.subpathsOfDirectory(atPath: source.path) where path.hasSuffix(".mustache") || path.hasSuffix(".css") || path.hasSuffix(".yaml") {
                dir.write(path, try Data(contentsOf: source.appendingPathComponent(path)))
            }
            for (path, text) in templates { dir.write(String(path.dropFirst("Templates/".count)), Markers(text).text) }
            _ = Pipeline.render(&site, templates: dir.root, displayPath: "Templates")
        }
        var problems: [String] = []
        if c.expect != "ok" && expected.isEmpty { problems.append("an error case needs a ⟦⟧ marker") }
        let found = site.diagnostics.all.filter { $0.severity >= .warning }
        let actual = found.map { CorpusDiagnostic(id: $0.id.rawValue, file: $0.location.file, line: $0.location.line, column: $0.location.column) }
        if actual.sorted() != expected.sorted() {
            problems.append("expected \(expected.sorted()), got \(found.map { "\($0) [\($0.id)]" })")
        }
        if let message = c.message {
            if c.expect == "ok" {
                var rendered = site
                let files = Pipeline.render(&rendered, templates: URL(fileURLWithPath: templatesPath), displayPath: "Templates")
                let all = files.map { String(decoding: $0.contents, as: UTF8.self) }.joined()
                if all.contains(message) { problems.append("output must not contain \(message)") }
                if files.isEmpty { problems.append("nothing was rendered: \(rendered.diagnostics.all)") }
            } else if let first = expected.first(where: { $0.id == c.expect }),
                      let diagnostic = found.first(where: { CorpusDiagnostic(id: $0.id.rawValue, file: $0.location.file, line: $0.location.line, column: $0.location.column) == first }),
                      !(diagnostic.message.contains(message) || diagnostic.notes.contains { $0.contains(message) }) {
                problems.append("'\(message)' is not in \(diagnostic) \(diagnostic.notes)")
            }
        }
        return problems
    }

    @Test(arguments: CorpusCase.all())
    func corpusCase(_ c: CorpusCase) throws {
        let problems = try Self.run(c)
        #expect(problems.isEmpty, "\(c.name): \(problems.joined(separator: "; "))")
    }

    /// The CR LF cases exist and pass (each run here too, so a filter or a parsing slip cannot skip them).
    @Test func crlfCasesRun() throws {
        let cases = CorpusCase.all().filter(\.crlf)
        var ran = 0
        for c in cases {
            #expect(try Self.run(c).isEmpty, "\(c.name)")
            ran += 1
        }
        let names = cases.map(\.name)
        #expect(ran >= 5, "\(names)")
        // Both formats, accepted and refused.
        #expect(cases.contains { $0.files.contains { $0.path.hasSuffix(".yaml") } && $0.expect == "ok" }, "\(names)")
        #expect(cases.contains { $0.files.contains { $0.path.hasSuffix(".yaml") } && $0.expect != "ok" }, "\(names)")
        #expect(cases.contains { $0.files.contains { $0.path.hasSuffix(".csv") } && $0.expect == "ok" }, "\(names)")
        #expect(cases.contains { $0.files.contains { $0.path.hasSuffix(".csv") } && $0.expect != "ok" }, "\(names)")
    }
}

import Foundation
import Testing
@testable import Anslag

/// The bad-input corpus: one `.case` file per malformed (or merely unusual) input.
///
/// A case starts with header lines, then one section per file it writes over the small
/// three-region world (`SmallWorld`):
///
///     expect: unknown-region            the diagnostic id, or `ok` when the input must be accepted
///     message: did you mean 'Beta'?     text the message or a note must contain
///     bom: true                         optional: prefix the marked file with a UTF-8 byte-order mark
///     crlf: true                        optional: write the marked file with CR LF line ends
///     === agreements/2030-test/inputs/befolkning.csv
///     Region,Befolkning
///     ⟦⟧Betta,200
///
/// `⟦⟧` marks where the error must point (file, line and column). `{{POTS}}` in an agreement
/// section stands for a valid pot list.
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

@Suite struct CorpusTests {
    static let pots = "  - {id: p, title: P, amount: 1000, recipient: regions, key: {type: proportional, input: befolkning}}"

    @Test func thereAreAtLeastFortyCases() {
        #expect(CorpusCase.all().count >= 40)
    }

    @Test(arguments: CorpusCase.all())
    func corpusCase(_ c: CorpusCase) throws {
        let folder = SmallWorld.folder(pots: Self.pots)
        var marked: (path: String, line: Int, column: Int)?
        for (path, raw) in c.files {
            let text = raw.replacingOccurrences(of: "{{POTS}}", with: Self.pots)
            let m = Marked(text)
            if m.line > 0 { marked = (path, m.line, m.column) }
            var body = m.text
            if c.crlf && m.line > 0 { body = body.replacingOccurrences(of: "\n", with: "\r\n") }
            var data = Data(body.utf8)
            if c.bom && (m.line > 0 || c.files.count == 1) { data = Data([0xEF, 0xBB, 0xBF]) + data }
            if path.hasPrefix("Templates/") {
                continue
            }
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
            for (path, text) in templates { dir.write(String(path.dropFirst("Templates/".count)), Marked(text).text) }
            _ = Pipeline.render(&site, templates: dir.root, displayPath: "Templates")
        }
        let errors = site.diagnostics.errors
        if c.expect == "ok" {
            #expect(errors.isEmpty, "\(c.name): \(errors)")
            if let message = c.message {
                var rendered = site
                let files = Pipeline.render(&rendered, templates: URL(fileURLWithPath: templatesPath), displayPath: "Templates")
                let all = files.map { String(decoding: $0.contents, as: UTF8.self) }.joined()
                #expect(!all.contains(message), "\(c.name): output must not contain \(message)")
            }
            return
        }
        #expect(errors.count >= 1, "\(c.name): expected \(c.expect), got nothing")
        guard let error = errors.first else { return }
        #expect(error.id == c.expect, "\(c.name): \(error) \(error.notes)")
        if let message = c.message {
            #expect(error.message.contains(message) || error.notes.contains { $0.contains(message) }, "\(c.name): \(error) \(error.notes)")
        }
        if let marked {
            #expect(error.location == Anslag.SourceLocation(file: marked.path, line: marked.line, column: marked.column), "\(c.name): \(error)")
        }
    }
}

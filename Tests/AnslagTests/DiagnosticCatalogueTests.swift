import Foundation
import Testing
@testable import Anslag

/// The diagnostic catalogue: every id documented, and every id produced by some test.
///
/// "Produced by some test" is decided from the test sources, because a test run cannot see
/// which ids the other tests produced. An id counts as produced when
/// - a corpus case expects it (`expect: id` or a `⟦id⟧` marker): `CorpusTests` compares each
///   case's diagnostics exactly, so the case fails unless the id is produced there; or
/// - a Swift test compares a diagnostic's id with it: the raw string (`id: "unknown-region"`,
///   `.map(\.id.rawValue) == ["…"]`) or the member after `==`/`!=` (`$0.id == .overflow`).
/// A diagnostic built by hand in a test (`Diagnostic.error(.x, …)`) does not count.
@Suite struct DiagnosticCatalogueTests {
    /// Ids that no test produces, each because no content can: the loader refuses the input with
    /// another id first, and these guard lookups in a model the loader has already checked (so a
    /// model built some other way is an error, not a trap). This list may only shrink: the test
    /// fails if an id here is produced after all (remove it), and for any id that is neither here
    /// nor produced.
    static let notYetProduced: Set<DiagnosticID> = [
        // Every input has a row for every region once read (`RegionTable.read`: missing-row).
        .inputMissingRow,
        // Every row of a published table has a cell per heading (column-count) and every described column (missing-column).
        .publishedMissingCell,
        // Every row of a published table resolves to a region or county when read (unknown-region).
        .publishedUnknownRow,
    ]

    static func camelCase(_ raw: String) -> String {
        let parts = raw.split(separator: "-")
        return parts.first.map(String.init)! + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    static func read(_ folder: String, suffix: String) throws -> String {
        let url = repositoryRoot.appendingPathComponent(folder)
        let names = try FileManager.default.contentsOfDirectory(atPath: url.path).filter { $0.hasSuffix(suffix) }.sorted()
        #expect(!names.isEmpty, "no \(suffix) files in \(folder)")
        return try names.filter { $0 != "DiagnosticCatalogueTests.swift" }
            .map { try String(contentsOf: url.appendingPathComponent($0), encoding: .utf8) }.joined(separator: "\n")
    }

    static func produced(_ id: DiagnosticID, corpus: String, tests: String) -> Bool {
        let raw = id.rawValue
        if corpus.contains("\nexpect: \(raw)\n") || corpus.hasPrefix("expect: \(raw)\n") || corpus.contains("⟦\(raw)⟧") { return true }
        let member = NSRegularExpression.escapedPattern(for: camelCase(raw))
        let patterns = [#"(?<!Diagnostic\.error\(|Diagnostic\(\.warning, |Diagnostic\(\.error, )""# + NSRegularExpression.escapedPattern(for: raw) + #"""#,
                        #"[!=]=\s*\.`?"# + member + #"`?\b"#]
        return patterns.contains { tests.range(of: $0, options: .regularExpression) != nil }
    }

    @Test func everyIDIsDocumented() throws {
        let docs = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/diagnostics.md"), encoding: .utf8)
        let missing = DiagnosticID.allCases.filter { !docs.contains("### `\($0.rawValue)`") }
        #expect(missing.isEmpty, "not in docs/diagnostics.md: \(missing.map(\.rawValue))")
        let documented = docs.components(separatedBy: "\n").filter { $0.hasPrefix("### `") }.map { String($0.dropFirst(5).dropLast()) }
        #expect(Set(documented) == Set(DiagnosticID.allCases.map(\.rawValue)), "docs list ids the catalogue lacks")
        #expect(documented.count == DiagnosticID.allCases.count, "an id is documented twice")
    }

    @Test func everyIDIsProducedBySomeTest() throws {
        let corpus = try Self.read("Tests/AnslagTests/Corpus", suffix: ".case")
        let tests = try Self.read("Tests/AnslagTests", suffix: ".swift")
        let unproduced = DiagnosticID.allCases.filter { !Self.produced($0, corpus: corpus, tests: tests) }
        let new = unproduced.filter { !Self.notYetProduced.contains($0) }
        #expect(new.isEmpty, "no test produces: \(new.map(\.rawValue)); add a corpus case")
        let nowProduced = Self.notYetProduced.filter { !unproduced.contains($0) }
        #expect(nowProduced.isEmpty, "produced now, remove from notYetProduced: \(nowProduced.map(\.rawValue).sorted())")
    }

    @Test func rawValuesAreKebabCaseAndPrintAsThemselves() {
        for id in DiagnosticID.allCases {
            #expect(id.rawValue.range(of: "^[a-z][a-z0-9]*(-[a-z0-9]+)*$", options: .regularExpression) != nil, "\(id.rawValue)")
            #expect("\(id)" == id.rawValue)
        }
    }
}

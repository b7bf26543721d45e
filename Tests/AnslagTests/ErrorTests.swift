import Foundation
import Testing
@testable import Anslag

/// Malformed input: each case puts `⟦⟧` where the error must point, and names the diagnostic.
@Suite struct ErrorTests {
    static let agreementFile = "agreements/2030-test/agreement.yaml"

    /// Writes the marked agreement pots, checks, and expects exactly one error at the marker.
    func expectError(pots marked: String, inputs: String = "", published: String = "", id: String, contains text: String,
                     sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let folder = SmallWorld.folder(pots: "", inputs: inputs, published: published)
        let full = Marked(SmallWorld.agreement(pots: marked, inputs: inputs, published: published))
        folder.write(Self.agreementFile, full.text)
        expectOneError(folder, file: Self.agreementFile, line: full.line, column: full.column, id: id, contains: text, sourceLocation: sourceLocation)
    }

    @Test func wrongType() {
        expectError(pots: "  - {id: p, title: P, amount: ⟦⟧tusen, recipient: skr}", id: "wrong-type",
                    contains: "key 'amount' must be a whole number, found 'tusen'")
    }

    @Test func missingField() {
        expectError(pots: "  - ⟦⟧{id: p, amount: 10, recipient: skr}", id: "missing-key", contains: "missing required key 'title'")
    }

    @Test func unknownKeyWithSuggestion() {
        expectError(pots: "  - {id: p, title: P, amount: 10, recipient: skr, ⟦⟧secton: \"4\"}", id: "unknown-key",
                    contains: "did you mean 'section'?")
    }

    @Test func duplicateID() {
        expectError(pots: """
          - {id: p, title: P, amount: 10, recipient: mixed}
          - ⟦⟧{id: p, parent: p, title: Q, amount: 10, recipient: skr}
        """, id: "duplicate-id", contains: "pot id 'p' is used twice")
    }

    @Test func duplicateYAMLKey() {
        expectError(pots: "  - {id: p, title: P, amount: 10, recipient: skr, ⟦⟧title: Q}", id: "duplicate-key",
                    contains: "key 'title' is given twice")
    }

    @Test func negativeAmount() {
        expectError(pots: "  - {id: p, title: P, amount: ⟦⟧-10, recipient: skr}", id: "negative", contains: "must not be negative")
    }

    @Test func unknownKeyType() {
        expectError(pots: "  - {id: p, title: P, amount: 10, recipient: regions, key: {type: ⟦⟧proportionell, input: befolkning}}",
                    id: "unknown-key-type", contains: "did you mean 'proportional'?")
    }

    @Test func keyNeedsAnAbsentInput() {
        expectError(pots: "  - {id: p, title: P, amount: 10, recipient: regions, key: ⟦⟧{type: proportional, input: befolknng}}",
                    id: "unknown-input", contains: "did you mean 'befolkning'?")
    }

    @Test func childrenDoNotAddUp() {
        expectError(pots: """
          - {id: root, title: R, amount: ⟦⟧100, recipient: mixed}
          - {id: a, parent: root, title: A, amount: 60, recipient: skr}
          - {id: b, parent: root, title: B, amount: 30, recipient: skr}
        """, id: "pot-sum", contains: "add up to 90 kr, not its 100 kr")
    }

    @Test func statedTotalNotReached() {
        let folder = SmallWorld.folder(pots: "")
        let marked = Marked(SmallWorld.agreement(pots: "  - {id: p, title: P, amount: 10, recipient: skr}") + """

        stated_totals:
          - ⟦⟧{what: Till SKR, amount: 11, pots: [p]}
        """)
        folder.write(Self.agreementFile, marked.text)
        expectOneError(folder, file: Self.agreementFile, line: marked.line, column: marked.column, id: "stated-total", contains: "states 11 kr")
    }

    @Test func yamlSyntaxError() {
        expectError(pots: """
          - id: p
            title: P
          ⟦⟧amount: 10
        """, id: "yaml-syntax", contains: "invalid YAML")
    }

    @Test func invalidDate() {
        let folder = SmallWorld.folder(pots: "")
        let marked = Marked(SmallWorld.agreement(pots: "  - {id: p, title: P, amount: 10, recipient: skr}") + """

        deadlines:
          - {id: d, date: ⟦⟧2024-02-30, what: Rapport, by: [regions]}
        """)
        folder.write(Self.agreementFile, marked.text)
        expectOneError(folder, file: Self.agreementFile, line: marked.line, column: marked.column, id: "invalid-date", contains: "YYYY-MM-DD")
    }

    // MARK: - Tables

    static let pot = "  - {id: p, title: P, amount: 1000, recipient: regions, key: {type: proportional, input: befolkning}}"
    static let inputFile = "agreements/2030-test/inputs/befolkning.csv"

    /// Writes the marked CSV to `file` in the small world and expects one error at the marker.
    func expectCSVError(_ marked: String, file: String, published: String = "", id: String, contains text: String,
                        sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let folder = SmallWorld.folder(pots: Self.pot, published: published)
        let table = Marked(marked)
        folder.write(file, table.text)
        expectOneError(folder, file: file, line: table.line, column: table.column, id: id, contains: text, sourceLocation: sourceLocation)
    }

    func expectTableError(_ marked: String, id: String, contains text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        expectCSVError(marked, file: Self.inputFile, id: id, contains: text, sourceLocation: sourceLocation)
    }

    @Test func unknownRegionSuggestsTheClosestName() {
        expectTableError("Region,Befolkning\nAlfa,100\n⟦⟧Betta,200\nGamma,700\n", id: "unknown-region", contains: "did you mean 'Beta'?")
    }

    @Test func missingRow() {
        expectTableError("Region,Befolkning\nAlfa,100\nGamma,700\n⟦⟧", id: "missing-row", contains: "no row for Region Beta")
    }

    @Test func extraRow() {
        expectTableError("Region,Befolkning\nAlfa,100\nBeta,200\nGamma,700\n⟦⟧Alfa län,5\n", id: "duplicate-row", contains: "second row")
    }

    @Test func extraColumn() {
        expectTableError("Region,Befolkning\nAlfa,100\nBeta,200,⟦⟧9\nGamma,700\n", id: "column-count", contains: "expected 2")
    }

    @Test func notANumber() {
        expectTableError("Region,Befolkning\nAlfa,100\nBeta,⟦⟧2O0\nGamma,700\n", id: "not-a-number", contains: "found '2O0'")
    }

    @Test func unterminatedQuote() {
        expectTableError("Region,Befolkning\nAlfa,100\nBeta,⟦⟧\"200\nGamma,700\n", id: "csv-syntax", contains: "never closed")
    }

    @Test func invalidUTF8() {
        let folder = SmallWorld.folder(pots: Self.pot)
        var bytes = Array("Region,Befolkning\nAlfa,100\nBeta,200\nG".utf8)
        bytes += [0xE4]  // Latin-1 'ä', as an old Excel export writes it
        bytes += Array("mma,700\n".utf8)
        folder.write(Self.inputFile, Data(bytes))
        expectOneError(folder, file: Self.inputFile, line: 4, column: 2, id: "encoding", contains: "not valid UTF-8")
    }

    @Test func byteOrderMarkAndWindowsLineEndingsAreAccepted() {
        let folder = SmallWorld.folder(pots: Self.pot)
        folder.write(Self.inputFile, Data([0xEF, 0xBB, 0xBF] + Array("Region,Befolkning\r\nAlfa,100\r\nBeta,200\r\nGamma,700\r\n".utf8)))
        let site = folder.check()
        #expect(site.diagnostics.errors.isEmpty, "\(site.diagnostics.errors)")
        #expect(site.shares("p") == [100, 200, 700])
    }

    @Test func emptyFile() {
        let folder = SmallWorld.folder(pots: Self.pot)
        folder.write(Self.inputFile, "")
        expectOneError(folder, file: Self.inputFile, line: 1, column: 1, id: "empty-file", contains: "empty")
    }

    // MARK: - Published tables

    static let published = """
    published:
      - id: tabell
        title: Tabell 1
        file: published/tabell.csv
        rows: regions
        name_column: Region
        total_row: Totalt
        columns:
          - {column: Befolkning, input: befolkning}
          - {column: Andel, share_of: befolkning}
          - {column: Kronor, pots: [p]}
    """
    static let tableFile = "agreements/2030-test/published/tabell.csv"

    func expectPublishedError(_ marked: String, id: String, contains text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        expectCSVError(marked, file: Self.tableFile, published: Self.published, id: id, contains: text, sourceLocation: sourceLocation)
    }

    @Test func publishedTableWithinOneKronaIsANote() {
        let folder = SmallWorld.folder(pots: Self.pot, published: Self.published)
        folder.write(Self.tableFile, "Region,Befolkning,Andel,Kronor\nAlfa,100,\"10,0%\",101\nBeta,200,\"20,0%\",200\nGamma,700,\"70,0%\",700\nTotalt,1000,\"100,0%\",1000\n")
        let site = folder.check()
        #expect(site.diagnostics.errors.isEmpty, "\(site.diagnostics.errors)")
        #expect(site.roundingNotes.map(\.region) == ["alfa"])
    }

    @Test func publishedCellOffByMoreThanOneKronaIsAnError() {
        expectPublishedError("Region,Befolkning,Andel,Kronor\nAlfa,100,\"10,0%\",100\nBeta,200,\"20,0%\",⟦⟧202\nGamma,700,\"70,0%\",700\nTotalt,1000,\"100,0%\",1000\n",
                             id: "published-mismatch", contains: "published 202 kr, computed 200 kr")
    }

    @Test func percentageColumnThatDisagreesWithTheCounts() {
        expectPublishedError("Region,Befolkning,Andel,Kronor\nAlfa,100,\"10,0%\",100\nBeta,200,⟦⟧\"21,0%\",200\nGamma,700,\"70,0%\",700\nTotalt,1000,\"100,0%\",1000\n",
                             id: "share-mismatch", contains: "give 20,0%")
    }

    @Test func totalsRowMustEqualThePot() {
        expectPublishedError("Region,Befolkning,Andel,Kronor\nAlfa,100,\"10,0%\",100\nBeta,200,\"20,0%\",200\nGamma,700,\"70,0%\",700\nTotalt,1000,\"100,0%\",⟦⟧1001\n",
                             id: "total-mismatch", contains: "the pots add up to 1000 kr")
    }

    @Test func unlistedColumnIsAnError() {
        expectPublishedError("Region,Befolkning,Andel,Kronor,⟦⟧Extra\nAlfa,100,\"10,0%\",100,1\nBeta,200,\"20,0%\",200,1\nGamma,700,\"70,0%\",700,1\nTotalt,1000,\"100,0%\",1000,3\n",
                             id: "unchecked-column", contains: "not described under 'columns'")
    }

    @Test func populationColumnMustEqualTheInput() {
        expectPublishedError("Region,Befolkning,Andel,Kronor\nAlfa,100,\"10,0%\",100\nBeta,⟦⟧201,\"20,0%\",200\nGamma,700,\"70,0%\",700\nTotalt,1000,\"100,0%\",1000\n",
                             id: "input-mismatch", contains: "input 'befolkning' has 200")
    }
}

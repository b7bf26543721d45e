import Foundation
import Testing
@testable import Anslag

@Suite struct ScaffoldTests {
    @Test func newYearFromTheLatestOfTheSeries() throws {
        let folder = ContentFolder()
        folder.write("regions.yaml", try String(contentsOf: bundledContent.appendingPathComponent("regions.yaml"), encoding: .utf8))
        folder.write("areas.yaml", try String(contentsOf: bundledContent.appendingPathComponent("areas.yaml"), encoding: .utf8))
        folder.copyBundled("agreements/2022-god-och-nara-vard")
        // The 2024 conditions link to conditions of 2022 and 2023, so those agreements come along.
        for earlier in ["2022-god-och-nara-vard", "2023-sammanhallen-jamlik-och-saker-vard"] where !FileManager.default.fileExists(atPath: folder.root.appendingPathComponent("agreements/\(earlier)").path) {
            folder.copyBundled("agreements/\(earlier)")
        }
        folder.copyBundled("agreements/2024-god-och-nara-vard")
        let result = try Scaffold.create(series: "god-och-nara-vard", year: 2025, contentRoot: folder.root)
        #expect(result.folder == "agreements/2025-god-och-nara-vard")
        let yaml = try String(contentsOf: folder.root.appendingPathComponent("\(result.folder)/agreement.yaml"), encoding: .utf8)
        #expect(yaml.contains("id: 2025-god-och-nara-vard"))
        // A title that names last year is marked for review, not rewritten.
        #expect(yaml.contains("title: 'FYLL-I (granska, texten nämner ett årtal): God och nära vård 2024'"))
        #expect(yaml.contains("status: draft"))
        #expect(yaml.contains("amount: FYLL-I"))
        #expect(yaml.contains("amount: rest"))
        #expect(yaml.contains("type: base-plus-proportional"))
        #expect(!yaml.contains("2420000000"))
        // Every placeholder is an error at its own position; the earlier agreements still load.
        let site = folder.check()
        let errors = site.diagnostics.errors
        #expect(errors.allSatisfy { $0.id == .notFilledIn && $0.location.file.hasPrefix(result.folder) })
        #expect(errors.count > 60)
        let first = try #require(errors.first { $0.location.file.hasSuffix("agreement.yaml") })
        let line = yaml.components(separatedBy: "\n")[first.location.line - 1]
        #expect(line.dropFirst(first.location.column - 1).hasPrefix("FYLL-I"))
        #expect(site.allocations.map(\.agreement.id) == ["2022-god-och-nara-vard", "2023-sammanhallen-jamlik-och-saker-vard", "2024-god-och-nara-vard"])
        // Each carried-over condition continues the one it was copied from; last year's facts stay behind.
        #expect(yaml.contains("continues: 2024-god-och-nara-vard/strama"))
        #expect(!yaml.contains("2022-god-och-nara-vard/"))
        #expect(!yaml.contains("anslagsposterna"))
        // A second run does not overwrite the folder.
        let again = #expect(throws: Diagnostic.self) { try Scaffold.create(series: "god-och-nara-vard", year: 2025, contentRoot: folder.root) }
        #expect(again?.id == .duplicateId, "\(String(describing: again))")
        let unknown = #expect(throws: Diagnostic.self) { try Scaffold.create(series: "okand-serie", year: 2025, contentRoot: folder.root) }
        #expect(unknown?.id == .unknownSeries, "\(String(describing: unknown))")
    }

    /// A series with no agreement before the new year has nothing to start from: an error, and no folder written.
    @Test func noEarlierAgreementOfTheSeries() throws {
        let folder = SmallWorld.folder(pots: CorpusTests.pots)
        for (series, year) in [("okand", 2031), ("test", 2029)] {
            let error = #expect(throws: Diagnostic.self) { try Scaffold.create(series: series, year: year, contentRoot: folder.root) }
            #expect(error?.id == .unknownSeries, "\(String(describing: error))")
            #expect(error?.message == "no earlier agreement of series '\(series)' to start from")
            #expect(error?.notes == ["known series: test"])
            #expect(!FileManager.default.fileExists(atPath: folder.root.appendingPathComponent("agreements/\(year)-\(series)").path))
        }
    }
}

import Foundation
import Testing
@testable import Anslag

/// Compares `actual` with the golden file `Golden/<name>`; `ANSLAG_RECORD=1` rewrites it and fails.
func assertGolden(_ actual: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    let url = repositoryRoot.appendingPathComponent("Tests/AnslagTests/Golden/\(name)")
    if ProcessInfo.processInfo.environment["ANSLAG_RECORD"] == "1" {
        try! actual.write(to: url, atomically: true, encoding: .utf8)
        Issue.record("recorded \(name); run again without ANSLAG_RECORD", sourceLocation: sourceLocation)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record("missing golden file \(name); record it with ANSLAG_RECORD=1", sourceLocation: sourceLocation)
        return
    }
    #expect(actual == expected, sourceLocation: sourceLocation)
}

/// The bundled content against the officially published tables.
@Suite struct BundledContentTests {
    static let site = Pipeline.check(contentRoot: bundledContent)

    @Test func checksWithoutErrors() {
        let errors = Self.site.diagnostics.errors.map(\.description)
        #expect(errors.isEmpty, "\(errors.joined(separator: "\n"))")
        #expect(Self.site.allocations.map(\.agreement.id) == [
            "2019-god-och-nara-vard", "2022-god-och-nara-vard",
            "2023-sammanhallen-jamlik-och-saker-vard", "2024-god-och-nara-vard",
        ])
    }

    @Test(arguments: [
        ("2022-god-och-nara-vard", ["bilaga-3", "bilaga-4"]),
        // 2024 Bilaga 4 is the given rural outcome: an input, so it is not compared with itself.
        ("2024-god-och-nara-vard", ["bilaga-2", "bilaga-3"]),
    ])
    func everyPublishedCellIsCompared(agreement: String, tables: [String]) throws {
        let results = try #require(Self.site.reconciliations[agreement])
        #expect(results.map(\.table.id) == tables)
        for result in results {
            let moneyColumns = result.table.columns.filter { if case .pots = $0.meaning { true } else { false } }.count
            // Every body row of every money column, plus the totals row where printed.
            let expectedMoneyCells = moneyColumns * (21 + (result.table.total == nil ? 0 : 1))
            #expect(result.cellsCompared >= expectedMoneyCells, "\(result.table.id)")
        }
    }

    /// The 1-krona differences are themselves checked: a change to data or rounding shows here.
    @Test func roundingNotesMatchGolden() {
        let lines = Self.site.roundingNotes.map {
            "\($0.location.file):\($0.location.line):\($0.location.column) \($0.table) | \($0.row) | \($0.column) | published \($0.published) | computed \($0.computed)"
        }
        assertGolden(lines.joined(separator: "\n") + "\n", "rounding-notes.txt")
        #expect(Self.site.roundingNotes.allSatisfy { abs($0.published - $0.computed) == 1 })
    }

    /// Each distributed pot sums exactly to its amount.
    @Test func everyDistributedPotSumsToItsAmount() {
        for allocation in Self.site.allocations {
            for (id, result) in allocation.pots {
                guard let shares = result.shares else { continue }
                #expect(shares.map(\.amount).reduce(0, +) == allocation.amounts[id], "\(allocation.agreement.id) \(id)")
            }
        }
    }

    /// The figures the site issue names, read from the published 2024 Bilaga 2 and 3 and compared with the computation.
    @Test func jamtlandHarjedalen2024MatchesPublishedCells() throws {
        let allocation = try #require(Self.site.allocations.first { $0.agreement.id == "2024-god-och-nara-vard" })
        func published(_ table: String, _ column: String) throws -> Int {
            let t = try #require(allocation.agreement.published.first { $0.id == table })
            let row = try #require(t.body.first { $0.region == "jamtland-harjedalen" })
            return Int(row.cells[column]!.text.filter(\.isNumber))!
        }
        let region = Recipient.region("jamtland-harjedalen")
        #expect(allocation.total(for: region, includingViaSKR: false) == (try published("bilaga-3", "Totalt (kronor)")))
        #expect(allocation.amount(of: "ambulans-regionerna", to: region) == (try published("bilaga-3", "Ambulans (kronor)")))
        // Bilaga 4 is given, not computed: the rural money passes through from the input unchanged.
        #expect(allocation.amount(of: "primarvard-landsbygd", to: region) == allocation.agreement.input("landsbygd-utfall")?.value(for: "jamtland-harjedalen"))
        #expect(allocation.amount(of: "nara-vard-kommunerna", to: .county("jamtland-harjedalen")) == (try published("bilaga-2", "Nära vård (kronor)")))
    }

    /// Where the source lacks the data, the allocation says so instead of guessing.
    @Test func missingPopulationDataIsNotGuessed() throws {
        let a2019 = try #require(Self.site.allocations.first { $0.agreement.id == "2019-god-och-nara-vard" })
        let regionPots = a2019.agreement.pots.filter { $0.recipient == .regions && a2019.agreement.children(of: $0.id).isEmpty }
        #expect(!regionPots.isEmpty)
        for pot in regionPots {
            guard case .notComputable = a2019.pots[pot.id] else { Issue.record("\(pot.id) should not be computable"); continue }
        }
        let a2023 = try #require(Self.site.allocations.first { $0.agreement.id == "2023-sammanhallen-jamlik-och-saker-vard" })
        let equal = try #require(a2023.agreement.pots.first { $0.recipient == .samverkansregioner })
        #expect(a2023.pots[equal.id]?.shares?.map(\.amount) == Array(repeating: 10_000_000, count: 6))
        let byPopulation = a2023.agreement.pots.filter { if case .proportional = $0.key { true } else { false } }
        #expect(byPopulation.count == 1)
        #expect(byPopulation.allSatisfy { if case .notComputable = a2023.pots[$0.id] { true } else { false } })
    }

    /// The rounded figures in Region Jämtland Härjedalen's decision are checked, and would fail if wrong.
    @Test func regionDecisionFiguresAreChecked() throws {
        let commentary = try #require(Self.site.content?.commentary.first { $0.file.contains("rs-802-2023") })
        #expect(commentary.figures.count == 3)
        var wrong = commentary
        wrong.figures[0].value = 42_400_000
        let diagnostics = FigureChecker.check([wrong], allocations: Self.site.allocations, regions: Self.site.content!.regions)
        #expect(diagnostics.map(\.id.rawValue) == ["figure-mismatch"])
    }

    /// Conditions and deadlines are captured for the checklist issue; 2024's key dates are there.
    @Test func deadlinesAreCaptured() throws {
        for allocation in Self.site.allocations {
            #expect(!allocation.agreement.deadlines.isEmpty, "\(allocation.agreement.id)")
            #expect(!allocation.agreement.conditions.isEmpty, "\(allocation.agreement.id)")
        }
        let a2024 = try #require(Self.site.allocations.first { $0.agreement.id == "2024-god-och-nara-vard" }).agreement
        #expect(a2024.deadlines.contains { $0.date == "2024-12-01" && $0.by.contains(.allRegions) && $0.to == "Kammarkollegiet" })
        #expect(a2024.deadlines.contains { $0.date == "2025-03-31" && $0.by.contains(.allRegions) && ($0.to ?? "").contains("Socialstyrelsen") })
    }
}

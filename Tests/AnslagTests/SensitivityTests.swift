import Foundation
import Testing
@testable import Anslag

/// Changing an input changes the computation as the key says, and reconciliation notices.
@Suite struct SensitivityTests {
    @Test func raisingOneRegionsPopulationMovesMoneyToItAndBreaksThePublishedCells() throws {
        let folder = ContentFolder()
        folder.write("regions.yaml", try String(contentsOf: bundledContent.appendingPathComponent("regions.yaml"), encoding: .utf8))
        folder.write("areas.yaml", try String(contentsOf: bundledContent.appendingPathComponent("areas.yaml"), encoding: .utf8))
        // The 2024 conditions link to conditions of 2022 and 2023, so those agreements come along.
        for earlier in ["2022-god-och-nara-vard", "2023-sammanhallen-jamlik-och-saker-vard"] where !FileManager.default.fileExists(atPath: folder.root.appendingPathComponent("agreements/\(earlier)").path) {
            folder.copyBundled("agreements/\(earlier)")
        }
        folder.copyBundled("agreements/2024-god-och-nara-vard")
        let before = folder.check()
        #expect(before.diagnostics.errors.isEmpty)

        let path = "agreements/2024-god-och-nara-vard/inputs/befolkning-2023-11-01.csv"
        let original = try String(contentsOf: folder.root.appendingPathComponent(path), encoding: .utf8)
        folder.write(path, original.replacingOccurrences(of: "Region Jämtland Härjedalen,132 466", with: "Region Jämtland Härjedalen,142 466"))
        let after = folder.check()

        let region = Recipient.region("jamtland-harjedalen")
        let a0 = try #require(before.allocations.last), a1 = try #require(after.allocations.last)
        // Population keys give Jämtland Härjedalen more and every other region less or the same.
        for pot in ["nara-vard-befolkning", "ambulans-regionerna"] {
            #expect(a1.amount(of: pot, to: region)! > a0.amount(of: pot, to: region)!)
            for other in before.content!.regions.regions where other.id != "jamtland-harjedalen" {
                #expect(a1.amount(of: pot, to: .region(other.id))! <= a0.amount(of: pot, to: .region(other.id))!)
            }
            #expect(a1.pots[pot]!.shares!.map(\.amount).reduce(0, +) == a1.amounts[pot])
        }
        // The given rural key does not depend on population.
        #expect(a1.amount(of: "primarvard-landsbygd", to: region) == a0.amount(of: "primarvard-landsbygd", to: region))
        // The new exact population share: (2 120 000 000 * 142 466 / 10 567 682), rounded by the largest remainder.
        let exact = try Fraction(2_120_000_000 * 142_466, 10_567_682)
        #expect(Int128(a1.amount(of: "nara-vard-befolkning", to: region)!) - exact.floor <= 1)

        // The published tables (which still print the old population) no longer reconcile, and say where.
        let errors = after.diagnostics.errors
        #expect(!errors.isEmpty)
        #expect(errors.contains { $0.id == .inputMismatch && $0.location.file.hasSuffix("published/bilaga-3.csv") })
        #expect(errors.allSatisfy { $0.location.file.hasPrefix("agreements/2024-god-och-nara-vard/") && $0.location.line >= 1 })
    }

    @Test func reconciliationReportsTheCellsThatNoLongerMatch() throws {
        // Change the population in both the input and the printed population columns, so only money cells differ.
        let folder = ContentFolder()
        folder.write("regions.yaml", try String(contentsOf: bundledContent.appendingPathComponent("regions.yaml"), encoding: .utf8))
        folder.write("areas.yaml", try String(contentsOf: bundledContent.appendingPathComponent("areas.yaml"), encoding: .utf8))
        folder.copyBundled("agreements/2024-god-och-nara-vard")
        let files = ["inputs/befolkning-2023-11-01.csv", "published/bilaga-3.csv"]
        for file in files {
            let path = "agreements/2024-god-och-nara-vard/\(file)"
            let text = try String(contentsOf: folder.root.appendingPathComponent(path), encoding: .utf8)
            folder.write(path, text.replacingOccurrences(of: "Jämtland Härjedalen,132 466", with: "Jämtland Härjedalen,142 466")
                .replacingOccurrences(of: "Totalt,10 557 682", with: "Totalt,10 567 682"))
        }
        let site = folder.check()
        let mismatches = site.diagnostics.errors.filter { $0.id == .publishedMismatch }
        // Every region's population share moved, so many money cells of Bilaga 3 (regions) and Bilaga 2
        // (municipalities, half by population) differ by more than a krona; each one is reported.
        let inBilaga3 = mismatches.filter { $0.location.file.hasSuffix("published/bilaga-3.csv") }
        #expect(inBilaga3.count >= 21, "\(mismatches.count)")
        #expect(inBilaga3.contains { $0.message.contains("Region Jämtland Härjedalen") && $0.message.contains("Nära vård") })
        #expect(mismatches.allSatisfy { $0.message.contains("published") && $0.message.contains("computed") })
        #expect(Set(mismatches.map(\.location)).count == mismatches.count)
    }
}

import Testing
@testable import Anslag

/// Each key on the three-region world (population 100, 200, 700; care recipients 10, 10, 20).
@Suite struct KeyTests {
    func run(_ pots: String, inputs: String = "") -> CheckedSite {
        let site = SmallWorld.folder(pots: pots, inputs: inputs).check()
        #expect(site.diagnostics.errors.isEmpty, "\(site.diagnostics.errors)")
        return site
    }

    @Test func proportionalToPopulation() {
        let site = run("""
          - {id: p, title: P, amount: 1001, recipient: regions, key: {type: proportional, input: befolkning}}
        """)
        // 100.1, 200.2, 700.7 -> floors 100, 200, 700; 1 krona to the largest remainder (0.7: Gamma).
        #expect(site.shares("p") == [100, 200, 701])
    }

    @Test func basePlusProportional() {
        let site = run("""
          - {id: p, title: P, amount: 3100, recipient: regions, key: {type: base-plus-proportional, base: 1000, input: befolkning}}
        """)
        #expect(site.shares("p") == [1010, 1020, 1070])
    }

    @Test func halfCareRecipientsHalfPopulation() {
        let site = run("""
          - id: p
            title: P
            amount: 1000
            recipient: municipalities
            key:
              type: blend
              parts:
                - {weight: 1/2, key: {type: proportional, input: insatser}}
                - {weight: 1/2, key: {type: proportional, input: befolkning}}
        """)
        // 500*(1/4,1/4,1/2) + 500*(0.1,0.2,0.7) = 175, 225, 600.
        #expect(site.shares("p") == [175, 225, 600])
        #expect(site.allocations[0].pots["p"]?.shares?.first?.recipient == .county("alfa"))
    }

    /// Uneven weights, so a blend that swapped its weights (or ignored them) gives other amounts.
    @Test func unevenBlendWeightsEachApplyToTheirOwnKey() {
        let site = run("""
          - id: p
            title: P
            amount: 1000
            recipient: regions
            key:
              type: blend
              parts:
                - {weight: 1/4, key: {type: proportional, input: insatser}}
                - {weight: 3/4, key: {type: proportional, input: befolkning}}
        """)
        // 250*(1/4,1/4,1/2) + 750*(0.1,0.2,0.7) = 137.5, 212.5, 650; the tied half krona goes to
        // the first region (Alfa). Swapped weights would give 212.5, 237.5, 550.
        #expect(site.shares("p") == [138, 212, 650])
    }

    @Test func equalToEachSamverkansregion() {
        let site = run("""
          - {id: p, title: P, amount: 1001, recipient: samverkansregioner, key: {type: equal}}
        """)
        #expect(site.shares("p") == [501, 500])
        #expect(site.allocations[0].pots["p"]?.shares?.map(\.recipient) == [.samverkansregion("norr"), .samverkansregion("syd")])
    }

    @Test func givenTableMustSumToThePot() {
        let folder = SmallWorld.folder(pots: """
          - {id: p, title: P, amount: 60, recipient: regions, key: {type: given, input: utfall}}
        """, inputs: """
          - {id: utfall, kind: amounts, file: inputs/utfall.csv}
        """)
        folder.write("agreements/2030-test/inputs/utfall.csv", "Region,Kronor\nAlfa,10\nBeta,20\nGamma,30\n")
        #expect(folder.check().shares("p") == [10, 20, 30])
        folder.write("agreements/2030-test/inputs/utfall.csv", "Region,Kronor\nAlfa,10\nBeta,20\nGamma,31\n")
        let errors = folder.check().diagnostics.errors
        #expect(errors.map(\.id.rawValue) == ["given-sum-mismatch"])
        #expect(errors.first?.message.contains("sums to 61 kr") == true)
    }

    @Test func ruralWeightedOneFourSix() {
        let folder = SmallWorld.folder(pots: """
          - {id: p, title: P, amount: 1100, recipient: regions, key: {type: rural-weighted, input: landsbygd}}
        """, inputs: """
          - {id: landsbygd, kind: rural-population, file: inputs/landsbygd.csv}
        """)
        // Weighted: Alfa 100*1 = 100; Beta 25*4 = 100; Gamma 100*1 + 100*4 + 50*6 = 800 -> total 1000.
        folder.write("agreements/2030-test/inputs/landsbygd.csv",
                     "Region,Tätortsnära,Gles,Mycket gles\nAlfa,100,0,0\nBeta,0,25,0\nGamma,100,100,50\n")
        let site = folder.check()
        #expect(site.diagnostics.errors.isEmpty, "\(site.diagnostics.errors)")
        #expect(site.shares("p") == [110, 110, 880])
    }

    @Test func fixedAmountToOneNamedRecipient() {
        let site = run("""
          - {id: root, title: R, amount: 500, recipient: mixed}
          - {id: a, parent: root, title: A, amount: 300, recipient: "region:beta", via: skr}
          - {id: b, parent: root, title: B, amount: 200, recipient: skr}
        """)
        #expect(site.allocations[0].pots["a"]?.shares?.map(\.recipient) == [.region("beta")])
        #expect(site.allocations[0].total(for: .region("beta")) == 300)
        #expect(site.allocations[0].total(for: .region("beta"), includingViaSKR: false) == 0)
    }

    @Test func restAndParentSumOfChildren() {
        let site = run("""
          - {id: root, title: R, amount: 1100, recipient: regions}
          - {id: a, parent: root, title: A, amount: 100, recipient: regions, key: {type: proportional, input: insatser}}
          - {id: b, parent: root, title: B, amount: rest, recipient: regions, key: {type: proportional, input: befolkning}}
        """)
        #expect(site.shares("a") == [25, 25, 50])
        #expect(site.shares("b") == [100, 200, 700])
        #expect(site.shares("root") == [125, 225, 750])
    }

    @Test func unavailableInputMakesThePotNotComputable() {
        let site = run("""
          - {id: p, title: P, amount: 1000, recipient: regions, key: {type: proportional, input: saknas}}
        """, inputs: """
          - {id: saknas, kind: population, date: 2018-11-01, unavailable: Källan trycker inte befolkningen.}
        """)
        #expect(site.allocations[0].pots["p"] == .notComputable(reason: "Källan trycker inte befolkningen."))
    }
}

import Foundation
import Testing
@testable import Anslag

@Suite struct DeadlineStateTests {
    @Test(arguments: [
        ("2024-11-30", DeadlineState.dueSoon),  // the day before
        ("2024-12-01", .dueSoon),               // the day of the deadline: still due, not overdue
        ("2024-12-02", .passedNoRecord),        // the day after: passed, with nothing recorded
        ("2024-10-31", .dueSoon),               // exactly 31 days before with a 31-day window
        ("2024-10-30", .upcoming),              // 32 days before
    ])
    func boundaries(asOf: String, expected: DeadlineState) {
        #expect(DeadlineClock.state(due: "2024-12-01", asOf: asOf, window: 31, status: .unknown) == expected)
    }

    @Test func recordedStatusWinsAndNoRecordIsNeverAFailure() {
        #expect(DeadlineClock.state(due: "2024-12-01", asOf: "2025-01-01", window: 30, status: .done) == .done)
        #expect(DeadlineClock.state(due: "2024-12-01", asOf: "2025-01-01", window: 30, status: .notApplicable) == .notApplicable)
        #expect(DeadlineClock.state(due: "2024-12-01", asOf: "2025-01-01", window: 30, status: .notDone) == .notDone)
        #expect(DeadlineClock.state(due: "2024-12-01", asOf: "2025-01-01", window: 30, status: .unknown) == .passedNoRecord)
        #expect(DeadlineClock.state(due: "2024-12-01", asOf: "2024-01-01", window: 30, status: .notDone) == .upcoming)
    }

    @Test func aConditionalDutyIsNeverMissed() {
        #expect(DeadlineClock.state(due: "2024-12-01", asOf: "2025-06-01", window: 30, status: .unknown, conditional: true) == .conditional)
        #expect(DeadlineClock.state(due: "2024-12-01", asOf: "2024-11-30", window: 30, status: .unknown, conditional: true) == .conditional)
        #expect(DeadlineClock.state(due: "2024-12-01", asOf: "2025-06-01", window: 30, status: .done, conditional: true) == .done)
    }

    @Test func dayNumbersCrossMonthsAndLeapYears() {
        #expect(DeadlineClock.dayNumber("1970-01-01") == 0)
        #expect(DeadlineClock.dayNumber("2024-03-01")! - DeadlineClock.dayNumber("2024-02-28")! == 2)
        #expect(DeadlineClock.dayNumber("2023-03-01")! - DeadlineClock.dayNumber("2023-02-28")! == 1)
        #expect(ICalendar.dayString(DeadlineClock.dayNumber("2024-12-31")! + 1) == "20250101")
    }
}

/// Status file errors, with their positions marked.
@Suite struct StatusFileTests {
    static let file = "agreements/2030-test/status.yaml"

    func folder(status marked: String) -> (ContentFolder, Marked) {
        let folder = SmallWorld.folder(pots: "  - {id: p, title: P, amount: 10, recipient: skr}", published: """
        deadlines:
          - {id: rekvisition, date: 2030-12-01, what: Rekvisition., by: [regions], to: Kammarkollegiet}
        conditions:
          - {id: krav, applies_to: [regions], summary: Ett krav.}
        """)
        let marked = Marked(marked)
        folder.write(Self.file, marked.text)
        return (folder, marked)
    }

    func expectError(_ marked: String, id: String, contains text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let (folder, m) = folder(status: marked)
        expectOneError(folder, file: Self.file, line: m.line, column: m.column, id: id, contains: text, sourceLocation: sourceLocation)
    }

    @Test func validStatusIsLoaded() throws {
        let (folder, _) = folder(status: "recorded_through: 2030-11-25\nentries:\n  - {recipient: beta, item: rekvisition, status: done, date: 2030-11-20, evidence: RS/1/2030, recorded: 2030-11-21}\n")
        let site = folder.check()
        #expect(site.diagnostics.errors.isEmpty, "\(site.diagnostics.errors)")
        let entry = try #require(site.allocations.first?.agreement.status(of: "rekvisition", for: "beta"))
        #expect(entry.status == .done && entry.evidence == "RS/1/2030" && entry.recorded == "2030-11-21")
        #expect(site.allocations.first?.agreement.statusRecordedThrough == "2030-11-25")
    }

    @Test func aRecordAfterTheFilesOwnDate() {
        expectError("recorded_through: 2030-11-01\nentries:\n  - ⟦⟧{recipient: beta, item: krav, status: done, date: 2030-11-20}\n",
                    id: "date-after-record", contains: "after recorded_through")
    }

    @Test func unknownRegion() {
        expectError("recorded_through: 2030-12-31\nentries:\n  - {recipient: ⟦⟧betta, item: rekvisition, status: done}\n", id: "unknown-region", contains: "did you mean 'beta'?")
    }

    @Test func unknownItem() {
        expectError("recorded_through: 2030-12-31\nentries:\n  - {recipient: beta, item: ⟦⟧rekvisiton, status: done}\n", id: "unknown-item", contains: "did you mean 'rekvisition'?")
    }

    @Test func invalidDate() {
        expectError("recorded_through: 2030-12-31\nentries:\n  - {recipient: beta, item: krav, status: done, date: ⟦⟧2030-13-01}\n", id: "invalid-date", contains: "YYYY-MM-DD")
    }

    @Test func unknownStatusValue() {
        expectError("recorded_through: 2030-12-31\nentries:\n  - {recipient: beta, item: krav, status: ⟦⟧klar}\n", id: "unknown-status", contains: "done, not-done, not-applicable, unknown")
    }

    @Test func sameItemTwice() {
        expectError("recorded_through: 2030-12-31\nentries:\n  - {recipient: beta, item: krav, status: done}\n  - ⟦⟧{recipient: beta, item: krav, status: not-done}\n",
                    id: "duplicate-id", contains: "given twice")
    }
}

/// The real 2024 checklist for Region Jämtland Härjedalen.
@Suite struct RealChecklistTests {
    static func files(asOf: String) -> [String: String] {
        var site = Pipeline.check(contentRoot: bundledContent, asOf: asOf)
        let files = Pipeline.render(&site, templates: URL(fileURLWithPath: templatesPath), displayPath: "Templates")
        #expect(site.diagnostics.errors.isEmpty, "\(site.diagnostics.errors)")
        return Dictionary(files.map { ($0.path, String(decoding: $0.contents, as: UTF8.self)) }, uniquingKeysWith: { a, _ in a })
    }

    @Test func jamtlandHarjedalen2024() throws {
        let files = Self.files(asOf: "2024-11-15")
        let html = try #require(files["regioner/jamtland-harjedalen/krav/2024-god-och-nara-vard/index.html"])
        #expect(html.contains("1 december 2024"))
        #expect(html.contains("31 mars 2025"))
        #expect(html.contains("Socialstyrelsen"))
        #expect(html.contains("Kammarkollegiet"))
        #expect(html.contains("RS/802/2023"))
        // On 15 November 2024 the requisition is 16 days away: due soon, not done, not overdue.
        #expect(html.contains("! Om 16 dagar"))
        #expect(!html.contains("✓ Klar"))
        // The region pages link to it.
        #expect(files["regioner/jamtland-harjedalen/2024/index.html"]!.contains("krav/2024-god-och-nara-vard/"))
    }

    @Test func theDateIsAnInputNotTheClock() throws {
        let before = Self.files(asOf: "2024-11-30")["regioner/jamtland-harjedalen/krav/2024-god-och-nara-vard/index.html"]!
        let after = Self.files(asOf: "2024-12-02")["regioner/jamtland-harjedalen/krav/2024-god-och-nara-vard/index.html"]!
        #expect(before.contains("! Om 1 dag<"))
        #expect(after.contains("? Tidsfristen har passerat – uppgift saknas"))
        #expect(!after.contains("✗"))
    }

    @Test func changesAgainst2022() throws {
        let html = try #require(Self.files(asOf: "2024-06-01")["overenskommelser/2024-god-och-nara-vard/krav/index.html"])
        #expect(html.contains("Patientkontrakt heter nu dokumenterad överenskommelse"))
        #expect(html.contains("siffersatta målen för andelen med fast läkarkontakt"))
        #expect(html.contains("Villkor som inte finns kvar"))
        #expect(html.contains("Nytt 2024"))
    }

    @Test func calendarFile() throws {
        let ics = try #require(Self.files(asOf: "2024-06-01")["overenskommelser/2024-god-och-nara-vard/tidsfrister.ics"])
        #expect(ics.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        #expect(ics.hasSuffix("END:VCALENDAR\r\n"))
        #expect(ics.contains("DTSTART;VALUE=DATE:20241201\r\nDTEND;VALUE=DATE:20241202"))
        #expect(ics.components(separatedBy: "BEGIN:VEVENT").count - 1 == 10)
        for line in ics.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 75, "\(line)") }
    }
}

/// Issue 8, items 2, 3, 4 and 6, read from the built pages of the bundled content.
@Suite struct EditorialTruthTests {
    static let built = RealChecklistTests.files(asOf: "2026-11-23")
    static let content = ContentLoader.load(root: bundledContent).content!
    static func page(_ path: String) -> String { built[path] ?? "" }
    static func agreement(_ id: String) -> Agreement { content.agreements.first { $0.id == id }! }

    /// The text of one `<li id="…">` item on a page.
    static func item(_ id: String, in html: String) -> String? {
        guard let start = html.range(of: "<li id=\"\(id)\"") else { return nil }
        return html[start.lowerBound...].components(separatedBy: "</li>")[0]
    }

    @Test func eachRegionsChecklistListsOnlyWhatBindsIt() throws {
        let jamtland = Self.page("regioner/jamtland-harjedalen/krav/2024-god-och-nara-vard/index.html")
        let stockholm = Self.page("regioner/stockholm/krav/2024-god-och-nara-vard/index.html")
        let uppsala = Self.page("regioner/uppsala/krav/2024-god-och-nara-vard/index.html")
        #expect(!jamtland.isEmpty && !stockholm.isEmpty && !uppsala.isEmpty)
        // Region Stockholm's coordination of the rare-diagnosis centres, and Region Uppsala's Strama task.
        #expect(!jamtland.contains("id=\"villkor-nationell-samordning-sallsynta\""))
        #expect(!jamtland.contains("id=\"villkor-strama\""))
        #expect(stockholm.contains("id=\"villkor-nationell-samordning-sallsynta\""))
        #expect(!stockholm.contains("id=\"villkor-strama\""))
        #expect(uppsala.contains("id=\"villkor-strama\""))
        // What binds every region is on each.
        for html in [jamtland, stockholm, uppsala] { #expect(html.contains("id=\"villkor-fast-lakarkontakt\"")) }
        // SKR's own tasks are on no region's checklist.
        #expect(!jamtland.contains("id=\"villkor-skr-lakemedelsinformation\""))
    }

    @Test func eachConditionIsListedOnceWithWhomItBinds() throws {
        let html = Self.page("overenskommelser/2024-god-och-nara-vard/krav/index.html")
        let a = Self.agreement("2024-god-och-nara-vard")
        #expect(html.components(separatedBy: "class=\"condition\"").count - 1 == a.conditions.count)
        for c in a.conditions { #expect(html.components(separatedBy: "id=\"villkor-\(c.id)\"").count - 1 == 1, "\(c.id)") }
        let strama = try #require(Self.item("villkor-strama", in: html))
        #expect(strama.contains("Gäller Region Uppsala (medlen via SKR) och SKR."))
        let samordning = try #require(Self.item("villkor-nationell-samordning-sallsynta", in: html))
        #expect(samordning.contains("Gäller Region Stockholm (medlen via SKR) och SKR."))
        // A condition stated in two sections is listed once, with both.
        let registers = try #require(Self.item("villkor-fordelning-kvalitetsregister", in: html))
        #expect(registers.contains("Källa: avsnitten 7.4 och 11.1."))
        let csd = try #require(Self.item("villkor-csd-mal", in: html))
        #expect(csd.contains("källan namnger inte regionerna"))
    }

    @Test func noConditionThatContinuesAnEarlierOneIsMarkedNew() throws {
        let html = Self.page("overenskommelser/2024-god-och-nara-vard/krav/index.html")
        let a = Self.agreement("2024-god-och-nara-vard")
        let named = ["samverkan-region-kommun", "undvikbar-slutenvard", "resursutnyttjande", "privata-aktorer",
                     "halsoframjande-arbetssatt", "redovisning-socialstyrelsen", "rekvisition-och-aterkrav"]
        for id in named {
            let item = try #require(Self.item("villkor-\(id)", in: html), "\(id)")
            #expect(!item.contains("Nytt"), "\(id)")
            #expect(item.contains("Fortsätter från God och nära vård 2022"), "\(id)")
        }
        for c in a.conditions where !c.links.isEmpty {
            #expect(!(Self.item("villkor-\(c.id)", in: html) ?? "Nytt").contains("Nytt"), "\(c.id)")
        }
    }

    @Test func theStatusMatrixShowsNoCrossWhereNothingIsRecorded() throws {
        let html = Self.page("overenskommelser/2022-god-och-nara-vard/status/index.html")
        let table = try #require(html.components(separatedBy: "<tbody>").dropFirst().first)
        #expect(!table.contains("✗"))
        #expect(table.contains("? Tidsfristen har passerat – uppgift saknas"))
        // The repayment is a conditional duty, not a missed deadline.
        #expect(table.contains("◇ Villkorad"))
        #expect(html.contains("Ingen uppgift om vad mottagarna har gjort är registrerad för överenskommelsen."))
    }

    @Test func oneDateRulesThePage() throws {
        let html = Self.page("overenskommelser/2024-god-och-nara-vard/status/index.html")
        #expect(html.contains("Tidsfristerna bedöms mot webbplatsens datum, 23 november 2026."))
        #expect(html.contains("Uppgifter om vad mottagarna har gjort är registrerade till och med 23 november 2026."))
        #expect(html.contains("Uppgifterna avser 23 november 2026"))
        #expect(!html.contains("Läget gäller"))
        // In 2026 every 2024 deadline has passed: none is upcoming.
        #expect(!html.contains("○ Kommande<"))
    }

    @Test func theFactsOfTheSourcesAreOnTheAgreementPages() throws {
        let y2024 = Self.page("overenskommelser/2024-god-och-nara-vard/index.html")
        for text in ["anslagsposterna 3 Kroniska och långvariga sjukdomar", "separat regeringsbeslut ställt till Kammarkollegiet",
                     "Regeringskansliet (Socialdepartementet) och Kammarkollegiet har rätt att begära in", "S2023/01930",
                     "vikten 1", "vikten 4", "vikten 6", "förordning", "2\u{A0}546\u{A0}000\u{A0}000\u{A0}kr", "750\u{A0}000\u{A0}000\u{A0}kr",
                     "34\u{A0}250\u{A0}000\u{A0}kr", "SKR:s förbundsstyrelse beslutade"] {
            #expect(y2024.contains(text), "\(text)")
        }
        let y2023 = Self.page("overenskommelser/2023-sammanhallen-jamlik-och-saker-vard/index.html")
        for text in ["272\u{A0}965\u{A0}000\u{A0}kr", "53\u{A0}035\u{A0}000\u{A0}kr", "den 27 januari 2023", "anslagspost 40 Jämlik sjukvård"] {
            #expect(y2023.contains(text), "\(text)")
        }
        let y2022 = Self.page("overenskommelser/2022-god-och-nara-vard/index.html")
        for text in ["55 procent", "80 procent", "ökat med 20 procent", "december 2022", "anslagsposterna 1 Professionssatsningen",
                     "särskilt regeringsbeslut", "S2019/03056", "3.1.3 (nära vård)"] {
            #expect(y2022.contains(text), "\(text)")
        }
        let jamtland = Self.page("regioner/jamtland-harjedalen/index.html") + Self.page("regioner/jamtland-harjedalen/2024/index.html")
        #expect(jamtland.contains("RS/134/2019"))
        #expect(jamtland.contains("arbetssätt som gällde 2023"))
    }

    @Test func theStatedSplitIsRecomputedFromThePots() throws {
        let html = Self.page("overenskommelser/2024-god-och-nara-vard/index.html")
        let table = try #require(html.components(separatedBy: "id=\"belopp-per-mottagare\"").dropFirst().first?.components(separatedBy: "</table>").first)
        let allocation = try #require(Pipeline.check(contentRoot: bundledContent).allocations.first { $0.agreement.id == "2024-god-och-nara-vard" })
        let regions = ["nara-vard-regionerna", "ambulans-regionerna", "sallsynta-csd", "sallsynta-samordning-stockholm", "kvalitetsregister-staten", "antibiotika"]
            .map { allocation.amounts[$0]! }.reduce(0, +)
        // The recomputed sum stands beside the stated one in the regions' row.
        let row = try #require(table.components(separatedBy: "<tr").first { $0.contains("till regionerna") })
        #expect(row.components(separatedBy: SwedishFormat.kronor(regions)).count - 1 == 2)
    }

    @Test func theInputsAreTablesWithDownloads() throws {
        let html = Self.page("overenskommelser/2024-god-och-nara-vard/index.html")
        #expect(html.contains("Befolkning per region"))
        #expect(html.contains("Uppgifterna avser 1 november 2023."))
        #expect(html.contains("underlag-befolkning.csv"))
        #expect(html.contains("underlag-insatser.csv"))
        #expect(Self.built["overenskommelser/2024-god-och-nara-vard/underlag-befolkning.csv"]?.contains("befolkning-jamtland-harjedalen,Region Jämtland Härjedalen,132466") == true)
        #expect(html.contains("Personer med insatser i kommunal hälso- och sjukvård per län"))
    }

    @Test func aGivenTableIsNamedAsGivenAndNotReconciled() throws {
        let html = Self.page("overenskommelser/2024-god-och-nara-vard/index.html")
        #expect(html.contains("Primärvård i landsbygd: fördelning enligt källan (underlaget publiceras inte)"))
        #expect(!html.contains("id=\"avstamning-bilaga-4-avsnitt\""))
        let site = Pipeline.check(contentRoot: bundledContent)
        #expect(!(site.reconciliations["2024-god-och-nara-vard"] ?? []).contains { $0.table.id == "bilaga-4" })
    }
}

/// Bad bindings, links and given tables, each an error at its own position.
@Suite struct BindingAndLinkErrorTests {
    static let file = "agreements/2030-test/agreement.yaml"

    func folder(_ marked: String, extraInput: String = "") -> (ContentFolder, Marked) {
        let m = Marked(marked)
        let folder = SmallWorld.folder(pots: "  - {id: p, title: P, amount: 10, recipient: regions, key: {type: given, input: utfall}}",
                                       inputs: extraInput, published: m.text)
        folder.write("agreements/2030-test/inputs/utfall.csv", "Region,Kronor\nAlfa,1\nBeta,2\nGamma,7\n")
        folder.write("agreements/2030-test/published/utfall.csv", "Region,Kronor\nAlfa,1\nBeta,2\nGamma,7\n")
        return (folder, m)
    }

    static let utfall = "  - {id: utfall, kind: amounts, file: inputs/utfall.csv}"

    /// The line of the marker within the whole agreement file.
    func expect(_ marked: String, id: String, contains text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let (folder, m) = folder(marked, extraInput: Self.utfall)
        let whole = SmallWorld.agreement(pots: "  - {id: p, title: P, amount: 10, recipient: regions, key: {type: given, input: utfall}}",
                                         inputs: Self.utfall, published: "")
        let offset = whole.components(separatedBy: "\n").count - 1
        expectOneError(folder, file: Self.file, line: offset + m.line, column: m.column, id: id, contains: text, sourceLocation: sourceLocation)
    }

    @Test func aGivenTableCannotBeReconciledWithItself() {
        expect("published:\n  - id: utfall\n    title: Utfall\n    file: published/utfall.csv\n    rows: regions\n    name_column: Region\n    columns:\n      - ⟦⟧{column: Kronor, pots: [p]}\n",
               id: "given-table", contains: "compare the table with itself")
    }

    @Test func anUnknownNamedRegion() {
        expect("conditions:\n  - {id: k, applies_to: [⟦⟧region:betta], summary: Ett krav.}\n", id: "unknown-region", contains: "did you mean 'region:beta'?")
    }

    @Test func anUndeclaredGroup() {
        expect("conditions:\n  - ⟦⟧{id: k, applies_to: [group:csd], summary: Ett krav.}\n", id: "unknown-recipient-group", contains: "recipient_groups")
    }

    @Test func aLinkToAnUnknownAgreement() {
        expect("conditions:\n  - {id: k, applies_to: [regions], summary: Ett krav., continues: ⟦⟧2029-test/k}\n", id: "unknown-agreement", contains: "2029-test")
    }

    @Test func theOldIdBasedLinkIsAnError() {
        expect("conditions:\n  - {id: k, applies_to: [regions], summary: Ett krav., previous: ⟦⟧k}\n", id: "unknown-key", contains: "continues")
    }

    @Test func aReplacementSaysWhatChanged() {
        expect("conditions:\n  - ⟦⟧{id: k, applies_to: [regions], summary: Ett krav., replaces: 2029-test/k}\n", id: "missing-key", contains: "change")
    }
}

@Suite struct ChecklistWordingTests {
    @Test(arguments: [
        (4, 0, 0, "4 tidsfrister har passerat utan registrerad uppgift och ingen infaller inom 30 dagar."),
        (1, 0, 2, "1 tidsfrist har passerat utan registrerad uppgift och 2 infaller inom 30 dagar."),
        (0, 1, 0, "Ingen tidsfrist har passerat utan registrerad uppgift, 1 är registrerad som inte gjord och ingen infaller inom 30 dagar."),
    ])
    func regionSummary(passed: Int, notDone: Int, soon: Int, expected: String) {
        #expect(PageBuilder.regionSummary(passed: passed, notDone: notDone, soon: soon, window: 30) == expected)
    }
}

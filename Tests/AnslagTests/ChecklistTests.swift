import Foundation
import Testing
@testable import Anslag

@Suite struct DeadlineStateTests {
    @Test(arguments: [
        ("2024-11-30", DeadlineState.dueSoon),  // the day before
        ("2024-12-01", .dueSoon),               // the day of the deadline: still due, not overdue
        ("2024-12-02", .overdue),               // the day after
        ("2024-10-31", .dueSoon),               // exactly 31 days before with a 31-day window
        ("2024-10-30", .upcoming),              // 32 days before
    ])
    func boundaries(asOf: String, expected: DeadlineState) {
        #expect(DeadlineClock.state(due: "2024-12-01", asOf: asOf, window: 31, status: .unknown) == expected)
    }

    @Test func recordedStatusWins() {
        #expect(DeadlineClock.state(due: "2024-12-01", asOf: "2025-01-01", window: 30, status: .done) == .done)
        #expect(DeadlineClock.state(due: "2024-12-01", asOf: "2025-01-01", window: 30, status: .notApplicable) == .notApplicable)
        #expect(DeadlineClock.state(due: "2024-12-01", asOf: "2025-01-01", window: 30, status: .notDone) == .overdue)
        #expect(DeadlineClock.state(due: "2024-12-01", asOf: "2024-01-01", window: 30, status: .notDone) == .upcoming)
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
        let (folder, _) = folder(status: "entries:\n  - {recipient: beta, item: rekvisition, status: done, date: 2030-11-20, evidence: RS/1/2030}\n")
        let site = folder.check()
        #expect(site.diagnostics.errors.isEmpty, "\(site.diagnostics.errors)")
        let entry = try #require(site.allocations.first?.agreement.status(of: "rekvisition", for: "beta"))
        #expect(entry.status == .done && entry.evidence == "RS/1/2030")
    }

    @Test func unknownRegion() {
        expectError("entries:\n  - {recipient: ⟦⟧betta, item: rekvisition, status: done}\n", id: "unknown-region", contains: "did you mean 'beta'?")
    }

    @Test func unknownItem() {
        expectError("entries:\n  - {recipient: beta, item: ⟦⟧rekvisiton, status: done}\n", id: "unknown-item", contains: "did you mean 'rekvisition'?")
    }

    @Test func invalidDate() {
        expectError("entries:\n  - {recipient: beta, item: krav, status: done, date: ⟦⟧2030-13-01}\n", id: "invalid-date", contains: "YYYY-MM-DD")
    }

    @Test func unknownStatusValue() {
        expectError("entries:\n  - {recipient: beta, item: krav, status: ⟦⟧klar}\n", id: "wrong-value", contains: "done, not-done, not-applicable, unknown")
    }

    @Test func sameItemTwice() {
        expectError("entries:\n  - {recipient: beta, item: krav, status: done}\n  - ⟦⟧{recipient: beta, item: krav, status: not-done}\n",
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
        #expect(html.contains("! Snart: om 16 dagar"))
        #expect(!html.contains("✓ Klar"))
        // The region pages link to it.
        #expect(files["regioner/jamtland-harjedalen/2024/index.html"]!.contains("krav/2024-god-och-nara-vard/"))
    }

    @Test func theDateIsAnInputNotTheClock() throws {
        let before = Self.files(asOf: "2024-11-30")["regioner/jamtland-harjedalen/krav/2024-god-och-nara-vard/index.html"]!
        let after = Self.files(asOf: "2024-12-02")["regioner/jamtland-harjedalen/krav/2024-god-och-nara-vard/index.html"]!
        #expect(before.contains("! Snart: om 1 dagar"))
        #expect(after.contains("✗ Passerad: inte rapporterad som klar"))
    }

    @Test func changesAgainst2022() throws {
        let html = try #require(Self.files(asOf: "2024-06-01")["overenskommelser/2024-god-och-nara-vard/krav/index.html"])
        #expect(html.contains("Patientkontrakt heter nu dokumenterad överenskommelse"))
        #expect(html.contains("siffersatta målen för andelen med fast läkarkontakt"))
        #expect(html.contains("Borttaget"))
        #expect(html.contains("Nytt"))
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

import Foundation
import Testing
@testable import Anslag
@testable import AnslagCLI

/// A copy of the whole bundled content and templates, with `anslag new god-och-nara-vard 2025` run in it.
private func projectWithScaffold() throws -> (folder: ContentFolder, content: URL, draft: URL) {
    let folder = ContentFolder()
    let content = folder.root.appendingPathComponent("Content")
    try FileManager.default.copyItem(at: bundledContent, to: content)
    try FileManager.default.copyItem(at: URL(fileURLWithPath: templatesPath), to: folder.root.appendingPathComponent("Templates"))
    let made = runCommand(["new", "god-och-nara-vard", "2025", "--content", content.path])
    #expect(made.status == 0, "\(made.standardError)")
    return (folder, content, content.appendingPathComponent("agreements/2025-god-och-nara-vard"))
}

/// Fills every `FYLL-I` the scaffold left as an editor would: amounts and tables from the new
/// agreement (here: last year's, which are plausible), dates and names, and each text marked for
/// review read and kept (with the new year in the title).
private func fillEveryMarker(draft: URL, previous: URL) throws {
    func amounts(_ text: String) -> [String: [String: String]] {
        var current = "", result: [String: [String: String]] = [:]
        for line in text.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            // Stated totals have amounts too, but no id: they belong to no pot.
            if trimmed.hasPrefix("- ") { current = trimmed.hasPrefix("- id: ") ? String(trimmed.dropFirst(6)) : "" }
            for key in ["amount", "base"] where trimmed.hasPrefix("\(key): ") {
                result[current, default: [:]][key] = String(trimmed.dropFirst(key.count + 2))
            }
        }
        return result
    }
    let old = amounts(try String(contentsOf: previous.appendingPathComponent("agreement.yaml"), encoding: .utf8))
    let file = draft.appendingPathComponent("agreement.yaml")
    var current = ""
    var lines: [String] = []
    let review = "FYLL-I (granska, texten nämner ett årtal): "
    for line in try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n") {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("- id: ") { current = String(trimmed.dropFirst(6)) }
        var filled = line.replacingOccurrences(of: review, with: "")
        if line.contains(review), trimmed.hasPrefix("title:") { filled = filled.replacingOccurrences(of: "2024", with: "2025") }
        if let range = filled.range(of: ": FYLL-I"), filled.hasSuffix("FYLL-I") {
            let key = filled[..<range.lowerBound].trimmingCharacters(in: CharacterSet(charactersIn: " -"))
            let value: String
            switch key {
            case "amount", "base": value = try #require(old[current]?[key], "no \(key) for \(current) last year")
            case "date": value = "2025-06-30"
            case "file": value = "god-och-nara-vard-2025.pdf"
            case "title": value = "Överenskommelse om God och nära vård 2025"
            case "place": value = "Stockholm"
            case "signatory": value = "Förnamn Efternamn"
            case "role": value = "Undertecknare"
            default: Issue.record("unexpected marker for '\(key)': \(line)"); value = "x"
            }
            filled = String(filled[..<range.lowerBound]) + ": " + value
        }
        lines.append(filled)
    }
    try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
    for table in try FileManager.default.contentsOfDirectory(atPath: draft.appendingPathComponent("inputs").path) {
        let target = draft.appendingPathComponent("inputs/\(table)")
        try FileManager.default.removeItem(at: target)
        try FileManager.default.copyItem(at: previous.appendingPathComponent("inputs/\(table)"), to: target)
    }
}

@Suite struct DraftTests {
    @Test func scaffoldIsADraftWhoseOnlyErrorsAreItsMarkers() throws {
        let (folder, content, draft) = try projectWithScaffold()
        _ = folder
        let yaml = try String(contentsOf: draft.appendingPathComponent("agreement.yaml"), encoding: .utf8)
        #expect(yaml.contains("status: draft"))
        // Last year's summary is not turned into a false sentence about this year: it is marked for review.
        #expect(!yaml.contains("Överenskommelsen för 2025"))
        #expect(yaml.contains("FYLL-I (granska, texten nämner ett årtal): Överenskommelsen för 2024"))
        #expect(!yaml.contains("change:"))
        let site = Pipeline.check(contentRoot: content)
        #expect(site.diagnostics.errors.count > 60)
        #expect(site.diagnostics.errors.allSatisfy { $0.id == .notFilledIn }, "\(site.diagnostics.errors.filter { $0.id != .notFilledIn })")

        try fillEveryMarker(draft: draft, previous: content.appendingPathComponent("agreements/2024-god-och-nara-vard"))
        let checked = runCommand(["check", "--content", content.path])
        #expect(checked.status == 0, "\(checked.standardError)")
        #expect(checked.standardError.contains("showing draft 2025-god-och-nara-vard (0 errors)"))
        // Every condition carried over continues the one it was copied from, and the checklist says so.
        let filled = Pipeline.check(contentRoot: content)
        let conditions = try #require(filled.content?.agreements.first { $0.id == "2025-god-och-nara-vard" }).conditions
        #expect(!conditions.isEmpty)
        #expect(conditions.allSatisfy { $0.continues.map(\.agreement) == ["2024-god-och-nara-vard"] && $0.replaces.isEmpty && $0.change == nil })
    }

    @Test func buildLeavesAnUnfinishedDraftOutAndPrintsItsErrors() throws {
        let (folder, content, _) = try projectWithScaffold()
        let output = folder.root.appendingPathComponent("Output")
        let built = runCommand(["build", "--content", content.path, "--output", output.path])
        #expect(built.status == 0, "\(built.standardError)")
        // The draft's errors are printed as its own, and the summary counts them apart.
        #expect(built.standardError.contains("draft 2025-god-och-nara-vard is left out of the site:"))
        #expect(built.standardError.contains("agreements/2025-god-och-nara-vard/agreement.yaml:"))
        #expect(built.standardError.contains("error: 'amount' is still to be filled in"))
        #expect(built.standardOutput.contains("left out draft 2025-god-och-nara-vard ("))
        // Nothing on the published site names or links to the draft.
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("overenskommelser/2025-god-och-nara-vard").path))
        let enumerator = try #require(FileManager.default.enumerator(atPath: output.path))
        var pages = 0
        for case let path as String in enumerator where path.hasSuffix(".html") || path.hasSuffix(".xml") || path.hasSuffix(".json") {
            let text = try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
            #expect(!text.contains("2025-god-och-nara-vard"), "\(path) refers to the draft")
            #expect(!text.contains("draft-banner"), "\(path) has the draft banner")
            pages += 1
        }
        #expect(pages > 100)
        // serve shows a draft only once it is valid: until then the rest of the site still builds.
        let preview = Pipeline.check(contentRoot: content, drafts: .shownWhenValid)
        #expect(!preview.diagnostics.hasErrors && preview.shownDrafts.isEmpty)
        #expect(preview.draftDiagnostics["2025-god-och-nara-vard"]?.hasErrors == true)
        // The preview worker `serve` runs builds the rest and names the draft's errors as warnings.
        let result = folder.root.appendingPathComponent("preview.bin")
        let worker = runCommand(["preview-worker", "--content", content.path, "--templates", templatesPath, "--result", result.path])
        #expect(worker.status == 0, "\(worker.standardError.prefix(2000))")
        let bundle = try PreviewBundle.decode(Array(try Data(contentsOf: result)))
        #expect(!bundle.failed && bundle.files.contains { $0.path == "index.html" })
        #expect(!bundle.files.contains { $0.path.contains("2025-god-och-nara-vard") })
        #expect(!bundle.diagnostics.isEmpty && bundle.diagnostics.allSatisfy { $0.severity == .warning && $0.message.hasPrefix("utkastet 2025-god-och-nara-vard visas inte") })
        #expect(PreviewNotice.from(bundle.diagnostics, failed: false)?.isFailure == false)
        // Check, which checks drafts fully, fails on the same errors.
        let checked = runCommand(["check", "--content", content.path])
        #expect(checked.status != 0)
    }

    @Test func draftsBuildShowsTheBannerOnEveryPage() throws {
        let (folder, content, draft) = try projectWithScaffold()
        try fillEveryMarker(draft: draft, previous: content.appendingPathComponent("agreements/2024-god-och-nara-vard"))
        let output = folder.root.appendingPathComponent("Output")
        let built = runCommand(["build", "--drafts", "--content", content.path, "--output", output.path])
        #expect(built.status == 0, "\(built.standardError)")
        let page = try String(contentsOf: output.appendingPathComponent("overenskommelser/2025-god-och-nara-vard/index.html"), encoding: .utf8)
        #expect(page.contains("class=\"draft-banner"))
        #expect(page.contains("<strong>Utkast.</strong>"))
        let home = try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(home.contains("class=\"draft-banner"))
        // A site with drafts is a preview: search engines are asked not to index it, should it be uploaded.
        #expect(page.contains("<meta name=\"robots\" content=\"noindex\">") && home.contains("<meta name=\"robots\" content=\"noindex\">"))
        #expect(Pipeline.check(contentRoot: content, drafts: .shownWhenValid).shownDrafts == ["2025-god-och-nara-vard"])
        // Without --drafts the same content builds a site without it and without any banner.
        let published = runCommand(["build", "--content", content.path, "--output", output.path])
        #expect(published.status == 0)
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("overenskommelser/2025-god-och-nara-vard").path))
        let publishedHome = try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(!publishedHome.contains("draft-banner") && !publishedHome.contains("noindex"))
    }

    @Test func aPublishedLinkToALeftOutDraftIsAnError() throws {
        let (folder, content, draft) = try projectWithScaffold()
        _ = folder
        try fillEveryMarker(draft: draft, previous: content.appendingPathComponent("agreements/2024-god-och-nara-vard"))
        // Commentary of a published region page that quotes the draft would be a dangling reference.
        let note = content.appendingPathComponent("regions/jamtland-harjedalen/utkast.md")
        try "---\ntitle: Om 2025\nregion: jamtland-harjedalen\n---\nRegionen får [[figur: 2025-god-och-nara-vard/jamtland-harjedalen]].\n"
            .write(to: note, atomically: true, encoding: .utf8)
        let site = Pipeline.check(contentRoot: content, drafts: .leftOut)
        #expect(site.diagnostics.errors.count == 1, "\(site.diagnostics.errors)")
        let error = try #require(site.diagnostics.errors.first)
        #expect(error.id == .linksToDraft)
        #expect(error.location.file == "regions/jamtland-harjedalen/utkast.md" && error.location.line == 5)
        #expect(Pipeline.check(contentRoot: content, drafts: .shown).diagnostics.errors.isEmpty)
    }
}

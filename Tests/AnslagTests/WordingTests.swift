import Foundation
import Testing
@testable import Anslag

/// What a reader sees on the built site: like-with-like comparison, derivations, wording and footers.
/// Expectations come from the published tables and input files, never from the engine's output.
@Suite struct WordingTests {
    /// The bundled site, built once per test.
    static func site() throws -> [String: String] {
        var site = Pipeline.check(contentRoot: bundledContent)
        let files = Pipeline.render(&site, templates: URL(fileURLWithPath: templatesPath), displayPath: "Templates")
        #expect(site.diagnostics.errors.isEmpty, "\(site.diagnostics.errors)")
        return Dictionary(files.map { ($0.path, String(decoding: $0.contents, as: UTF8.self)) }, uniquingKeysWith: { a, _ in a })
    }

    /// The visible text of a page: tags removed, entities decoded, white space collapsed.
    static func text(_ html: String) -> String {
        var text = html.replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
        for (entity, char) in [("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&#x27;", "'")] {
            text = text.replacingOccurrences(of: entity, with: char)
        }
        // Only ASCII white space: the no-break spaces inside figures are part of them.
        return text.replacingOccurrences(of: "[ \t\n\r]+", with: " ", options: .regularExpression)
    }

    /// The published CSV as rows of cells (no quoted commas in these files).
    static func csv(_ path: String) throws -> [[String]] {
        try String(contentsOf: bundledContent.appendingPathComponent(path), encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    static func number(_ cell: String) -> Int { Int(cell.filter(\.isNumber))! }

    /// The cell of `column` in the row whose first cell is `row`.
    static func cell(_ table: [[String]], row: String, column: String) throws -> Int {
        let header = table[0]
        let index = try #require(header.firstIndex(of: column), "\(column) in \(header)")
        let line = try #require(table.first { $0.first == row }, "\(row)")
        return number(line[index])
    }

    @Test func quotedPhrasesAreGone() throws {
        let pages = try Self.site().filter { $0.key.hasSuffix(".html") }
        // Addresses (the "Citera" line under each table shows the table's URL, e.g. `#potter`) are ids, not wording.
        let all = pages.values.map(Self.text).joined(separator: "\n").replacingOccurrences(of: "https://[^ ,]+", with: " ", options: .regularExpression)
        for phrase in ["län län", "Stockholm län", "Jämtland Härjedalen län", "Tidsfrister för skr", "via rss", "potter", "Potter",
                       "summerar exakt till", "0 skiljer sig med 1 krona", "utan registrerad klarmarkering", "Rang 1 är flest kronor",
                       "(previous i datat)"] {
            #expect(!all.contains(phrase), "the site still says '\(phrase)'")
        }
        // 2024's quality-register money is stated in avsnitt 7.4 (Medelstilldelning); "7.1" and "7.2" were row numbers of its table.
        let agreement2024 = try #require(pages["overenskommelser/2024-god-och-nara-vard/index.html"])
        for pot in ["kvalitetsregister-staten", "kvalitetsregister-regionerna", "kvalitetsregister-rco", "kvalitetsregister-stodfunktion"] {
            let row = try #require(agreement2024.range(of: "<tr id=\"pott-\(pot)\">"), "\(pot)")
            let end = try #require(agreement2024.range(of: "</tr>", range: row.upperBound..<agreement2024.endIndex))
            let cells = String(agreement2024[row.upperBound..<end.lowerBound])
            #expect(cells.hasSuffix("<td>7.4</td>\n"), "\(pot): \(cells)")
        }
        // A double full stop, but not an ellipsis.
        let doubled = try Regex("[^.]\\.\\.(?!\\.)")
        #expect(all.firstMatch(of: doubled) == nil, "double full stop: \(all.firstMatch(of: doubled).map { String(all[$0.range]) } ?? "")")
    }

    @Test func countyNamesInTheirProperForm() throws {
        let site = try Self.site()
        let stockholm = Self.text(try #require(site["regioner/stockholm/index.html"]))
        #expect(stockholm.contains("kommunerna i Stockholms län."))
        let jamtland = Self.text(try #require(site["regioner/jamtland-harjedalen/index.html"]))
        #expect(jamtland.contains("kommunerna i Jämtlands län."))
        let agreement = Self.text(try #require(site["overenskommelser/2024-god-och-nara-vard/index.html"]))
        for county in ["Västra Götalands län", "Södermanlands län", "Jönköpings län", "Jämtlands län"] {
            #expect(agreement.contains(county), "\(county)")
        }
    }

    /// Jämtland Härjedalen's 2024 ambulance money: 500 000 kr base plus its population share of the rest.
    @Test func ambulanceDerivationAddsUp() throws {
        let published = try Self.cell(try Self.csv("agreements/2024-god-och-nara-vard/published/bilaga-3.csv"),
                                      row: "Region Jämtland Härjedalen", column: "Ambulans (kronor)")
        let population = try Self.csv("agreements/2024-god-och-nara-vard/inputs/befolkning-2023-11-01.csv").dropFirst()
        let mine = Self.number(try #require(population.first { $0[0] == "Region Jämtland Härjedalen" })[1])
        let total = population.map { Self.number($0[1]) }.reduce(0, +)
        // The agreement's key (avsnitt 5): 46 000 000 kr, 500 000 kr to each of 21 regions, the rest by population.
        let pot = 46_000_000, base = 500_000, rest = pot - 21 * base
        let exactNumerator = base * total + rest * mine
        let floor = exactNumerator / total
        #expect(published == floor || published == floor + 1, "published \(published), exact \(exactNumerator)/\(total)")
        #expect(published == 945_414)

        let page = try #require(try Self.site()["regioner/jamtland-harjedalen/2024/index.html"])
        let start = try #require(page.range(of: "<details id=\"berakning-2024-god-och-nara-vard-ambulans-regionerna\""))
        let details = Self.text(String(page[start.lowerBound..<(page.range(of: "</details>", range: start.upperBound..<page.endIndex)!.upperBound)]))
        for figure in [base, rest, pot, floor, published] {
            #expect(details.contains(SwedishFormat.kronor(figure)), "\(figure) in \(details)")
        }
        for count in [mine, total] { #expect(details.contains(SwedishFormat.grouped(count)), "\(count)") }
        #expect(details.contains("\(SwedishFormat.kronor(published)). Skillnad mot beräkningen: 0\u{00A0}kr."))
        // The amount cell links to its derivation.
        #expect(page.contains("<a href=\"#berakning-2024-god-och-nara-vard-ambulans-regionerna\">\(SwedishFormat.html(SwedishFormat.kronor(published)))</a>")
                || page.contains("href=\"#berakning-2024-god-och-nara-vard-ambulans-regionerna\""))

        // The same derivation is in the open data.
        let json = try #require(try Self.site()["data/anslag.json"])
        #expect(json.contains("\"split_by_share\" : \(rest)"))
    }

    /// 2022 -> 2024 for Region Stockholm: only areas present and separately stated in both.
    @Test func comparisonCoversCommonAreasOnly() throws {
        let y2022 = try Self.csv("agreements/2022-god-och-nara-vard/published/bilaga-4.csv")
        let y2024 = try Self.csv("agreements/2024-god-och-nara-vard/published/bilaga-3.csv")
        // 2024 funds nära vård and vårdens medarbetare in one amount (avsnitt 1.2), so 2022's two are added up.
        let before = try ["Nära vård", "Vårdens medarbetare", "Ambulans"].map { try Self.cell(y2022, row: "Region Stockholm", column: $0) }.reduce(0, +)
        let after = try ["Nära vård (kronor)", "Ambulans (kronor)"].map { try Self.cell(y2024, row: "Region Stockholm", column: $0) }.reduce(0, +)
        let page = try #require(try Self.site()["jamfor/index.html"])
        let row = try #require(page.range(of: "<tr id=\"forandring-stockholm\">"))
        let cells = Self.text(String(page[row.lowerBound..<(page.range(of: "</tr>", range: row.upperBound..<page.endIndex)!.upperBound)]))
        #expect(cells.contains(SwedishFormat.kronor(before)), "\(before) in \(cells)")
        #expect(cells.contains(SwedishFormat.kronor(after)), "\(after) in \(cells)")
        #expect(cells.contains(SwedishFormat.signedKronor(after - before)))
        // The whole 2022 column (vidareutbildning, karriärtjänster, Vision e-hälsa included) is not what is compared.
        let whole2022 = try Self.cell(y2022, row: "Region Stockholm", column: "Totalt")
        #expect(!cells.contains(SwedishFormat.kronor(whole2022)))

        let text = Self.text(page)
        let scope = try #require(text.range(of: "Jämförelsen omfattar")).lowerBound
        let sentence = String(text[scope...].prefix(600))
        for left in ["vidareutbildning för sjuksköterskor", "karriärtjänster", "Vision e-hälsa", "ingår inte", "via RSS", "SKR"] {
            #expect(sentence.localizedCaseInsensitiveContains(left), "\(left) in \(sentence)")
        }
        #expect(sentence.contains("ambulanssjukvård"))
        // The scope sentence stands above the figure.
        #expect(page.range(of: "jamforelsens-omfattning")!.lowerBound < page.range(of: "forandring-per-region")!.lowerBound)
        // Status of each agreement, and agreements the site does not cover.
        #expect(text.contains("God och nära vård 2019 Utkast som inte är undertecknat"))
        #expect(text.contains("Överenskommelser som inte finns på webbplatsen"))
        #expect(text.contains("Vårdens medarbetare") && text.contains("anges inte separat (avsnitt 1.2)"))
    }

    @Test func footerSaysReconciledOnlyWhereItIs() throws {
        let site = try Self.site()
        let reconciledClaim = "stämda mot källans publicerade tabeller"
        #expect(Self.text(site["overenskommelser/2024-god-och-nara-vard/index.html"]!).contains(reconciledClaim))
        #expect(Self.text(site["overenskommelser/2022-god-och-nara-vard/index.html"]!).contains(reconciledClaim))
        for path in ["overenskommelser/2019-god-och-nara-vard/index.html", "overenskommelser/2023-sammanhallen-jamlik-och-saker-vard/index.html",
                     "regioner/stockholm/2019/index.html", "regioner/stockholm/2023/index.html", "om/index.html"] {
            let text = Self.text(site[path]!)
            #expect(!text.contains("stämda mot"), "\(path)")
        }
        #expect(Self.text(site["overenskommelser/2019-god-och-nara-vard/index.html"]!).contains("Källan anger ingen fördelning per region"))
    }

    @Test func abbreviationsLinkToTheGlossary() throws {
        let site = try Self.site()
        let glossary = try #require(site["begrepp/index.html"])
        for anchor in ["skr", "skl", "rss", "csd", "rco", "landsting", "sjukvardsregion"] { #expect(glossary.contains("id=\"\(anchor)\""), "\(anchor)") }
        // The first use of SKR on every page (the tagline) is an abbreviation linked to the glossary.
        for (path, html) in site where path.hasSuffix(".html") {
            let body = try #require(html.range(of: "<body>"), "\(path)")
            let first = try #require(html.range(of: "SKR", range: body.upperBound..<html.endIndex), "\(path)")
            let before = html[body.upperBound..<first.lowerBound]
            #expect(before.hasSuffix("begrepp/#skr\"><abbr title=\"Sveriges Kommuner och Regioner\">"), "\(path)")
        }
    }

    @Test func aMissingStringIsAnErrorWithItsPosition() throws {
        let templates = ContentFolder()
        let text = try String(contentsOfFile: templatesPath + "/strings.yaml", encoding: .utf8)
        templates.write("strings.yaml", text.replacingOccurrences(of: "{amount}", with: "{belopp}"))
        #expect(throws: DiagnosticList.self) { try SiteStrings.load(folder: templates.root, displayPath: "Templates") }
        do { _ = try SiteStrings.load(folder: templates.root, displayPath: "Templates") } catch let list as DiagnosticList {
            #expect(list.diagnostics.allSatisfy { $0.id == .missingPlaceholder && $0.location.file == "Templates/strings.yaml" && $0.location.line > 1 })
        }
    }
}

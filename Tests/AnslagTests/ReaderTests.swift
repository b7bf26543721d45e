import Foundation
import Testing
@testable import Anslag

/// Issue 9: downloads that open in Swedish spreadsheets, a data package that describes them,
/// and no empty tables. Read from the site built from the bundled content.
@Suite struct ReaderTests {
    static let built = RealChecklistTests.files(asOf: "2026-11-23")
    static let pages = built.filter { $0.key.hasSuffix(".html") }

    /// The published 2024 region table (bilaga 3), read from the source, never from our output.
    static func publishedTotal2024() throws -> Int {
        let url = bundledContent.appendingPathComponent("agreements/2024-god-och-nara-vard/published/bilaga-3.csv")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        let total = try #require(lines.first { $0.hasPrefix("Totalt,") })
        // The last column, "Totalt (kronor)", printed with spaces between groups.
        return try #require(Int(total.split(separator: ",").last!.filter(\.isNumber)))
    }

    @Test func spreadsheetCSVOfThe2024RegionTableHasSwedishNumbersThatSumToThePublishedTotal() throws {
        let text = try #require(Self.built["overenskommelser/2024-god-och-nara-vard/regionerna-kalkylblad.csv"])
        #expect(text.hasPrefix("\u{FEFF}rad;Region;"))
        let lines = text.dropFirst().components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let header = lines[0].split(separator: ";").map(String.init)
        let totalColumn = try #require(header.firstIndex(of: "Totalt"))
        let perInhabitant = try #require(header.firstIndex(of: "Kronor per invånare"))
        let regions = lines.dropFirst().filter { $0.hasPrefix("region-") && !$0.hasPrefix("region-totalt") }.map { $0.split(separator: ";", omittingEmptySubsequences: false) }
        #expect(regions.count == 21)
        let sum = regions.compactMap { Int($0[totalColumn]) }.reduce(0, +)
        #expect(sum == (try Self.publishedTotal2024()))
        // Decimal comma, two decimals, and never a point.
        #expect(regions.allSatisfy { $0[perInhabitant].wholeMatch(of: /[0-9]+,[0-9]{2}/) != nil }, "\(regions.map { $0[perInhabitant] })")
        // The machine CSV beside it keeps the point and no byte-order mark.
        let machine = try #require(Self.built["overenskommelser/2024-god-och-nara-vard/regionerna.csv"])
        #expect(machine.hasPrefix("rad,Region,"))
        #expect(machine.contains("region-stockholm,Region Stockholm,500798626,8757963,509556589,207.48,"))
    }

    @Test func spreadsheetRowsNeutraliseFormulasAndUseDecimalCommas() {
        #expect(CSVText.spreadsheetRow(["=1+2", "-x", "@a", "-12.5", "7", "a;b", "1.5"]) == "'=1+2;'-x;'@a;-12,5;7;\"a;b\";1,5\r\n")
        #expect(SwedishFormat.fileSize(999) == "under\u{00A0}1\u{00A0}kB")
        #expect(SwedishFormat.fileSize(1000) == "1\u{00A0}kB")
        #expect(SwedishFormat.fileSize(2001) == "3\u{00A0}kB")
    }

    /// Every download link on every page: its file is built, and its text names the table, the
    /// format and the file's size in whole kilobytes rounded up.
    @Test func everyDownloadLinkNamesItsTableFormatAndTrueSize() throws {
        var links = 0
        for (path, html) in Self.pages {
            let folder = path.split(separator: "/").dropLast().joined(separator: "/")
            for block in html.components(separatedBy: "<div class=\"table-block\"").dropFirst() {
                let caption = try #require(block.firstMatch(of: /<caption id="[^"]*">([^<]*)<\/caption>/)).1
                for link in block.matches(of: /<a href="([^"]+)" download>([^<]+)<\/a>/) {
                    links += 1
                    let file = (folder.isEmpty ? "" : folder + "/") + link.1
                    let bytes = try #require(Self.built[file], "\(path): \(file) is not built").utf8.count
                    let size = bytes < 1000 ? "under\u{00A0}1\u{00A0}kB" : "\((bytes + 999) / 1000)\u{00A0}kB"
                    #expect(link.2.hasPrefix("Ladda ner ”\(caption)” "), "\(path): \(link.2)")
                    #expect(link.2.contains(size + ")"), "\(path): \(link.2), \(bytes) bytes")
                    let format = link.1.hasSuffix("-kalkylblad.csv") ? "för kalkylblad" : link.1.hasSuffix(".csv") ? "som CSV" : "som JSON"
                    #expect(link.2.contains(format), "\(path): \(link.2)")
                }
            }
        }
        #expect(links > 300)
    }

    /// The data package lists every table download under a name of its own, each CSV's schema has
    /// one field per column of its header, and every resource path is a built file.
    @Test func dataPackageDescribesEveryDownload() throws {
        let text = try #require(Self.built["datapackage.json"])
        let package = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let resources = try #require(package["resources"] as? [[String: Any]])
        let paths = Set(resources.compactMap { $0["path"] as? String })
        #expect(paths.count == resources.count)
        // Every resource has a name of its own, in the characters Frictionless allows.
        let names = resources.compactMap { $0["name"] as? String }
        #expect(names.count == resources.count && Set(names).count == names.count)
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789._-")
        #expect(names.allSatisfy { !$0.isEmpty && $0.allSatisfy(allowed.contains) }, "\(names.filter { !$0.allSatisfy(allowed.contains) }.prefix(3))")
        let downloads = Set(Self.built.keys.filter { $0.hasSuffix(".csv") || ($0.hasSuffix(".json") && $0 != "datapackage.json" && $0 != "data/schema.json") })
        #expect(downloads.subtracting(paths).isEmpty, "not described: \(downloads.subtracting(paths).sorted().prefix(5))")
        #expect(paths.subtracting(downloads).isEmpty, "described, not built: \(paths.subtracting(downloads).sorted().prefix(5))")
        for resource in resources where resource["format"] as? String == "csv" {
            let path = resource["path"] as! String
            let fields = ((resource["schema"] as? [String: Any])?["fields"] as? [[String: Any]]) ?? []
            let file = Self.built[path]!
            let separator: Character = path.hasSuffix("-kalkylblad.csv") ? ";" : ","
            let header = file.components(separatedBy: "\r\n")[0]
            // Labels holding the separator are quoted; count fields outside quotes.
            var count = 1, quoted = false
            for c in header { if c == "\"" { quoted.toggle() } else if c == separator && !quoted { count += 1 } }
            #expect(fields.count == count, "\(path): \(fields.count) fields, \(count) columns")
        }
    }

    /// No page shows a table with a header only, and none offers one for download; the 2019
    /// region-year pages say why instead.
    @Test func noEmptyTables() throws {
        for (path, html) in Self.pages {
            #expect(html.firstMatch(of: /<tbody>\s*<\/tbody>/) == nil, "\(path) has an empty table")
        }
        let html = try #require(Self.built["regioner/jamtland-harjedalen/2019/index.html"])
        #expect(html.contains("<p class=\"no-table\">Inget belopp till Region Jämtland Härjedalen eller länets kommuner ur God och nära vård 2019 kan räknas fram ur källan"))
        #expect(!html.contains("Ladda ner"))
        #expect(Self.built.keys.filter { $0.hasPrefix("regioner/") && $0.contains("/2019/") && $0.hasSuffix(".csv") }.isEmpty)
        // A region-year page with amounts still has its table and downloads.
        #expect(Self.built["regioner/jamtland-harjedalen/2024/medel-2024-god-och-nara-vard-kalkylblad.csv"] != nil)
    }
}

/// Issue 9 item 3: amounts at a glance, exact beside them.
@Suite struct AmountAtAGlanceTests {
    @Test(arguments: [
        (999_999, "999\u{00A0}999\u{00A0}kr"), (1_000_000, "1,0\u{00A0}mnkr"), (42_466_328, "42,5\u{00A0}mnkr"),
        (42_450_000, "42,5\u{00A0}mnkr"), (42_449_999, "42,4\u{00A0}mnkr"), (-42_450_000, "−42,5\u{00A0}mnkr"),
        (999_949_999, "999,9\u{00A0}mnkr"), (999_950_000, "1,00\u{00A0}mdkr"), (3_430_250_000, "3,43\u{00A0}mdkr"),
        (3_435_000_000, "3,44\u{00A0}mdkr"), (1_234_567_890_123, "1\u{00A0}234,57\u{00A0}mdkr"), (Int.max, "9\u{00A0}223\u{00A0}372\u{00A0}036,85\u{00A0}mdkr"),
    ])
    func compactKronor(amount: Int, text: String) {
        #expect(SwedishFormat.compactKronor(amount) == text)
    }

    /// The headline of the home page and the 2024 agreement, and the region-year summary box,
    /// read on the built pages: rounded text, exact kronor in `<data value>` equal to the
    /// table's total, and the rule stated on /om/.
    @Test func headlinesShowRoundedAmountsWithTheExactValue() throws {
        let built = ReaderTests.built
        let agreement = try #require(built["overenskommelser/2024-god-och-nara-vard/index.html"])
        let potter = try #require(built["overenskommelser/2024-god-och-nara-vard/potter.csv"])
        // The first pot row of the pot table is the whole agreement; its amount is the headline.
        let root = potter.components(separatedBy: "\r\n")[1].split(separator: ",")
        let exact = try #require(root.compactMap { Int($0) }.first)
        let headline = try #require(agreement.firstMatch(of: /<p class="big"><data value="([0-9]+)" title="exakt ([^"]+)">([^<]+)<\/data> totalt/))
        #expect(Int(headline.1) == exact)
        #expect(String(headline.2) == SwedishFormat.kronor(exact))
        #expect(headline.3.hasSuffix("mdkr"))
        let home = try #require(built["index.html"])
        #expect(home.contains("<data value=\"\(exact)\""))
        let year = try #require(built["regioner/jamtland-harjedalen/2024/index.html"])
        #expect(year.firstMatch(of: /<dt>Till regionen<\/dt><dd><data value="[0-9]+" title="exakt [^"]+">[0-9]+,[0-9]\u{00A0}mnkr<\/data><\/dd>/) != nil)
        #expect(try #require(built["om/index.html"]).contains("en femma avrundas uppåt"))
    }
}

/// Issue 9 item 7: a proper `<title>` on every page.
@Suite struct PageTitleTests {
    @Test func everyPageHasItsOwnTitle() throws {
        var seen: [String: String] = [:]
        for (path, html) in ReaderTests.pages {
            let title = try #require(html.firstMatch(of: /<title>([^<]*)<\/title>/), "\(path)").1
            #expect(title.hasSuffix(" – Anslag"), "\(path): \(title)")
            #expect(title != "Anslag – Anslag", "\(path)")
            // A page's title names it: no two pages share one (the checklist pages aside, which name their agreement).
            if let other = seen[String(title)] { Issue.record("\(path) and \(other) share the title \(title)") }
            seen[String(title)] = path
        }
        #expect(ReaderTests.built["regioner/jamtland-harjedalen/2024/index.html"]?.contains("<title>Region Jämtland Härjedalen 2024 – Anslag</title>") == true)
        #expect(ReaderTests.built["index.html"]?.contains("<title>Statens överenskommelser med SKR om hälso- och sjukvård – Anslag</title>") == true)
    }
}

/// Issue 9 item 2: charts that scale with their container and state their scale.
@Suite struct ResponsiveChartTests {
    @Test func chartsScaleWithTheirContainerAndNameEveryBar() throws {
        let html = try #require(ReaderTests.built["overenskommelser/2024-god-och-nara-vard/index.html"])
        let figure = try #require(html.firstMatch(of: /<figure class="chart" id="diagram-per-invanare">[\s\S]*?<\/figure>/)).0
        let svg = try #require(figure.firstMatch(of: /<svg [^>]*>/)).0
        #expect(svg.contains("viewBox=\""))
        #expect(svg.firstMatch(of: /\swidth="/) == nil, "fixed width: \(svg)")
        #expect(figure.matches(of: /class="bar-label"/).count == 21)
        #expect(figure.contains("class=\"axis\""))
        #expect(figure.contains("Skala: staplarna börjar vid 0"))
        // Every bar label fits the viewBox width: a value text starts at most 206 units in.
        let box = try #require(svg.firstMatch(of: /viewBox="-?[0-9]+ 0 ([0-9]+) ([0-9]+)"/))
        for x in figure.matches(of: /<text x="([0-9]+)" y="[0-9]+" class="bar-value">/) {
            #expect(Int(x.1)! + 120 <= Int(box.1)!, "value text at \(x.1) in \(box.1)")
        }
        // The region page's series uses rounded amounts, which the table beside it gives exactly.
        let region = try #require(ReaderTests.built["regioner/jamtland-harjedalen/index.html"])
        #expect(region.firstMatch(of: /class="bar-value">[0-9]+,[0-9]\u{00A0}mnkr<\/text>/) != nil)
    }
}

/// Issue 9 item 7: a citation under each table and a visible permalink on each row.
@Suite struct CitationTests {
    @Test func everyTableHasACitationAndEveryRowHeadingItsPermalink() throws {
        var tables = 0
        for (path, html) in ReaderTests.pages {
            let canonical = try #require(html.firstMatch(of: /<link rel="canonical" href="([^"]+)">/), "\(path)").1
            for block in html.components(separatedBy: "<div class=\"table-block\" id=\"").dropFirst() {
                tables += 1
                let id = block.prefix { $0 != "\"" }
                let caption = try #require(block.firstMatch(of: /<caption id="[^"]*">([^<]*)<\/caption>/)).1
                #expect(block.contains("<p class=\"cite\">Citera: Anslag, ”\(caption)”, \(canonical)#\(id), uppgifterna avser "), "\(path)#\(id)")
                let body = block.components(separatedBy: "</table>")[0]
                for row in body.matches(of: /<tr id="([^"]+)">\s*<th scope="row"[^>]*>[\s\S]*?<\/th>/) {
                    #expect(row.0.contains("<a class=\"permalink\" href=\"#\(row.1)\">"), "\(path): row \(row.1)")
                }
            }
        }
        #expect(tables > 200)
    }

    /// Issue 9 item 7: a source line under every table that names the document (or, for a table
    /// over several agreements, each agreement) and links to where the site describes that source.
    @Test func everyTableNamesItsSourceAndLinksToItsDescription() throws {
        let agreements = ContentLoader.load(root: bundledContent).content.map(\.agreements) ?? []
        #expect(agreements.count == 4)
        var tables = 0
        for (path, html) in ReaderTests.pages {
            for block in html.components(separatedBy: "<div class=\"table-block\" id=\"").dropFirst() {
                tables += 1
                let id = block.prefix { $0 != "\"" }
                let line = try #require(block.firstMatch(of: /<p class="table-source">([^<]*) <a href="([^"]+)">([^<]+)<\/a><\/p>/), "\(path)#\(id)")
                // The link resolves to a built page that carries the anchor.
                let target = URL(fileURLWithPath: "/" + path).deletingLastPathComponent().appendingPathComponent(String(line.2)).standardized
                let (file, anchor) = (String(target.path.dropFirst()).components(separatedBy: "#")[0], String(line.2).components(separatedBy: "#").last!)
                let page = try #require(ReaderTests.built[file.hasSuffix("/") || file.isEmpty ? file + "index.html" : file + "/index.html"] ?? ReaderTests.built[file], "\(path)#\(id): \(line.2)")
                #expect(page.contains("id=\"\(anchor)\""), "\(path)#\(id): no #\(anchor)")
                if line.3 == "Om källan" {
                    // One agreement: the line names its document, and links to that agreement's page.
                    let named = agreements.filter { line.1.contains($0.source.title) }
                    #expect(named.count == 1 && line.2.contains(named[0].id + "/#kalla"), "\(path)#\(id): \(line.1)")
                } else {
                    #expect(line.1.hasPrefix("Källor: överenskommelserna ") && line.2.hasSuffix("om/#kallor"), "\(path)#\(id): \(line.1)")
                    #expect(agreements.filter { line.1.contains($0.title) }.count >= 2, "\(path)#\(id): \(line.1)")
                }
            }
        }
        #expect(tables > 200)
    }
}

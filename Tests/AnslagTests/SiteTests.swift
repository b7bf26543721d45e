import Foundation
import Testing
@testable import Anslag

@Suite struct SwedishFormatTests {
    @Test func numbersSharesAndDates() throws {
        #expect(SwedishFormat.kronor(2_455_914) == "2\u{A0}455\u{A0}914\u{A0}kr")
        #expect(SwedishFormat.kronor(500) == "500\u{A0}kr")
        #expect(SwedishFormat.signedKronor(-1_234) == "−1\u{A0}234\u{A0}kr")
        #expect(SwedishFormat.percent(try Fraction(233, 1000)) == "23,3\u{A0}%")
        #expect(SwedishFormat.percent(try Fraction(2_455_914, 10_557_682)) == "23,3\u{A0}%")
        #expect(SwedishFormat.percent(try Fraction(-1, 8), signed: true) == "−12,5\u{A0}%")
        #expect(SwedishFormat.date("2025-03-31") == "31 mars 2025")
        #expect(SwedishFormat.date("2024-12-01") == "1 december 2024")
        #expect(SwedishFormat.perInhabitant(try Fraction(42_466_328, 132_466)) == "320,6\u{A0}kr")
    }

    @Test func relativeURLs() {
        #expect(SiteURL.relative(from: "/", to: "/regioner/") == "regioner/")
        #expect(SiteURL.relative(from: "/regioner/x/2024/", to: "/overenskommelser/a/") == "../../../overenskommelser/a/")
        #expect(SiteURL.relative(from: "/regioner/", to: "/") == "../")
        // The byte version gives what the string version gives, on generated paths.
        func reference(_ from: String, _ to: String) -> String {
            let depth = from.split(separator: "/").count - (from.hasSuffix("/") ? 0 : 1)
            let result = String(repeating: "../", count: max(0, depth)) + String(to.dropFirst())
            return result.isEmpty ? "./" : result
        }
        let parts = ["/", "/", "a", "bb", "2024", "x.csv", "#k", ""]
        var generated = Generated(seed: 5)
        for _ in 0..<5000 {
            let from = generated.text(from: parts, fewerThan: 7)
            let to = generated.text(from: parts, fewerThan: 7)
            #expect(SiteURL.relative(from: from, to: to) == reference(from, to), "\(from) -> \(to)")
        }
        #expect(SiteURL.file(for: "/regioner/x/") == "regioner/x/index.html")
    }
}

/// Builds the small three-region site and compares pages with committed HTML.
@Suite struct SiteGoldenTests {
    static func fixture() -> ContentFolder {
        let folder = SmallWorld.folder(pots: """
          - {id: totalt, title: Totalt, amount: 3500, recipient: mixed, section: "1"}
          - {id: regionerna, parent: totalt, title: Till regionerna, area: nara-vard, amount: 1001, recipient: regions, key: {type: proportional, input: befolkning}}
          - {id: kommunerna, parent: totalt, title: Till kommunerna, area: nara-vard, amount: 1000, recipient: municipalities, key: {type: blend, parts: [{weight: 1/2, key: {type: proportional, input: insatser}}, {weight: 1/2, key: {type: proportional, input: befolkning}}]}}
          - {id: samverkan, parent: totalt, title: Till samverkansregionerna, amount: 1000, recipient: samverkansregioner, key: {type: equal}}
          - {id: skr, parent: totalt, title: Till SKR, amount: 499, recipient: skr}
        """, published: """
        published:
          - id: tabell
            title: Tabell 1. Medel till regionerna
            file: published/tabell.csv
            rows: regions
            name_column: Region
            total_row: Totalt
            columns:
              - {column: Befolkning, input: befolkning}
              - {column: Kronor, pots: [regionerna]}
        deadlines:
          - {id: rekvisition, date: 2030-12-01, what: Rekvisition av medlen., by: [regions], to: Kammarkollegiet, section: "2"}
        conditions:
          - {id: krav, section: "2", pots: [regionerna], applies_to: [regions], summary: Regionerna ska redovisa sitt arbete.}
        """)
        folder.write("areas.yaml", "areas:\n  - {id: nara-vard, name: Nära vård}\n")
        folder.write("agreements/2030-test/published/tabell.csv", "Region,Befolkning,Kronor\nAlfa,100,100\nBeta,200,200\nGamma,700,701\nTotalt,1000,1001\n")
        folder.write("regions/alfa/kommentar.md", "---\ntitle: Om Alfa\nregion: alfa\nagreement: 2030-test\n---\nAlfa **växer**.\n\n<script>alert(1)</script>\n")
        return folder
    }

    static func build() throws -> [String: String] {
        var site = fixture().check()
        #expect(site.diagnostics.errors.isEmpty, "\(site.diagnostics.errors)")
        let files = Pipeline.render(&site, templates: URL(fileURLWithPath: templatesPath), displayPath: "Templates")
        #expect(site.diagnostics.errors.isEmpty, "\(site.diagnostics.errors)")
        return Dictionary(files.map { ($0.path, String(decoding: $0.contents, as: UTF8.self)) }, uniquingKeysWith: { a, _ in a })
    }

    @Test(arguments: ["index.html", "overenskommelser/2030-test/index.html", "regioner/alfa/2030/index.html"])
    func pageMatchesGolden(path: String) throws {
        let files = try Self.build()
        let html = try #require(files[path])
        assertGolden(html, "site/" + path.replacingOccurrences(of: "/", with: "_"))
    }

    @Test func everyPageAndDownloadIsThere() throws {
        let files = try Self.build()
        for path in ["index.html", "404.html", "om/index.html", "tillganglighet/index.html", "jamfor/index.html",
                     "overenskommelser/index.html", "regioner/index.html", "regioner/beta/index.html", "regioner/gamma/2030/index.html",
                     "overenskommelser/2030-test/regionerna.csv", "overenskommelser/2030-test/regionerna.json",
                     "data/anslag.json", "data/schema.json", "sitemap.xml", "feed.xml", "robots.txt", "assets/style.css"] {
            #expect(files[path] != nil, "\(path)")
        }
        let csv = try #require(files["overenskommelser/2030-test/regionerna.csv"])
        #expect(csv.contains("region-gamma,Region Gamma,701"))
        #expect(!(files["regioner/alfa/index.html"] ?? "").contains("<script>"))
        #expect(files["sitemap.xml"]!.contains("<loc>https://test.example/regioner/alfa/2030/</loc>"))
        #expect(!files["sitemap.xml"]!.contains("404"))
    }

    @Test func unknownTemplateKeyIsAnErrorWithPosition() throws {
        let templates = ContentFolder()
        let source = URL(fileURLWithPath: templatesPath)
        for path in try FileManager.default.subpathsOfDirectory(atPath: source.path) where path.hasSuffix(".mustache") || path.hasSuffix(".yaml") {
            templates.write(path, try String(contentsOf: source.appendingPathComponent(path), encoding: .utf8))
        }
        let marked = Marked("{{<layout}}\n{{$main}}\n<h1>{{meta.title}}</h1>\n<p>{{⟦⟧latestTotl}}</p>\n{{/main}}\n{{/layout}}\n")
        templates.write("home.mustache", marked.text)
        var site = Self.fixture().check()
        _ = Pipeline.render(&site, templates: templates.root, displayPath: "Templates")
        let errors = site.diagnostics.errors
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.first?.id == .unknownTemplateKey)
        // The marker stands inside the tag; the position is the tag's opening braces.
        #expect(errors.first?.location == Anslag.SourceLocation(file: "Templates/home.mustache", line: marked.line, column: marked.column - 2))
        #expect(errors.first?.notes.contains("did you mean 'latestTotal'?") == true)
    }

    @Test func templateSyntaxErrorHasItsPosition() throws {
        let templates = ContentFolder()
        templates.write("home.mustache", "<p>\n{{#meta}}\n</p>\n")
        var site = Self.fixture().check()
        _ = Pipeline.render(&site, templates: templates.root, displayPath: "Templates")
        let error = try #require(site.diagnostics.errors.first)
        #expect(error.id == .templateSyntax)
        #expect(error.location.file == "Templates/home.mustache")
        #expect(error.location.line >= 2)
    }
}

/// The figures the site issue names, on the real Jämtland Härjedalen 2024 page.
@Suite struct RealSiteTests {
    @Test func jamtlandHarjedalen2024Page() throws {
        var site = Pipeline.check(contentRoot: bundledContent)
        let files = Pipeline.render(&site, templates: URL(fileURLWithPath: templatesPath), displayPath: "Templates")
        #expect(site.diagnostics.errors.isEmpty, "\(site.diagnostics.errors)")
        let page = try #require(files.first { $0.path == "regioner/jamtland-harjedalen/2024/index.html" })
        let html = String(decoding: page.contents, as: UTF8.self)
        let allocation = try #require(site.allocations.first { $0.agreement.id == "2024-god-och-nara-vard" })
        let region = Recipient.region("jamtland-harjedalen")
        // Each figure is the computation's, formatted in Swedish, and equal to the published cell.
        for amount in [allocation.total(for: region, includingViaSKR: false), allocation.amount(of: "ambulans-regionerna", to: region)!,
                       allocation.amount(of: "primarvard-landsbygd", to: region)!,
                       allocation.amount(of: "nara-vard-kommunerna", to: .county("jamtland-harjedalen"))!] {
            #expect(html.contains(SwedishFormat.kronor(amount)), "\(amount)")
        }
        #expect(html.contains(SwedishFormat.kronor(42_466_328)))
        #expect(html.contains("varav primärvård i landsbygd"))
        #expect(html.contains("Bilaga 3. Medel till regionerna"))
        #expect(html.contains("RS/802/2023"))
    }
}

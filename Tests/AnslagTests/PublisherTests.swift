import Foundation
import Testing
@testable import Anslag

/// Issue 9 item 7: who stands behind the site (publisher, contact, a real address) and when
/// each page's data last changed, read from the built pages.
@Suite struct PublisherTests {
    /// Renders a copy of the bundled content in memory after `edit` changed it.
    static func render(_ edit: (ProjectCopy) throws -> Void = { _ in }) throws -> (site: CheckedSite, files: [String: String]) {
        let project = try ProjectCopy()
        try edit(project)
        var site = Pipeline.check(contentRoot: project.content)
        let files = Pipeline.render(&site, templates: project.templates, displayPath: "Templates")
        #expect(site.diagnostics.errors.isEmpty, "\(site.diagnostics.errors)")
        return (site, Dictionary(files.map { ($0.path, String(decoding: $0.contents, as: UTF8.self)) }, uniquingKeysWith: { a, _ in a }))
    }

    static func replace(_ project: ProjectCopy, _ file: String, _ old: String, _ new: String) throws {
        let url = project.content.appendingPathComponent(file)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains(old), "\(file) has no '\(old)'")
        try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
    }

    @Test func theBundledSiteSaysItNamesNoPublisherAndItsBuildWarnsAboutTheExampleAddress() throws {
        let (site, files) = try Self.render()
        let config = try #require(site.content?.config)
        #expect(config.publishingWarnings().map(\.id) == [.placeholderBaseUrl, .missingPublisher])
        // The warnings belong to a build for publishing: checking (and serve) leaves them out.
        #expect(!site.diagnostics.all.contains { $0.id == .placeholderBaseUrl || $0.id == .missingPublisher })
        let pages = files.filter { $0.key.hasSuffix(".html") }
        #expect(pages.count > 200)
        for (path, html) in pages {
            #expect(html.contains("<p>Webbplatsen anger ingen utgivare.</p>"), "\(path)")
        }
        let statement = try #require(files["tillganglighet/index.html"])
        #expect(statement.contains("Webbplatsen anger ingen kontaktadress dit du kan rapportera brister."))
        #expect(!statement.contains("Kontakta utgivaren"))
    }

    @Test func buildWarnsAndStrictFailsButTheSiteIsStillBuilt() throws {
        let project = try ProjectCopy()
        let output = project.root.appendingPathComponent("Output")
        let arguments = ["build", "--content", project.content.path, "--templates", project.templates.path, "--output", output.path]
        let result = runCommand(arguments)
        #expect(result.status == 0)
        #expect(result.standardError.contains("site.yaml:4:11: warning: base_url 'https://anslag.example.se' is an example address"), "\(result.standardError)")
        #expect(result.standardError.contains("warning: site.yaml names no publisher and contact"))
        #expect(runCommand(arguments + ["--strict"]).status != 0)
    }

    @Test func aPublisherAndContactAreNamedInEveryFooterAndTheAccessibilityStatement() throws {
        let (site, files) = try Self.render { project in
            try Self.replace(project, "site.yaml", "base_url: https://anslag.example.se",
                             "base_url: https://anslag.skr.se\npublisher: Sveriges Kommuner och Regioner\ncontact: anslag@skr.se")
        }
        #expect(try #require(site.content?.config).publishingWarnings().isEmpty)
        for (path, html) in files where path.hasSuffix(".html") {
            #expect(html.contains("<p>Utgivare: Sveriges Kommuner och Regioner. Kontakt: <a href=\"mailto:anslag@skr.se\">anslag@skr.se</a>.</p>"), "\(path)")
            #expect(!html.contains("anslag.example.se"), "\(path)")
        }
        let statement = try #require(files["tillganglighet/index.html"])
        #expect(statement.contains("Kontakta Sveriges Kommuner och Regioner på <a href=\"mailto:anslag@skr.se\">anslag@skr.se</a>"))
    }

    @Test func eachPageNamesTheDayItsDataLastChangedAndTheSitemapAgrees() throws {
        // 2022 changed later than the others: pages over all agreements take the latest day.
        let (_, files) = try Self.render { project in
            try Self.replace(project, "agreements/2022-god-och-nara-vard/agreement.yaml", "updated: 2026-11-25", "updated: 2026-12-01")
            try Self.replace(project, "agreements/2024-god-och-nara-vard/agreement.yaml", "updated: 2026-11-25", "updated: 2026-10-02")
        }
        func changed(_ path: String) throws -> String? {
            let html = try #require(files[path])
            return html.firstMatch(of: /Senast ändrad <time datetime="([0-9-]+)">([^<]+)<\/time>\./).map { "\($0.1) \($0.2)" }
        }
        #expect(try changed("overenskommelser/2024-god-och-nara-vard/index.html") == "2026-10-02 2 oktober 2026")
        #expect(try changed("overenskommelser/2024-god-och-nara-vard/krav/index.html") == "2026-10-02 2 oktober 2026")
        #expect(try changed("regioner/jamtland-harjedalen/2024/index.html") == "2026-10-02 2 oktober 2026")
        #expect(try changed("overenskommelser/2022-god-och-nara-vard/index.html") == "2026-12-01 1 december 2026")
        #expect(try changed("index.html") == "2026-12-01 1 december 2026")
        #expect(try changed("jamfor/index.html") == "2026-12-01 1 december 2026")
        // Pages without the agreements' data name no such day.
        #expect(try changed("om/index.html") == nil)
        let sitemap = try #require(files["sitemap.xml"])
        #expect(sitemap.contains("<loc>https://anslag.example.se/overenskommelser/2024-god-och-nara-vard/</loc><lastmod>2026-10-02</lastmod>"))
        #expect(sitemap.contains("<loc>https://anslag.example.se/</loc><lastmod>2026-12-01</lastmod>"))
        #expect(sitemap.contains("<loc>https://anslag.example.se/om/</loc></url>"))
    }

    @Test func anAgreementWithoutADateMakesThePagesOverItNameNone() throws {
        let (_, files) = try Self.render { project in
            try Self.replace(project, "agreements/2023-sammanhallen-jamlik-och-saker-vard/agreement.yaml", "updated: 2026-11-25\n", "")
        }
        #expect(try #require(files["overenskommelser/2023-sammanhallen-jamlik-och-saker-vard/index.html"]).contains("Senast ändrad") == false)
        #expect(try #require(files["index.html"]).contains("Senast ändrad") == false)
        #expect(try #require(files["overenskommelser/2024-god-och-nara-vard/index.html"]).contains("Senast ändrad <time datetime=\"2026-11-25\">"))
    }
}

import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Anslag

/// Escaping per output format: each format's rules, and the built files read back by a parser.
@Suite struct EscapingTests {
    @Test func iCalendarTextEscapesTheFiveCharactersAndDropsControls() {
        #expect(ICalendarText.escape("a\\b;c,d\r\ne\rf\ng\u{7}h\ti") == "a\\\\b\\;c\\,d\\ne\\nf\\ngh\ti")
    }

    @Test func iCalendarLinesAreFoldedAt75OctetsWithoutSplittingCharacters() {
        let line = "SUMMARY:" + String(repeating: "åäö € ", count: 40)
        let folded = ICalendarText.fold(line)
        let lines = folded.components(separatedBy: "\r\n")
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { $0.utf8.count <= 75 })
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        #expect(lines.first! + lines.dropFirst().map { String($0.dropFirst()) }.joined() == line)
    }

    @Test func xmlEscapesMarkupAndRemovesWhatXMLCannotCarry() {
        #expect(XMLText.escape("a&b<c>d\"e'f\u{1}g\u{FFFE}h\tj") == "a&amp;b&lt;c&gt;d&quot;e&apos;fgh\tj")
    }

    @Test(arguments: [
        ("=1+1", "'=1+1"), ("+46 8", "'+46 8"), ("-x", "'-x"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
        ("\r=1", "\"'\r=1\""), ("-5", "-5"), ("-0.25", "-0.25"), ("12.50", "12.50"), ("1.2.3", "1.2.3"), ("-", "'-"),
        ("a,b", "\"a,b\""), ("sa \"x\"", "\"sa \"\"x\"\"\""), ("rad\nny", "\"rad\nny\""), ("a;b", "\"a;b\""), ("Region Skåne", "Region Skåne"),
    ])
    func csvCellsAreQuotedAndNeutralised(input: String, expected: String) {
        #expect(CSVText.cell(input) == expected)
    }

    @Test func jsonStringsEscapeControlsAndReadBack() throws {
        let text = "a\"b\\c\nd\u{1}e\u{2028}f/å"
        let literal = JSONText.string(text)
        #expect(!literal.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x2028 })
        let decoded = try JSONSerialization.jsonObject(with: Data("[\(literal)]".utf8)) as? [String]
        #expect(decoded == [text])
    }

    @Test func aDataTableWritesNeutralisedCSVAndValidJSON() throws {
        let table = DataTable(id: "t", caption: "Tabell \"x\"", columns: [("=Kolumn", false), ("Belopp", true)],
                              rows: [DataTable.Row(id: "@rad", cells: [.text("=HYPERLINK(\"x\")"), .signedKronor(-5)])],
                              source: TableSource(text: "Källa: test.", href: "#", linkText: "Om källan"))
        #expect(table.csv() == "rad,'=Kolumn,Belopp\r\n'@rad,\"'=HYPERLINK(\"\"x\"\")\",-5\r\n")
        let json = try JSONSerialization.jsonObject(with: Data(table.json().utf8)) as? [String: Any]
        #expect(json?["caption"] as? String == "Tabell \"x\"")
        #expect((json?["rows"] as? [[String: String]])?.first?["Belopp"] == "-5")
    }

    /// Markup in the content reaches the feed, sitemap and calendar; a parser must still read them.
    @Test func builtFeedSitemapAndCalendarStayWellFormed() throws {
        let folder = SmallWorld.folder(pots: "  - {id: p, title: P, amount: 10, recipient: skr}")
        let yaml = SmallWorld.agreement(pots: "  - {id: p, title: P, amount: 10, recipient: skr}")
            .replacingOccurrences(of: "title: Test 2030", with: "title: \"Test & <b>2030</b> \\\"x\\\" 'y'; a, b\\\\c\"")
            + "deadlines:\n  - {id: d, date: 2030-03-01, what: \"Rapport; del 1, <snart> \\\\ klar.\", by: [regions]}\n"
        folder.write("agreements/2030-test/agreement.yaml", yaml)
        var site = folder.check()
        #expect(site.diagnostics.errors.isEmpty, "\(site.diagnostics.errors)")
        let files = Pipeline.render(&site, templates: URL(fileURLWithPath: templatesPath), displayPath: "Templates")
        for name in ["feed.xml", "sitemap.xml"] {
            let file = try #require(files.first { $0.path == name })
            let parser = XMLParser(data: Data(file.contents))
            #expect(parser.parse(), "\(name): \(String(describing: parser.parserError))")
        }
        let feed = String(decoding: try #require(files.first { $0.path == "feed.xml" }).contents, as: UTF8.self)
        #expect(feed.contains("Test &amp; &lt;b&gt;2030&lt;/b&gt; &quot;x&quot; &apos;y&apos;"))
        let ics = String(decoding: try #require(files.first { $0.path.hasSuffix(".ics") }).contents, as: UTF8.self)
        #expect(ics.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 75 })
        let unfolded = ics.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("SUMMARY:Test & <b>2030</b> \"x\" 'y'\\; a\\, b\\\\c: Rapport\\; del 1\\, <snart> \\\\ klar."))
        #expect(!unfolded.replacingOccurrences(of: "\r\n", with: "").contains("\r") && !unfolded.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }
}

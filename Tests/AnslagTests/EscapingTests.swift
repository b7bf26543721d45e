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

/// The byte-level escapers against the scalar-by-scalar versions they replaced (kept here as the
/// reference), over strings made of the characters each format treats specially, so that the
/// built downloads stay byte for byte what they were.
@Suite struct EscapingReferenceTests {
    /// Characters that matter to some format: markup, quotes, separators, controls, a decimal point,
    /// digits and signs, multi-byte letters, U+2028/U+2029, U+FFFE/U+FFFF, a combining accent.
    static let alphabet: [String] = ["a", "Å", "€", "0", "7", ".", "-", "+", "=", "@", ",", ";", "\"", "'", "\\", "&", "<", ">",
                                     "\n", "\r", "\t", "\u{1}", "\u{1F}", "\u{7F}", "\u{2028}", "\u{2029}", "\u{FFFE}", "\u{FFFF}",
                                     "\u{301}", "😀", " "]

    /// Strings of 0 to 8 characters from the alphabet, the same on every run.
    static func samples() -> [String] {
        var generated = Generated(seed: 0x9E37_79B9_7F4A_7C15)
        var out = alphabet + ["", "-5", "-0.25", "12.50", "1.2.3", "-", "5.", ".5", "--5", "0x1F"]
        for _ in 0..<4000 { out.append(generated.text(from: alphabet, fewerThan: 9)) }
        return out
    }

    static func referenceJSON(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    static func referenceXML(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: break
            default: continue
            }
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func referenceIsPlainNumber(_ text: String) -> Bool {
        var digits = Substring(text)
        if digits.hasPrefix("-") { digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count) else { return false }
        return parts.allSatisfy { !$0.isEmpty && $0.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } }
    }

    static func referenceCell(_ text: String) -> String {
        var value = text
        if !referenceIsPlainNumber(text), let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
            value = "'" + text
        }
        let needsQuotes = value.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == ";" }
        // The replaced version doubled quotes with Foundation's `replacingOccurrences`, which
        // compares by canonical equivalence and so left a quote followed by a combining mark
        // (`"\u{301}`) single: broken CSV. The byte-level writer doubles every quote; so does this.
        var quotedValue = ""
        for scalar in value.unicodeScalars {
            if scalar == "\"" { quotedValue += "\"" }
            quotedValue.unicodeScalars.append(scalar)
        }
        return needsQuotes ? "\"" + quotedValue + "\"" : value
    }

    @Test func aQuoteFollowedByACombiningMarkIsDoubledToo() {
        // On Linux, `accented.replacingOccurrences(of: "\"", with: "\"\"")` (what the writer used
        // before) returns `accented` unchanged.
        let accented = "\"" + "\u{301}"
        let cell = Array(CSVText.cell("a" + accented + "b").utf8)
        let expected = Array(("\"a\"" + accented + "b\"").utf8)
        #expect(cell == expected)
    }

    static func referenceSpreadsheetRow(_ cells: [String]) -> String {
        cells.map { referenceIsPlainNumber($0) ? $0.replacingOccurrences(of: ".", with: ",") : referenceCell($0) }.joined(separator: ";") + "\r\n"
    }

    @Test func byteLevelEscapingWritesWhatTheScalarVersionsWrote() {
        let samples = Self.samples()
        for text in samples {
            #expect(Array(JSONText.string(text).utf8) == Array(Self.referenceJSON(text).utf8), "\(text.debugDescription)")
            #expect(Array(XMLText.escape(text).utf8) == Array(Self.referenceXML(text).utf8), "\(text.debugDescription)")
            #expect(CSVText.isPlainNumber(text) == Self.referenceIsPlainNumber(text), "\(text.debugDescription)")
            #expect(Array(CSVText.cell(text).utf8) == Array(Self.referenceCell(text).utf8), "\(text.debugDescription)")
        }
        for index in stride(from: 0, to: samples.count - 3, by: 3) {
            let cells = Array(samples[index..<index + 3])
            #expect(Array(CSVText.spreadsheetRow(cells).utf8) == Array(Self.referenceSpreadsheetRow(cells).utf8), "\(cells)")
            #expect(CSVText.row(cells) == cells.map(Self.referenceCell).joined(separator: ",") + "\r\n")
        }
    }

    /// The sixteen-bytes-at-a-time search finds the same first member as a byte-by-byte one, at
    /// every offset and length (under 8, 8 to 15, blocks of 16 and a tail; members at the start,
    /// middle and end, controls, bytes above 0x7F).
    @Test func byteSetFindsTheFirstMemberWhereAByteLoopDoes() {
        // Each set against its definition written out here (not `ByteSet.contains`, which the
        // escapers do not use): the members of each format, and nothing else.
        let sets: [(ByteSet, (UInt8) -> Bool)] = [
            (.html, { "<>&\"'".utf8.contains($0) }),
            (.csvQuoted, { ",\"\n\r;".utf8.contains($0) }),
            (.doubleQuote, { $0 == UInt8(ascii: "\"") }),
            (.json, { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0xE2 }),
        ]
        let pool: [UInt8] = [0x00, 0x09, 0x0A, 0x0D, 0x1F, 0x2C, 0x3B, 0x20, 0x21, 0x22, 0x26, 0x27, 0x3C, 0x3E, 0x41, 0x5C, 0x7F, 0x80, 0xA2, 0xC3, 0xE2, 0xFF]
        var state: UInt64 = 12_345
        for _ in 0..<3000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let length = Int(state >> 58)
            let bytes: [UInt8] = (0..<length).map { i in
                // Mostly plain letters, so that members fall at every position of a word.
                let r = Int((state >> UInt64(i % 50)) & 0xFF) &+ i &* 7
                return r % 5 == 0 ? pool[(r / 5) % pool.count] : UInt8(ascii: "a")
            }
            for (set, member) in sets {
                bytes.withUnsafeBufferPointer { buffer in
                    for start in 0...length {
                        let expected = (start..<length).first { member(bytes[$0]) } ?? length
                        #expect(set.firstIndex(in: buffer, from: start) == expected)
                    }
                }
            }
        }
    }

    /// The two CSV downloads, made in one pass, are the rows `CSVText` writes, line by line, on
    /// generated tables: numbers (negative, with decimals), formulas, quotes, both separators,
    /// line breaks, non-ASCII text, empty cells, short rows and a footer.
    @Test func bothCSVDownloadsAreTheRowsCSVTextWrites() {
        let pieces = ["12", "-5", "3.25", "-0.5", "=1+2", "@x", "+7", "a\"b", "x,y", "p;q", "l\nm", "Örebro", "", " ", "1.", ".5", "1.2.3"]
        var generated = Generated(seed: 3)
        func next() -> Int { generated.next() }
        func text() -> String { generated.text(from: pieces, fewerThan: 3) }
        for _ in 0..<300 {
            let columns = (0..<(1 + next() % 4)).map { _ in (label: text(), numeric: next() % 2 == 0) }
            func row(_ n: Int) -> DataTable.Row {
                DataTable.Row(id: "r\(n)\(text())", cells: (0..<(next() % (columns.count + 1))).map { _ in
                    DataTable.Cell(display: "", raw: text(), numeric: false)
                })
            }
            var table = DataTable(id: "t", caption: "T", columns: columns, rows: (0..<(next() % 5)).map(row),
                                  source: TableSource(text: "", href: "", linkText: ""))
            table.footer = (0..<(next() % 2)).map(row)
            // Each file line by line with the row writers of `CSVText`.
            let lines = [["rad"] + table.columns.map(\.label)] + (table.rows + table.footer).map { [$0.id] + $0.cells.map(\.raw) }
            let csv = lines.map(CSVText.row).joined()
            let spreadsheet = CSVText.byteOrderMark + lines.map(CSVText.spreadsheetRow).joined()
            let both = table.csvAndSpreadsheetBytes()
            #expect(both.csv == Array(csv.utf8) && both.spreadsheet == Array(spreadsheet.utf8), "\(lines)")
        }
    }

    @Test func aTablesJSONKeepsTheFirstOfTwoEqualLabelsAndSkipsMissingCells() throws {
        let table = DataTable(id: "t", caption: "T", columns: [("b", true), ("a", true), ("b", true)],
                              rows: [DataTable.Row(id: "r1", cells: [.count(1), .count(2), .count(3)]),
                                     DataTable.Row(id: "r2", cells: [.count(4)])],
                              source: TableSource(text: "Källa.", href: "#", linkText: "Om källan"))
        #expect(table.json() == """
        {
          "caption" : "T",
          "columns" : [
            "rad",
            "b",
            "a",
            "b"
          ],
          "id" : "t",
          "rows" : [
            {
              "a" : "2",
              "b" : "1",
              "rad" : "r1"
            },
            {
              "b" : "4",
              "rad" : "r2"
            }
          ]
        }

        """)
    }

    /// The links' sizes and the written files come from one generation; changing the table after
    /// it was made (or a copy of it) gives new files, not the old ones.
    @Test func downloadsAreMadeOnceAndRemadeWhenTheTableChanges() {
        var table = DataTable(id: "t", caption: "T", columns: [("Belopp", true)],
                              rows: [DataTable.Row(id: "r", cells: [.kronor(5)])],
                              source: TableSource(text: "Källa.", href: "#", linkText: "Om källan"))
        let before = table.csv()
        #expect(before == "rad,Belopp\r\nr,5\r\n")
        let copy = table
        table.rows.append(DataTable.Row(id: "s", cells: [.kronor(-7)]))
        #expect(table.csv() == "rad,Belopp\r\nr,5\r\ns,-7\r\n")
        #expect(copy.csv() == before)
        table.caption = "U"
        #expect(table.json().contains("\"caption\" : \"U\""))
        let sizes = table.downloads()
        let files = table.downloadFiles()
        #expect(sizes.csvSize == SwedishFormat.fileSize(files.csv.count))
        #expect(sizes.jsonSize == SwedishFormat.fileSize(files.json.count))
        #expect(sizes.spreadsheetSize == SwedishFormat.fileSize(files.spreadsheet.count))
        #expect(files.spreadsheet.starts(with: [0xEF, 0xBB, 0xBF]))
    }
}

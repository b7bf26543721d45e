@testable import Anslag
import Testing

/// The CSV reader against the reader it replaced, which walked the text by `Character` (kept
/// here as the reference): the same records, texts and positions, or the same error at the same
/// place, on generated files with quotes, both separators, blank lines, spaces, non-ASCII letters,
/// a combining mark after a separator or quote, and a prepended mark before one.
@Suite struct CSVReaderReferenceTests {
    enum Reference {
        static func read(_ source: SourceText) throws -> [CSVRecord] {
            let firstLine = source.text.prefix { $0 != "\n" }
            let separator: Character = firstLine.contains(";") && !firstLine.contains(",") ? ";" : ","
            var records: [CSVRecord] = []
            var cells: [CSVCell] = []
            var field = ""
            var line = 1, column = 1
            var fieldStart = SourceLocation(file: source.path, line: 1, column: 1)
            var recordStart = fieldStart
            var inQuotes = false, wasQuoted = false, atFieldStart = true
            var characters = source.text.makeIterator()
            var pending: Character? = nil

            func endField() {
                cells.append(CSVCell(text: wasQuoted ? field : field.trimmingSpaces, location: fieldStart))
                field = ""
                wasQuoted = false
                atFieldStart = true
            }
            func endRecord() {
                endField()
                if !(cells.count == 1 && cells[0].text.isEmpty && !wasQuoted) {
                    records.append(CSVRecord(cells: cells, location: recordStart))
                }
                cells = []
            }

            while let c = pending ?? characters.next() {
                pending = nil
                // Where this character is; made into a `SourceLocation` only where one is kept.
                let (hereLine, hereColumn) = (line, column)
                if c == "\n" { line += 1; column = 1 } else { column += 1 }
                if atFieldStart {
                    fieldStart = SourceLocation(file: source.path, line: hereLine, column: hereColumn)
                    if cells.isEmpty { recordStart = fieldStart }
                    atFieldStart = false
                    if c == "\"" { inQuotes = true; wasQuoted = true; continue }
                }
                if inQuotes {
                    if c == "\"" {
                        let next = characters.next()
                        if next == "\"" { field.append("\""); column += 1; continue }
                        inQuotes = false
                        pending = next
                        if let next, next != separator, next != "\n" {
                            throw Diagnostic.error(.csvSyntax, at: SourceLocation(file: source.path, line: line, column: column),
                                                   "unexpected '\(next)' after a closing quote",
                                                   notes: ["expected '\(separator)' or the end of the line; write a quote inside a quoted cell as \"\""])
                        }
                        continue
                    }
                    field.append(c)
                    continue
                }
                if c == separator { endField(); continue }
                if c == "\n" { endRecord(); atFieldStart = true; continue }
                if c == "\"" {
                    throw Diagnostic.error(.csvSyntax, at: SourceLocation(file: source.path, line: hereLine, column: hereColumn), "unexpected quote inside an unquoted cell",
                                           notes: ["quote the whole cell and double the quote: \"a \"\"b\"\"\""])
                }
                field.append(c)
            }
            if inQuotes {
                throw Diagnostic.error(.csvSyntax, at: fieldStart, "quoted cell is never closed",
                                       notes: ["expected a closing quote before the end of the file"])
            }
            if !atFieldStart || !cells.isEmpty { endRecord() }
            return records
        }
    }

    static func outcome(_ read: () throws -> [CSVRecord]) -> String {
        do {
            return try read().map { record in
                "\(record.location): " + record.cells.map { "[\($0.text)]@\($0.location)" }.joined(separator: " ")
            }.joined(separator: "\n")
        } catch let diagnostic as Diagnostic {
            return "error \(diagnostic.location): \(diagnostic.message) \(diagnostic.notes)"
        } catch {
            return "other error \(error)"
        }
    }

    @Test func readsEveryGeneratedFileAsTheCharacterReaderDid() {
        let pieces = [",", ",", ";", "\"", "\"\"", "\n", "\n", " ", "\t", "a", "12", "Örebro", "Jämtland Härjedalen",
                      "e\u{301}", ",\u{301}", "\"\u{301}", "\u{600},", "\u{600}\"", "\u{A0}", "x\u{202F}", "🇸🇪", "👩‍👩‍👧", "\u{301}"]
        var generated = Generated(seed: 20_261_126)
        var differences: [String] = []
        for _ in 0..<20000 {
            let text = generated.text(from: pieces, fewerThan: 24)
            let source = SourceText(path: "t.csv", text: text)
            let expected = Self.outcome { try Reference.read(source) }
            let actual = Self.outcome { try CSVReader.read(source) }
            if expected != actual { differences.append("\(text.debugDescription)\n  was: \(expected)\n  now: \(actual)") }
        }
        #expect(differences.count == 0, "\(differences.count) files read differently; first: \(differences.first ?? "")")
    }
}

/// A whole-number cell read on its bytes (digits grouped by spaces) gives what the reading by
/// Character gives, on generated cells with spaces, no-break spaces, signs, letters and long runs.
@Suite struct NumberCellFastPathTests {
    @Test func aWholeNumberIsReadAsByCharacter() {
        let pieces = ["0", "1", "7", "9", "12", "455", " ", " ", "\u{A0}", "\u{202F}", "-", "−", "a", "٣", "99999999", "+", "."]
        var generated = Generated(seed: 7)
        func outcome(_ read: () throws -> Int) -> String {
            do { return "\(try read())" } catch { return "\(error)" }
        }
        var differences: [String] = []
        for _ in 0..<20000 {
            let text = generated.text(from: pieces, fewerThan: 8)
            let cell = CSVCell(text: text, location: SourceLocation(file: "t.csv", line: 1, column: 1))
            let fast = outcome { try NumberCell.wholeNumber(cell, what: "n") }
            let general = outcome { try NumberCell.wholeNumberByCharacter(cell, what: "n") }
            if fast != general { differences.append("\(text.debugDescription): \(fast) / \(general)") }
        }
        #expect(differences.count == 0, "first: \(differences.first ?? "")")
    }
}

/// The check for refused characters and long lines gives, with its quick scan first, what the walk
/// scalar by scalar gives: on generated texts with controls, C1 controls, U+FFFE, allowed
/// characters that share their first bytes (no-break space, U+FEFF), and lines around the limit.
@Suite struct CharacterCheckFastPathTests {
    @Test func theQuickScanFindsWhatTheWalkFinds() {
        let limit = InputLimits.maxLineLength
        let pieces = ["a", "ä", " ", "\t", "\n", "\u{0}", "\u{7}", "\u{1B}", "\u{7F}", "\u{85}", "\u{9F}", "\u{A0}", "§",
                      "\u{FFFE}", "\u{FFFF}", "\u{FEFF}", "\u{FFFD}", "é", String(repeating: "x", count: limit - 3),
                      String(repeating: "x", count: limit), String(repeating: "x", count: limit + 1),
                      String(repeating: "ö", count: limit / 2)]
        var generated = Generated(seed: 11)
        func outcome(_ check: () throws -> Void) -> String {
            do { try check(); return "clean" } catch { return "\(error)" }
        }
        var differences: [String] = []
        var clean = 0
        for _ in 0..<3000 {
            let text = generated.text(from: pieces, fewerThan: 10)
            let quick = outcome { try SourceText.checkCharacters(text, file: "t.txt") }
            let walk = outcome { try SourceText.checkEachCharacter(text, file: "t.txt") }
            if quick == "clean" { clean += 1 }
            if quick != walk { differences.append("\(text.prefix(40).debugDescription) (\(text.utf8.count) bytes): \(quick) / \(walk)") }
        }
        #expect(differences.count == 0, "first: \(differences.first ?? "")")
        // Both kinds of text were generated.
        #expect(clean > 100 && clean < 2900)
    }
}

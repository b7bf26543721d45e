/// A CSV cell with its position.
struct CSVCell {
    var text: String
    var location: SourceLocation
}

/// A CSV record (line) with its position.
struct CSVRecord {
    var cells: [CSVCell]
    var location: SourceLocation
}

/// An RFC 4180 reader that keeps the line and column of every cell.
///
/// Quoted cells may hold commas, quotes (doubled) and line breaks. Blank lines are skipped.
/// A semicolon-separated file (Swedish Excel) is read as such when its header has
/// semicolons and no commas.
enum CSVReader {
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

extension String {
    /// Without leading and trailing spaces, tabs and no-break spaces.
    var trimmingSpaces: String {
        let isSpace = { (c: Character) in c == " " || c == "\t" || c == "\u{00A0}" || c == "\u{202F}" }
        guard let start = firstIndex(where: { !isSpace($0) }) else { return "" }
        let end = lastIndex(where: { !isSpace($0) })!
        return String(self[start...end])
    }
}

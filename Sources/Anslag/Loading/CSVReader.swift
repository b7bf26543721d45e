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
/// semicolons and no commas. Columns count characters (`Character`s, as an editor shows them).
///
/// The file is read as UTF-8 bytes, and a separator, quote or line break is what it is as a
/// character: one followed by a combining mark (`,́`) is part of the text, as when the reader
/// walked the text by `Character`, which cost a thousand instructions per byte of input.
enum CSVReader {
    static func read(_ source: SourceText) throws -> [CSVRecord] {
        let firstLine = source.text.prefix { $0 != "\n" }
        let separator: UInt8 = firstLine.contains(";") && !firstLine.contains(",") ? UInt8(ascii: ";") : UInt8(ascii: ",")
        return try UTF8Bytes.with(source.text) { try read($0, separator: separator, file: source.path) }
    }

    private static let quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n")

    private static func read(_ bytes: UnsafeBufferPointer<UInt8>, separator: UInt8, file: String) throws -> [CSVRecord] {
        var records: [CSVRecord] = []
        var cells: [CSVCell] = []
        // A quoted cell's text, its doubled quotes made single.
        var quoted: [UInt8] = []
        var line = 1
        // Where the current line starts, and the last byte above 0x7F on it (if any): a column
        // is the byte's offset in an ASCII line, and counted by character otherwise.
        var lineStart = 0, lastNonASCII = -1
        var fieldStart = SourceLocation(file: file, line: 1, column: 1)
        var recordStart = fieldStart
        var fieldFrom = 0
        var inQuotes = false, wasQuoted = false, atFieldStart = true
        let count = bytes.count

        func column(_ offset: Int) -> Int {
            if lastNonASCII < lineStart { return offset - lineStart + 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[lineStart..<offset]), as: UTF8.self).count + 1
        }
        func location(_ offset: Int) -> SourceLocation { SourceLocation(file: file, line: line, column: column(offset)) }
        /// Whether the ASCII byte at `offset` is a character of its own: not followed by a scalar
        /// that extends it (a combining mark), nor preceded by one it extends (a prepended
        /// mark). Only a non-ASCII neighbour can do either, so only then are characters counted.
        func alone(_ offset: Int) -> Bool {
            let before = offset > 0 && bytes[offset - 1] >= 0x80
            let after = offset + 1 < count && bytes[offset + 1] >= 0x80
            guard before || after else { return true }
            // The previous scalar (from its lead byte), this byte and the next scalar.
            var start = offset
            if before {
                start -= 1
                while start > lineStart, offset - start < 4, bytes[start] & 0xC0 == 0x80 { start -= 1 }
            }
            let end = after ? min(count, offset + 5) : offset + 1
            var position = start
            for character in String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self) {
                if position == offset { return character.utf8.count == 1 }
                position += character.utf8.count
                if position > offset { return false }
            }
            return false
        }
        func endField(at end: Int) {
            let text: String
            if wasQuoted {
                text = String(decoding: quoted, as: UTF8.self)
            } else {
                text = trimmed(UnsafeBufferPointer(rebasing: bytes[fieldFrom..<end]))
            }
            cells.append(CSVCell(text: text, location: fieldStart))
            wasQuoted = false
            atFieldStart = true
        }
        func endRecord(at end: Int) {
            endField(at: end)
            if !(cells.count == 1 && cells[0].text.isEmpty) {
                records.append(CSVRecord(cells: cells, location: recordStart))
            }
            cells = []
        }

        var index = 0
        while index < count {
            let byte = bytes[index]
            if byte >= 0x80 { lastNonASCII = index }
            if atFieldStart {
                fieldStart = location(index)
                if cells.isEmpty { recordStart = fieldStart }
                atFieldStart = false
                fieldFrom = index
                if byte == quote && alone(index) {
                    inQuotes = true
                    wasQuoted = true
                    quoted.removeAll(keepingCapacity: true)
                    index += 1
                    continue
                }
            }
            if inQuotes {
                if byte == quote && alone(index) {
                    let next = index + 1
                    if next < count, bytes[next] == quote, alone(next) {
                        quoted.append(quote)
                        index += 2
                        continue
                    }
                    inQuotes = false
                    index = next
                    guard next < count else { continue }
                    let following = bytes[next]
                    if !((following == separator || following == newline) && alone(next)) {
                        if following >= 0x80 { lastNonASCII = next }
                        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[next..<count]), as: UTF8.self)
                        throw Diagnostic.error(.csvSyntax, at: location(next),
                                               "unexpected '\(text.first!)' after a closing quote",
                                               notes: ["expected '\(UnicodeScalar(separator))' or the end of the line; write a quote inside a quoted cell as \"\""])
                    }
                    continue
                }
                quoted.append(byte)
                if byte == newline {
                    line += 1
                    lineStart = index + 1
                }
                index += 1
                continue
            }
            if byte == separator && alone(index) {
                endField(at: index)
                index += 1
                continue
            }
            if byte == newline {
                endRecord(at: index)
                atFieldStart = true
                index += 1
                line += 1
                lineStart = index
                continue
            }
            if byte == quote && alone(index) {
                throw Diagnostic.error(.csvSyntax, at: location(index), "unexpected quote inside an unquoted cell",
                                       notes: ["quote the whole cell and double the quote: \"a \"\"b\"\"\""])
            }
            index += 1
        }
        if inQuotes {
            throw Diagnostic.error(.csvSyntax, at: fieldStart, "quoted cell is never closed",
                                   notes: ["expected a closing quote before the end of the file"])
        }
        if !atFieldStart || !cells.isEmpty {
            // A record cut off by the end of the file; a field not begun is empty.
            if atFieldStart { fieldFrom = count }
            endRecord(at: count)
        }
        return records
    }

    /// An unquoted cell's text without leading and trailing spaces (`trimmingSpaces`): on the
    /// bytes when they are ASCII, by character otherwise.
    private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var start = 0, end = bytes.count
        var ascii = true
        for byte in bytes where byte >= 0x80 { ascii = false; break }
        guard ascii else { return String(decoding: bytes, as: UTF8.self).trimmingSpaces }
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
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

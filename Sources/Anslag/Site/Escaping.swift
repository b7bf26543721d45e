/// Text made safe for each output format, each format in one place. HTML is escaped by the
/// template engine and `SwedishFormat.html`. Control characters are refused when content is
/// loaded; the removals here are a second line of defence, so that no format can ever carry one.

/// XML 1.0 text and attribute values (the feed, the sitemap).
enum XMLText {
    /// Escapes `&`, `<`, `>`, `"` and `'`, and removes what XML 1.0 cannot carry (outside `Char` in
    /// the specification: controls other than tab, LF and CR, and U+FFFE and U+FFFF).
    static func escape(_ text: String) -> String {
        var out = ByteWriter()
        UTF8Bytes.with(text) { bytes in
            out.reserveCapacity(bytes.count + 16)
            var start = 0, index = 0
            while index < bytes.count {
                let byte = bytes[index]
                let replacement: StaticString?
                var skip = 1
                switch byte {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "\""): replacement = "&quot;"
                case UInt8(ascii: "'"): replacement = "&apos;"
                case 0x09, 0x0A, 0x0D: index += 1; continue
                case ..<0x20: replacement = ""
                // U+FFFE and U+FFFF (EF BF BE, EF BF BF): not XML characters. A Swift string is
                // valid UTF-8, so there are no surrogates to remove.
                case 0xEF where index + 2 < bytes.count && bytes[index + 1] == 0xBF && bytes[index + 2] >= 0xBE:
                    replacement = ""; skip = 3
                default: index += 1; continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                if let replacement { UTF8Bytes.appendLiteral(replacement, to: &out) }
                index += skip
                start = index
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
        return out.string()
    }
}

/// iCalendar (RFC 5545) TEXT values and content-line folding.
enum ICalendarText {
    /// Escapes `\`, `;`, `,` and line breaks (as `\n`); removes other control characters.
    ///
    /// Works on the UTF-8 bytes: everything it changes is ASCII, and a byte below 0x80 is always a
    /// whole character.
    static func escape(_ text: String) -> String {
        var out = ByteWriter()
        UTF8Bytes.with(text) { bytes in
            out.reserveCapacity(bytes.count + 8)
            var previousWasCR = false
            for byte in bytes {
                defer { previousWasCR = byte == 0x0D }
                switch byte {
                case UInt8(ascii: "\\"), UInt8(ascii: ";"), UInt8(ascii: ","): out.append(UInt8(ascii: "\\")); out.append(byte)
                case 0x0D: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "n"))
                case 0x0A: if !previousWasCR { out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "n")) }
                case 0x09: out.append(byte)
                case ..<0x20, 0x7F: continue
                default: out.append(byte)
                }
            }
        }
        return out.string()
    }

    /// Folds a content line so that no line exceeds 75 octets, never inside a UTF-8 sequence;
    /// each continuation line starts with one space.
    static func fold(_ line: String) -> String {
        var out = ByteWriter()
        UTF8Bytes.with(line) { bytes in
            out.reserveCapacity(bytes.count + bytes.count / 24 + 3)
            var count = 0
            for byte in bytes {
                // A sequence's first byte decides whether the whole character still fits.
                if byte & 0xC0 != 0x80 {
                    let size = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
                    if count + size > 75 {
                        out.append(0x0D); out.append(0x0A); out.append(UInt8(ascii: " "))
                        count = 1
                    }
                    count += size
                }
                out.append(byte)
            }
        }
        return out.string()
    }
}

/// Helpers for the byte-level writers below: each scans a string's UTF-8 for the few ASCII bytes
/// its format must change and copies the spans between them whole.
enum UTF8Bytes {
    /// Calls `body` with the string's UTF-8 bytes, contiguous (native Swift strings already are).
    @inline(__always)
    static func with<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let result = try text.utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = text
        return try copy.withUTF8(body)
    }

    /// Appends a string's UTF-8 bytes.
    @inline(__always)
    static func append(_ text: String, to out: inout ByteWriter) {
        out.append(utf8: text)
    }

    /// Appends a literal's UTF-8 bytes.
    @inline(__always)
    static func appendLiteral(_ text: StaticString, to out: inout ByteWriter) {
        out.append(text)
    }
}

/// CSV cells (RFC 4180) for downloads that people open in spreadsheets.
///
/// Formula neutralisation: a cell that is not a plain number and starts with `=`, `+`, `-`, `@`,
/// tab or CR gets a leading apostrophe, so a spreadsheet shows it as text instead of running it.
/// A plain number (`-5`, `12.50`: an optional minus, digits, an optional point and digits) is
/// written as it is, so negative amounts stay numbers.
///
/// The writers append UTF-8 to a byte buffer; the `String` forms are for tests and small files.
enum CSVText {
    /// The line end RFC 4180 prescribes.
    static let lineEnd = "\r\n"

    static func cell(_ text: String) -> String {
        var out = ByteWriter()
        appendCell(text, to: &out)
        return out.string()
    }

    static func row(_ cells: [String]) -> String {
        var out = ByteWriter()
        appendRow(cells, to: &out)
        return out.string()
    }

    /// The UTF-8 byte-order mark that tells Excel the file is UTF-8.
    static let byteOrderMark = "\u{FEFF}"

    /// A row for Swedish spreadsheets: semicolon separator, and a plain number's decimal point
    /// written as a comma (`-12.5` -> `-12,5`), so Excel and LibreOffice in Swedish read numbers.
    /// Neutralisation and quoting as in `cell` (a cell with `;` is quoted).
    static func spreadsheetRow(_ cells: [String]) -> String {
        var out = ByteWriter()
        appendSpreadsheetRow(cells, to: &out)
        return out.string()
    }

    /// Appends `cell(text)`.
    static func appendCell(_ text: String, to out: inout ByteWriter) {
        UTF8Bytes.with(text) { appendCell($0, to: &out) }
    }

    /// Appends `cell` of the text whose UTF-8 is `bytes`.
    static func appendCell(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout ByteWriter) {
        let neutralise = bytes.first.map(startsFormula) == true && !isPlainNumber(bytes)
        let quoted = ByteSet.csvQuoted.firstIndex(in: bytes, from: 0) < bytes.count
        if quoted { out.append(UInt8(ascii: "\"")) }
        if neutralise { out.append(UInt8(ascii: "'")) }
        if quoted {
            var start = 0
            while true {
                let index = ByteSet.doubleQuote.firstIndex(in: bytes, from: start)
                guard index < bytes.count else { break }
                // Copy up to and including the quote, then write it a second time.
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...index]))
                out.append(UInt8(ascii: "\""))
                start = index + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
            out.append(UInt8(ascii: "\""))
        } else {
            out.append(contentsOf: bytes)
        }
    }

    /// Appends `row(cells)`.
    static func appendRow(_ cells: [String], to out: inout ByteWriter) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            appendCell(cell, to: &out)
        }
        out.append(0x0D); out.append(0x0A)
    }

    /// Appends `spreadsheetRow(cells)`.
    static func appendSpreadsheetRow(_ cells: [String], to out: inout ByteWriter) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ";")) }
            appendSpreadsheetCell(cell, to: &out)
        }
        out.append(0x0D); out.append(0x0A)
    }

    /// One cell of `spreadsheetRow`: a plain number with a decimal comma, any other text as `cell`.
    static func appendSpreadsheetCell(_ text: String, to out: inout ByteWriter) {
        UTF8Bytes.with(text) { bytes in
            guard isPlainNumber(bytes) else { return appendCell(bytes, to: &out) }
            appendWithDecimalComma(bytes, to: &out)
        }
    }

    /// A plain number's bytes with its decimal point written as a comma (`-12.5` -> `-12,5`).
    static func appendWithDecimalComma(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout ByteWriter) {
        for byte in bytes { out.append(byte == UInt8(ascii: ".") ? UInt8(ascii: ",") : byte) }
    }

    static func isPlainNumber(_ text: String) -> Bool {
        UTF8Bytes.with(text) { isPlainNumber($0) }
    }

    /// An optional `-`, one or more ASCII digits, and optionally `.` and one or more digits.
    static func isPlainNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        func digits() -> Bool {
            let start = index
            while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 { index += 1 }
            return index > start
        }
        guard digits() else { return false }
        if index == bytes.count { return true }
        guard bytes[index] == UInt8(ascii: ".") else { return false }
        index += 1
        return digits() && index == bytes.count
    }

    /// `=`, `+`, `-`, `@`, tab or CR: what a spreadsheet may read as the start of a formula.
    @inline(__always)
    static func startsFormula(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: return true
        default: return false
        }
    }
}

/// JSON (RFC 8259) written by hand: it cannot fail, and its bytes do not depend on the platform's encoder.
enum JSONText {
    /// A JSON string literal. Control characters and U+2028/U+2029 (which break JavaScript) are escaped.
    static func string(_ text: String) -> String {
        var out = ByteWriter()
        appendString(text, to: &out)
        return out.string()
    }

    /// Appends `string(text)`.
    static func appendString(_ text: String, to out: inout ByteWriter) {
        out.append(UInt8(ascii: "\""))
        UTF8Bytes.with(text) { bytes in
            var start = 0, index = 0
            while true {
                index = ByteSet.json.firstIndex(in: bytes, from: index)
                guard index < bytes.count else { break }
                let byte = bytes[index]
                var length = 1
                // U+2028 and U+2029 are E2 80 A8 and E2 80 A9 in UTF-8; other E2 sequences stay.
                if byte == 0xE2 {
                    guard index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9 else {
                        index += 1
                        continue
                    }
                    length = 3
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                switch byte {
                case UInt8(ascii: "\""): UTF8Bytes.appendLiteral("\\\"", to: &out)
                case UInt8(ascii: "\\"): UTF8Bytes.appendLiteral("\\\\", to: &out)
                case 0x0A: UTF8Bytes.appendLiteral("\\n", to: &out)
                case 0x0D: UTF8Bytes.appendLiteral("\\r", to: &out)
                case 0x09: UTF8Bytes.appendLiteral("\\t", to: &out)
                case 0xE2: UTF8Bytes.appendLiteral(bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029", to: &out)
                default: appendUnicodeEscape(byte, to: &out)
                }
                index += length
                start = index
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
        out.append(UInt8(ascii: "\""))
    }

    /// `\u00XX` with lower-case hexadecimal digits, for a control character.
    static func appendUnicodeEscape(_ byte: UInt8, to out: inout ByteWriter) {
        let hex: StaticString = "0123456789abcdef"
        UTF8Bytes.appendLiteral("\\u00", to: &out)
        out.append(hex.utf8Start[Int(byte >> 4)])
        out.append(hex.utf8Start[Int(byte & 0x0F)])
    }

    /// A line break and `indent` levels of two spaces: the layout of the JSON files the site writes.
    static func appendNewline(indent: Int, to out: inout ByteWriter) {
        out.append(0x0A)
        out.append(repeating: UInt8(ascii: " "), count: 2 * indent)
    }
}

/// Pretty-printed JSON written as it goes, in the layout of Foundation's `JSONEncoder` with
/// `.prettyPrinted`: two spaces per level, `"key" : value`, and an empty container as its two
/// brackets with an empty line between. Keys come in the order the caller writes them
/// (`data/anslag.json` writes them sorted, as `JSONEncoder` did).
struct PrettyJSON: ~Copyable {
    var out = ByteWriter()
    private var depth: Int

    /// What was written (the writer is used up).
    consuming func bytes() -> [UInt8] { out.bytes() }

    /// Where `spillIfFull` moves the bytes written so far, if anywhere.
    var spill: SpillFile?
    /// The first error moving bytes to `spill`; `finishSpilling` throws it.
    private var spillError: (any Error)?

    /// Moves what was written to `spill` once it is a megabyte (the caller calls this between
    /// parts of a large file; the writing itself cannot fail, so an error waits for the end).
    mutating func spillIfFull() {
        guard let spill, spillError == nil else { return }
        do { try out.move(to: spill, atLeast: SpillFile.pieceSize) } catch { spillError = error }
    }

    /// Moves the rest to `spill`, or throws the error that stopped an earlier move.
    mutating func finishSpilling() throws {
        if let spillError { throw spillError }
        if let spill { try out.move(to: spill) }
    }

    /// A writer whose first value stands `depth` levels (two spaces each) deep.
    init(depth: Int = 0) { self.depth = depth }

    /// A writer that goes on inside an object whose members stand `depth` levels deep and which
    /// already has a member: what it writes starts with `,` and ends, after `close("}")`, with the
    /// object's closing brace.
    init(insideObjectAt depth: Int) {
        self.depth = depth
        empty = false
    }
    /// Whether the container being written has no member yet.
    private var empty = true

    mutating func open(_ bracket: StaticString) {
        UTF8Bytes.appendLiteral(bracket, to: &out)
        depth += 1
        empty = true
    }

    mutating func close(_ bracket: StaticString) {
        if empty { out.append(0x0A) }
        depth -= 1
        JSONText.appendNewline(indent: depth, to: &out)
        UTF8Bytes.appendLiteral(bracket, to: &out)
        empty = false
    }

    /// Starts the next element of an array.
    mutating func element() {
        if !empty { out.append(UInt8(ascii: ",")) }
        JSONText.appendNewline(indent: depth, to: &out)
        empty = false
    }

    /// Starts the member `key` of an object; its value comes next.
    mutating func member(_ key: StaticString) {
        element()
        out.append(UInt8(ascii: "\""))
        UTF8Bytes.appendLiteral(key, to: &out)
        UTF8Bytes.appendLiteral("\" : ", to: &out)
    }

    /// Appends what another writer wrote from the state this one is in (the same depth, and
    /// the same container with or without a member), leaving this one as that one was left.
    mutating func appendWritten(_ bytes: [UInt8]) {
        out.append(contentsOf: bytes)
        empty = false
    }

    mutating func string(_ text: String) { JSONText.appendString(text, to: &out) }
    mutating func int(_ value: Int) { out.append(utf8: String(value)) }
    mutating func bool(_ value: Bool) { UTF8Bytes.appendLiteral(value ? "true" : "false", to: &out) }

    /// The member `key` with a text, a whole number or a flag.
    mutating func member(_ key: StaticString, _ value: String) { member(key); string(value) }
    mutating func member(_ key: StaticString, _ value: Int) { member(key); int(value) }
    mutating func member(_ key: StaticString, _ value: Bool) { member(key); bool(value) }

    /// An object whose members `body` writes.
    mutating func object(_ body: (inout PrettyJSON) -> Void) {
        open("{")
        body(&self)
        close("}")
    }

    /// An array of objects, one per item, whose members `body` writes.
    mutating func objects<Items: Sequence>(_ items: Items, _ body: (inout PrettyJSON, Items.Element) -> Void) {
        open("[")
        for item in items {
            element()
            object { body(&$0, item) }
        }
        close("]")
    }
}

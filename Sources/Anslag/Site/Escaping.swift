/// Text made safe for each output format, each format in one place. HTML is escaped by the
/// template engine and `SwedishFormat.html`. Control characters are refused when content is
/// loaded; the removals here are a second line of defence, so that no format can ever carry one.

/// XML 1.0 text and attribute values (the feed, the sitemap).
enum XMLText {
    static func escape(_ text: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars where isAllowed(scalar) {
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

    /// The characters XML 1.0 allows (`Char` in the specification); others are removed.
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }
}

/// iCalendar (RFC 5545) TEXT values and content-line folding.
enum ICalendarText {
    /// Escapes `\`, `;`, `,` and line breaks (as `\n`); removes other control characters.
    static func escape(_ text: String) -> String {
        var out = ""
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\r": out += "\\n"
            case "\n": if !previousWasCR { out += "\\n" }
            case "\t": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Folds a content line so that no line exceeds 75 octets, never inside a UTF-8 sequence;
    /// each continuation line starts with one space.
    static func fold(_ line: String) -> String {
        var out = "", count = 0
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            if count + size > 75 { out += "\r\n "; count = 1 }
            out.unicodeScalars.append(scalar)
            count += size
        }
        return out
    }
}

/// CSV cells (RFC 4180) for downloads that people open in spreadsheets.
///
/// Formula neutralisation: a cell that is not a plain number and starts with `=`, `+`, `-`, `@`,
/// tab or CR gets a leading apostrophe, so a spreadsheet shows it as text instead of running it.
/// A plain number (`-5`, `12.50`: an optional minus, digits, an optional point and digits) is
/// written as it is, so negative amounts stay numbers.
enum CSVText {
    /// The line end RFC 4180 prescribes.
    static let lineEnd = "\r\n"

    static func cell(_ text: String) -> String {
        var value = text
        if !isPlainNumber(text), let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
            value = "'" + text
        }
        let needsQuotes = value.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == ";" }
        return needsQuotes ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
    }

    static func row(_ cells: [String]) -> String {
        cells.map(cell).joined(separator: ",") + lineEnd
    }

    /// The UTF-8 byte-order mark that tells Excel the file is UTF-8.
    static let byteOrderMark = "\u{FEFF}"

    /// A row for Swedish spreadsheets: semicolon separator, and a plain number's decimal point
    /// written as a comma (`-12.5` -> `-12,5`), so Excel and LibreOffice in Swedish read numbers.
    /// Neutralisation and quoting as in `cell` (a cell with `;` is quoted).
    static func spreadsheetRow(_ cells: [String]) -> String {
        cells.map { isPlainNumber($0) ? $0.replacingOccurrences(of: ".", with: ",") : cell($0) }
            .joined(separator: ";") + lineEnd
    }

    static func isPlainNumber(_ text: String) -> Bool {
        var digits = Substring(text)
        if digits.hasPrefix("-") { digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count) else { return false }
        return parts.allSatisfy { !$0.isEmpty && $0.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } }
    }
}

/// JSON (RFC 8259) written by hand: it cannot fail, and its bytes do not depend on the platform's encoder.
enum JSONText {
    /// A JSON string literal. Control characters and U+2028/U+2029 (which break JavaScript) are escaped.
    static func string(_ text: String) -> String {
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

    /// A JSON value built from strings, arrays and objects (keys kept in the given order).
    indirect enum Value {
        case string(String)
        case array([Value])
        case object([(String, Value)])

        /// Pretty-printed with two-space indentation.
        func text(indent: String = "") -> String {
            let inner = indent + "  "
            switch self {
            case .string(let s): return JSONText.string(s)
            case .array(let items):
                if items.isEmpty { return "[]" }
                return "[\n" + items.map { inner + $0.text(indent: inner) }.joined(separator: ",\n") + "\n" + indent + "]"
            case .object(let pairs):
                if pairs.isEmpty { return "{}" }
                return "{\n" + pairs.map { inner + JSONText.string($0.0) + " : " + $0.1.text(indent: inner) }.joined(separator: ",\n") + "\n" + indent + "}"
            }
        }
    }
}

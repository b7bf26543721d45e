import Foundation

/// Reads numbers as printed in Swedish tables: `2 455 914`, `23,3%`.
enum NumberCell {
    /// A whole non-negative number with optional space (or no-break space) group separators.
    static func wholeNumber(_ cell: CSVCell, what: String) throws -> Int {
        if cell.text == Placeholder.text { throw Placeholder.diagnostic(at: cell.location, what: what) }
        // Most cells are ASCII digits grouped with spaces (`2 455 914`): read on the bytes, as the
        // general path below would read them (it filters and checks by Character, ten thousand
        // instructions a cell). Eighteen digits cannot overflow; longer goes the general way.
        let plain = UTF8Bytes.with(cell.text) { bytes -> Int? in
            var value = 0, digits = 0
            for byte in bytes {
                if byte == UInt8(ascii: " ") { continue }
                guard byte &- UInt8(ascii: "0") < 10, digits < 18 else { return nil }
                value = value * 10 + Int(byte &- UInt8(ascii: "0"))
                digits += 1
            }
            return digits > 0 ? value : nil
        }
        if let plain, plain <= Limits.maxAmount { return plain }
        return try wholeNumberByCharacter(cell, what: what)
    }

    /// `wholeNumber` without its fast path: what it answers for every cell (tested).
    static func wholeNumberByCharacter(_ cell: CSVCell, what: String) throws -> Int {
        let digits = cell.text.filter { $0 != " " && $0 != "\u{00A0}" && $0 != "\u{202F}" }
        if digits.hasPrefix("-") || digits.hasPrefix("−"), Int(digits.dropFirst()) != nil {
            throw Diagnostic.error(.negative, at: cell.location, "\(what) must not be negative, found '\(cell.text)'")
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(digits) else {
            throw Diagnostic.error(.notANumber, at: cell.location,
                                   "\(what) must be a whole number such as 2 455 914, found '\(cell.text)'")
        }
        guard value <= Limits.maxAmount else {
            throw Diagnostic.error(.tooLarge, at: cell.location, "\(what) is too large: '\(cell.text)'")
        }
        return value
    }

    /// A printed share: `23,3%` (percent) or `1` / `0,5` (a fraction). Returns the exact
    /// value as a fraction of 1 and the half-width of its last printed digit.
    static func share(_ cell: CSVCell, what: String) throws -> (value: Fraction, halfUnit: Fraction) {
        var text = cell.text.filter { $0 != " " && $0 != "\u{00A0}" && $0 != "\u{202F}" }
        let percent = text.hasSuffix("%")
        if percent { text.removeLast() }
        let parts = text.replacingOccurrences(of: ".", with: ",").split(separator: ",", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let whole = Int(parts[0]), parts.count == 1 || Int(parts[1]) != nil, parts.last!.count <= 6 else {
            throw Diagnostic.error(.notAShare, at: cell.location, "\(what) must be a share such as 23,3%, found '\(cell.text)'")
        }
        let decimals = parts.count == 2 ? parts[1].count : 0
        let scale = Int128((0..<decimals).reduce(1) { r, _ in r * 10 })
        let digits = Int128(whole) * scale + (parts.count == 2 ? Int128(Int(parts[1])!) : 0)
        let divisor = percent ? scale * 100 : scale
        return (try Fraction(digits, divisor), try Fraction(1, 2 * divisor))
    }
}

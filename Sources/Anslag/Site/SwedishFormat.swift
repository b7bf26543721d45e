/// Swedish presentation of numbers, shares and dates: `2 455 914 kr`, `23,3 %`, `31 mars 2025`.
///
/// Group separators and the space before `%` and `kr` are no-break spaces (U+00A0), as in
/// Swedish typesetting, so a figure never breaks across lines.
public enum SwedishFormat {
    static let space = "\u{00A0}"

    public static func kronor(_ amount: Int) -> String { grouped(amount) + space + "kr" }

    public static func grouped(_ value: Int) -> String {
        // Written from the last digit backwards into a buffer on the stack: at most 19 digits,
        // 6 group spaces of two bytes and a three-byte minus sign.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40) { buffer in
            var magnitude = value.magnitude
            var start = buffer.count
            var written = 0
            repeat {
                if written > 0 && written % 3 == 0 {
                    start -= 2
                    buffer[start] = 0xC2; buffer[start + 1] = 0xA0  // `space`, U+00A0
                }
                start -= 1
                buffer[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                written += 1
            } while magnitude > 0
            if value < 0 {
                start -= 3
                buffer[start] = 0xE2; buffer[start + 1] = 0x88; buffer[start + 2] = 0x92  // U+2212, minus sign
            }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[start...]), as: UTF8.self)
        }
    }

    /// Groups a string of decimal digits in threes, with `−` before it when `negative`.
    static func grouped(digits: String, negative: Bool) -> String {
        UTF8Bytes.with(digits) { bytes in
            guard bytes.allSatisfy({ $0 < 0x80 }) else {
                // Not from a number: group by characters.
                let characters = Array(digits)
                var result = ""
                for (i, c) in characters.enumerated() {
                    if i > 0 && (characters.count - i) % 3 == 0 { result += space }
                    result.append(c)
                }
                return negative ? "−" + result : result
            }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + bytes.count / 3 * 2 + 3)
            if negative { out.append(0xE2); out.append(0x88); out.append(0x92) }  // U+2212, minus sign
            // The digits are ASCII (one byte each), so a byte's position is its digit's.
            for (i, byte) in bytes.enumerated() {
                if i > 0 && (bytes.count - i) % 3 == 0 { out.append(0xC2); out.append(0xA0) }  // `space`, U+00A0
                out.append(byte)
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The exact value scaled by `10^shift` (per cent: 2) and rounded half away from zero to
    /// `decimals` decimals, as a whole-part digit string and the decimal digits. Exact for every
    /// fraction: the scaling moves the decimal point of the expansion, no multiplication is done.
    static func scaled(_ value: Fraction, shift: Int, decimals: Int) -> (negative: Bool, whole: String, fraction: String) {
        let (negative, whole, digits) = value.decimal(places: shift + decimals)
        // The whole part's digits, then the first `shift` decimals, without leading zeros (one kept).
        var integer = Array(String(whole).utf8)
        integer.append(contentsOf: digits.prefix(shift).map { UInt8(ascii: "0") + $0 })
        let firstKept = integer.dropLast().firstIndex { $0 != UInt8(ascii: "0") } ?? integer.count - 1
        let fraction = digits.dropFirst(shift).map { UInt8(ascii: "0") + $0 }
        return (negative, String(decoding: integer[firstKept...], as: UTF8.self), String(decoding: fraction, as: UTF8.self))
    }

    /// A signed change: `+1 234 kr`, `−56 kr`.
    public static func signedKronor(_ amount: Int) -> String {
        (amount > 0 ? "+" : "") + kronor(amount)
    }

    /// A fraction as a percentage with `decimals` decimals, rounded half up: `23,3 %`.
    public static func percent(_ value: Fraction, decimals: Int = 1, signed: Bool = false) -> String {
        let (negative, whole, fraction) = scaled(value, shift: 2, decimals: decimals)
        let isZero = whole == "0" && fraction.allSatisfy { $0 == "0" }
        let text = grouped(digits: whole, negative: false) + (decimals > 0 ? "," + fraction : "")
        let sign = negative ? "−" : (signed && !isZero ? "+" : "")
        return sign + text + space + "%"
    }

    /// Kronor per inhabitant with one decimal: `40,3 kr`.
    public static func perInhabitant(_ value: Fraction) -> String {
        let (negative, whole, fraction) = scaled(value, shift: 0, decimals: 1)
        return grouped(digits: whole, negative: negative) + "," + fraction + space + "kr"
    }

    /// An amount at a glance, by the rule stated on /om/: below one million kronor exact
    /// (`734 512 kr`); below one billion in millions with one decimal (`42,5 mnkr`); from one
    /// billion in billions with two decimals (`2,47 mdkr`). Rounded to the nearest, a half away
    /// from zero (Swedish school rounding: a five rounds up). Exact: the amount is a `Fraction`,
    /// so no binary fraction ever rounds the wrong way. An amount that rounds to 1 000,0 mnkr
    /// is written in mdkr.
    public static func compactKronor(_ amount: Int) -> String {
        guard amount.magnitude >= 1_000_000 else { return kronor(amount) }
        func scaled(_ divisor: Int, _ decimals: Int, _ unit: String) -> (String, String) {
            let (negative, whole, fraction) = Self.scaled(Fraction.ratio(amount, divisor)!, shift: 0, decimals: decimals)
            return (whole, grouped(digits: whole, negative: negative) + "," + fraction + space + unit)
        }
        let (millions, inMillions) = scaled(1_000_000, 1, "mnkr")
        if millions.count < 4 { return inMillions }
        return scaled(1_000_000_000, 2, "mdkr").1
    }

    /// A download's size for a link text: whole kilobytes (1 kB = 1 000 bytes) rounded up,
    /// so the figure is never smaller than the file: `3 kB`; below 1 000 bytes `under 1 kB`.
    public static func fileSize(_ bytes: Int) -> String {
        guard bytes >= 1000 else { return "under" + space + "1" + space + "kB" }
        return grouped(bytes / 1000 + (bytes % 1000 == 0 ? 0 : 1)) + space + "kB"
    }

    static let months = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
                         "september", "oktober", "november", "december"]

    /// `2025-03-31` as `31 mars 2025`; a year alone stays as it is.
    public static func date(_ iso: String) -> String {
        guard let (y, m, d) = ISODate.components(iso) else { return iso }
        return "\(d) \(months[m - 1]) \(y)"
    }

    /// Escapes text for HTML element content and attribute values.
    public static func html(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }
}

/// Swedish presentation of numbers, shares and dates: `2 455 914 kr`, `23,3 %`, `31 mars 2025`.
///
/// Group separators and the space before `%` and `kr` are no-break spaces (U+00A0), as in
/// Swedish typesetting, so a figure never breaks across lines.
public enum SwedishFormat {
    static let space = "\u{00A0}"

    public static func kronor(_ amount: Int) -> String { grouped(amount) + space + "kr" }

    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { result += space }
            result.append(c)
        }
        return value < 0 ? "−" + result : result
    }

    /// A signed change: `+1 234 kr`, `−56 kr`.
    public static func signedKronor(_ amount: Int) -> String {
        (amount > 0 ? "+" : "") + kronor(amount)
    }

    /// A fraction as a percentage with `decimals` decimals, rounded half up: `23,3 %`.
    public static func percent(_ value: Fraction, decimals: Int = 1, signed: Bool = false) -> String {
        let scale = (0..<decimals).reduce(Int128(1)) { r, _ in r * 10 }
        let scaled = (try? value.multiplied(by: Fraction(100)).multiplied(by: Fraction(Int(scale)))) ?? .zero
        let negative = scaled.numerator < 0
        let magnitude = (try? Fraction(negative ? -scaled.numerator : scaled.numerator, scaled.denominator)) ?? .zero
        let rounded = ((try? magnitude.adding(Fraction(1, 2))) ?? magnitude).floor
        let whole = rounded / scale, fraction = rounded % scale
        var text = grouped(Int(whole))
        if decimals > 0 {
            let digits = String(fraction)
            text += "," + String(repeating: "0", count: decimals - digits.count) + digits
        }
        let sign = negative && rounded != 0 ? "−" : (signed && rounded != 0 ? "+" : "")
        return sign + text + space + "%"
    }

    /// Kronor per inhabitant with one decimal: `40,3 kr`.
    public static func perInhabitant(_ value: Fraction) -> String {
        let tenths = ((try? value.multiplied(by: Fraction(10)).adding(Fraction(1, 2))) ?? .zero).floor
        return grouped(Int(tenths / 10)) + "," + String(tenths % 10) + space + "kr"
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

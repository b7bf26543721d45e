/// Swedish number presentation: `2 455 914 kr` with no-break spaces between groups.
public enum SwedishFormat {
    public static func kronor(_ amount: Int) -> String { grouped(amount) + "\u{00A0}kr" }

    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { result.append("\u{00A0}") }
            result.append(c)
        }
        return value < 0 ? "−" + result : result
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

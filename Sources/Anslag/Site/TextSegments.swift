/// A run of plain text, or an abbreviation with its expansion and a link to its glossary entry.
public struct TextSegmentVM: Sendable {
    public var text: String
    public var isAbbr: Bool
    /// The expansion, for `<abbr title>`; empty for plain text.
    public var title: String
    /// The glossary entry, relative to the page; empty for plain text.
    public var href: String
}

extension TextSegmentVM: TemplateRepresentable {
    public var templateValue: TemplateValue {
        .object(TextSegmentVM.self, [
            ("text", text.templateValue),
            ("isAbbr", isAbbr.templateValue),
            ("title", title.templateValue),
            ("href", href.templateValue),
        ])
    }
}

extension PageBuilder {
    /// The abbreviations the glossary explains, with their anchors and the strings key of their expansion.
    static let abbreviations: [(word: String, anchor: String, key: SiteStrings.Key)] = [
        ("SKR", "skr", .abbrSKR), ("SKL", "skl", .abbrSKL), ("RSS", "rss", .abbrRSS), ("CSD", "csd", .abbrCSD), ("RCO", "rco", .abbrRCO),
    ]

    /// `text` split into runs, each listed abbreviation (as a whole word) marked and linked from page `path`.
    func segments(_ text: String, path: String) -> [TextSegmentVM] {
        // Most texts name no abbreviation: one byte search each (the words are ASCII) instead of a walk by Character.
        guard Self.abbreviations.contains(where: { SourceText.contains($0.word, in: text) }) else {
            return text.isEmpty ? [] : [.init(text: text, isAbbr: false, title: "", href: "")]
        }
        var result: [TextSegmentVM] = []
        var plain = ""
        var index = text.startIndex
        func isLetter(_ i: String.Index) -> Bool { text[i].isLetter || text[i].isNumber }
        outer: while index < text.endIndex {
            let atWordStart = index == text.startIndex || !isLetter(text.index(before: index))
            if atWordStart {
                for abbreviation in Self.abbreviations where text[index...].hasPrefix(abbreviation.word) {
                    let end = text.index(index, offsetBy: abbreviation.word.count)
                    guard end == text.endIndex || !isLetter(end) else { continue }
                    if !plain.isEmpty { result.append(.init(text: plain, isAbbr: false, title: "", href: "")); plain = "" }
                    result.append(.init(text: abbreviation.word, isAbbr: true, title: context.strings.text(abbreviation.key),
                                        href: SiteURL.relative(from: path, to: SiteURL.glossary) + "#" + abbreviation.anchor))
                    index = end
                    continue outer
                }
            }
            plain.append(text[index])
            index = text.index(after: index)
        }
        if !plain.isEmpty { result.append(.init(text: plain, isAbbr: false, title: "", href: "")) }
        return result
    }
}

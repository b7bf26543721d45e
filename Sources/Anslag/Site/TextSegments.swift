import Foundation

/// A run of plain text, or an abbreviation with its expansion and a link to its glossary entry.
public struct TextSegmentVM: Sendable {
    public var text: String
    public var isAbbr: Bool
    /// The expansion, for `<abbr title>`; empty for plain text.
    public var title: String
    /// The glossary entry, relative to the page; empty for plain text.
    public var href: String
}

extension TextSegmentVM: TemplateObject {
    public func templateFields(into tree: inout TemplateTree) {
        tree.field("text", text)
        tree.field("isAbbr", isAbbr)
        tree.field("title", title)
        tree.field("href", href)
    }
}

extension PageBuilder {
    /// The abbreviations the glossary explains, with their anchors and the strings key of their expansion.
    static let abbreviations: [(word: String, anchor: String, key: SiteStrings.Key)] = [
        ("SKR", "skr", .abbrSKR), ("SKL", "skl", .abbrSKL), ("RSS", "rss", .abbrRSS), ("CSD", "csd", .abbrCSD), ("RCO", "rco", .abbrRCO),
    ]

    /// `text` split into runs, each listed abbreviation (as a whole word) marked and linked from page `path`.
    func segments(_ text: String, path: String) -> [TextSegmentVM] {
        // The same texts (the tagline, condition summaries) come on many pages: each is split once.
        context.segmentCache.value(for: text) { Self.runs(of: text) }.map { run in
            guard let abbreviation = run.abbreviation.map({ Self.abbreviations[$0] }) else {
                return .init(text: run.text, isAbbr: false, title: "", href: "")
            }
            return .init(text: run.text, isAbbr: true, title: context.strings.text(abbreviation.key),
                         href: SiteURL.relative(from: path, to: SiteURL.glossary) + "#" + abbreviation.anchor)
        }
    }

    /// `text` as runs of plain text and listed abbreviations (their index in `abbreviations`), in order.
    static func runs(of text: String) -> [TextRun] {
        // Most texts name no abbreviation: one byte search each (the words are ASCII) instead of a walk by Character.
        guard abbreviations.contains(where: { SourceText.contains($0.word, in: text) }) else {
            return text.isEmpty ? [] : [TextRun(text: text, abbreviation: nil)]
        }
        var result: [TextRun] = []
        var plain = ""
        var index = text.startIndex
        func isLetter(_ i: String.Index) -> Bool { text[i].isLetter || text[i].isNumber }
        outer: while index < text.endIndex {
            let atWordStart = index == text.startIndex || !isLetter(text.index(before: index))
            if atWordStart {
                for (number, abbreviation) in abbreviations.enumerated() where text[index...].hasPrefix(abbreviation.word) {
                    let end = text.index(index, offsetBy: abbreviation.word.count)
                    guard end == text.endIndex || !isLetter(end) else { continue }
                    if !plain.isEmpty { result.append(TextRun(text: plain, abbreviation: nil)); plain = "" }
                    result.append(TextRun(text: abbreviation.word, abbreviation: number))
                    index = end
                    continue outer
                }
            }
            plain.append(text[index])
            index = text.index(after: index)
        }
        if !plain.isEmpty { result.append(TextRun(text: plain, abbreviation: nil)) }
        return result
    }
}

/// A run of a text: plain, or the abbreviation with this index in `PageBuilder.abbreviations`.
struct TextRun: Sendable {
    var text: String
    var abbreviation: Int?
}

/// Values made once per site by a key naming what they are, shared by the threads that build pages.
typealias SiteMemo<Value> = Memo<String, Value>

/// Values made once by `Key`, shared by threads.
final class Memo<Key: Hashable, Value>: @unchecked Sendable {
    // Unchecked: every access holds `lock`; the values are immutable once stored.
    private var values: [Key: Value] = [:]
    private let lock = NSLock()

    /// The value for `key`, made by `make` the first time (two threads may both make it; the same).
    func value(for key: Key, _ make: () -> Value) -> Value {
        if let known = lock.withLock({ values[key] }) { return known }
        let made = make()
        lock.withLock { values[key] = made }
        return made
    }
}

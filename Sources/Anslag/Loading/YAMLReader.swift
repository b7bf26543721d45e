import Foundation

/// A YAML node with its position, and typed accessors that fail with a diagnostic.
struct YAMLValue {
    let node: YAMLNode
    let file: String
    /// What this value is, made into words only for a message (most values never need one).
    let named: Name

    /// How a value is named in messages: "the document", "key 'amount'", "item 3 of key 'pots'".
    indirect enum Name {
        case document
        case key(String)
        case item(Int, of: Name)

        var text: String {
            switch self {
            case .document: "the document"
            case .key(let key): "key '\(key)'"
            case .item(let index, let parent): "item \(index) of \(parent.text)"
            }
        }
    }

    /// What this value is, for messages: "key 'amount'", "item 3 of key 'pots'".
    var label: String { named.text }

    var location: SourceLocation { node.mark.location(in: file) }

    /// Parses a whole file into its root value (see `YAMLComposer` for the errors and their order).
    static func parse(_ source: SourceText) throws -> YAMLValue {
        YAMLValue(node: try YAMLComposer.compose(source), file: source.path, named: .document)
    }

    private func typeError(_ expected: String) -> Diagnostic {
        let found: String
        switch node {
        case .scalar(let scalar): found = scalar.text.isEmpty ? "nothing" : "'\(scalar.text)'"
        case .mapping: found = "a mapping"
        case .sequence: found = "a list"
        }
        return .error(.wrongType, at: location, "\(label) must be \(expected), found \(found)")
    }

    func mapping() throws -> YAMLMapping {
        guard case .mapping(let mapping, _) = node else { throw typeError("a mapping of keys to values") }
        // `YAMLComposer` has refused keys that are not text and keys given twice.
        return YAMLMapping(entries: mapping, location: location, file: file)
    }

    /// Whether the value is a list (for keys that take one item or a list of them).
    var isList: Bool { if case .sequence = node { return true } else { return false } }

    func list() throws -> [YAMLValue] {
        guard case .sequence(let sequence, _) = node else { throw typeError("a list") }
        return sequence.enumerated().map { index, item in
            YAMLValue(node: item, file: file, named: .item(index + 1, of: named))
        }
    }

    /// Fails when the value is the placeholder `anslag new` leaves for the author.
    func requireFilledIn() throws {
        if case .scalar(let scalar) = node, scalar.text == Placeholder.text {
            throw Placeholder.diagnostic(at: location, what: label)
        }
    }

    func string() throws -> String {
        try requireFilledIn()
        guard case .scalar(let scalar) = node, !scalar.text.isEmpty, !scalar.isNull else { throw typeError("text") }
        return scalar.text
    }

    func strings() throws -> [String] { try list().map { try $0.string() } }

    /// A whole non-negative number, such as an amount in kronor.
    func wholeNumber() throws -> Int {
        try requireFilledIn()
        guard case .scalar(let scalar) = node, scalar.isPlain else { throw typeError("a whole number") }
        let text = scalar.text.replacingOccurrences(of: "_", with: "")
        if text.hasPrefix("-"), Int(text) != nil {
            throw Diagnostic.error(.negative, at: location, "\(label) must not be negative, found \(scalar.text)")
        }
        guard let value = Int(text), text.allSatisfy(\.isASCII) else { throw typeError("a whole number") }
        guard value <= Limits.maxAmount else {
            throw Diagnostic.error(.tooLarge, at: location, "\(label) is too large: \(scalar.text)",
                                   notes: ["amounts and counts must be below \(Limits.maxAmount)"])
        }
        return value
    }

    /// A fraction written `1/2` (or a whole number).
    func fraction() throws -> Fraction {
        let text = try string()
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map {
            Int($0.trimmingCharacters(in: .whitespaces))
        }
        if parts.count == 1, let n = parts[0], n >= 0 { return Fraction(n) }
        guard parts.count == 2, let n = parts[0], let d = parts[1], n >= 0, d > 0 else {
            throw typeError("a fraction such as 1/2")
        }
        return try Fraction(Int128(n), Int128(d))
    }

    /// An id: lower-case ASCII letters, digits and hyphens.
    func identifier() throws -> String {
        let text = try string()
        guard Identifier.isValid(text) else {
            throw Diagnostic.error(.invalidId, at: location, "\(label) must be an id of lower-case letters a–z, digits and '-', found '\(text)'")
        }
        return text
    }

    /// An ISO date `YYYY-MM-DD` that exists in the calendar.
    func isoDate() throws -> String {
        let text = try string()
        guard ISODate.isValid(text) else {
            throw Diagnostic.error(.invalidDate, at: location, "\(label) must be a date written YYYY-MM-DD, found '\(text)'")
        }
        return text
    }

    /// An ISO date or a year alone (four digits).
    func dateOrYear() throws -> String {
        let text = try string()
        if text.utf8.count == 4, text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) { return text }
        return try isoDate()
    }
}

/// A YAML mapping whose keys are checked off as they are read; `finish()` rejects the rest.
final class YAMLMapping {
    /// The entries as composed; a key's `YAMLValue` and location are made when it is asked for.
    private let entries: [(key: YAMLScalar, value: YAMLNode)]
    /// Whether each entry's key was asked for (by `optional` or `required`).
    private var used: [Bool]
    /// Every key asked for, present or not, in asking order: the allowed keys a message lists.
    private var asked: [String] = []
    /// Misspelt keys already reported by `required`, so `finish` does not report them twice.
    private var reported: Set<String> = []
    let location: SourceLocation
    let file: String

    init(entries: [(key: YAMLScalar, value: YAMLNode)], location: SourceLocation, file: String) {
        self.entries = entries
        used = Array(repeating: false, count: entries.count)
        self.location = location
        self.file = file
    }

    private func keyLocation(_ index: Int) -> SourceLocation { entries[index].key.mark.location(in: file) }

    func optional(_ key: String) -> YAMLValue? {
        asked.append(key)
        // A handful of keys per mapping: a linear search, no hashing. Keys are unique (`YAMLComposer`).
        guard let index = entries.firstIndex(where: { $0.key.text == key }) else { return nil }
        used[index] = true
        let value = entries[index].value
        if case .scalar(let scalar) = value, scalar.isNull { return nil }
        return YAMLValue(node: value, file: file, named: .key(entries[index].key.text))
    }

    func required(_ key: String) throws -> YAMLValue {
        guard let value = optional(key) else {
            // A misspelt required key is reported where it is, not as missing.
            if let index = entries.indices.first(where: { !used[$0] && Suggestion.editDistance(Array(entries[$0].key.text), Array(key)) <= 2 }) {
                let typo = entries[index].key.text
                reported.insert(typo)
                throw Diagnostic.error(.unknownKey, at: keyLocation(index), "unknown key '\(typo)'", notes: ["did you mean '\(key)'?"])
            }
            throw Diagnostic.error(.missingKey, at: location, "missing required key '\(key)'")
        }
        return value
    }

    /// Rejects keys that were never asked for (every one of them): they are almost always typos.
    func finish() throws {
        guard used.contains(false) else { return }
        let allowed = Array(Set(asked)).sorted()
        var errors = ErrorCollector()
        for (index, entry) in entries.enumerated() where !used[index] && !reported.contains(entry.key.text) {
            let key = entry.key.text
            var notes = ["allowed keys here: " + allowed.joined(separator: ", ")]
            if let best = Suggestion.closest(to: key, in: allowed) { notes.insert("did you mean '\(best)'?", at: 0) }
            errors.append(.error(.unknownKey, at: keyLocation(index), "unknown key '\(key)'", notes: notes))
        }
        try errors.finish()
    }
}

/// Collects the errors of independent reads, so that a file with three mistakes gets three errors.
struct ErrorCollector {
    private(set) var found: [Diagnostic] = []

    mutating func append(_ diagnostic: Diagnostic) { found.append(diagnostic) }

    /// Runs `body`; a thrown diagnostic (or list) is kept and nil returned. Other errors propagate
    /// as an internal diagnostic, never as a plausible value.
    @discardableResult
    mutating func attempt<T>(_ body: () throws -> T) -> T? {
        do {
            return try body()
        } catch let diagnostic as Diagnostic {
            found.append(diagnostic)
        } catch let list as DiagnosticList {
            found.append(contentsOf: list.diagnostics)
        } catch {
            found.append(.error(.internal, at: .file("?"), "\(error)"))
        }
        return nil
    }

    /// Throws what was collected: one diagnostic, or a list.
    func finish() throws {
        if found.count == 1 { throw found[0] }
        if !found.isEmpty { throw DiagnosticList(found) }
    }
}

/// The marker `anslag new` writes where the author must fill in a value.
public enum Placeholder {
    public static let text = "FYLL-I"

    /// Every placeholder left in an agreement folder's YAML and CSV files, so the author sees
    /// them all at once rather than one per run.
    static func scan(folder: String, root: URL) throws {
        let base = root.appendingPathComponent(folder)
        let paths = (FileManager.default.subpaths(atPath: base.path) ?? [])
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".csv") }.sorted()
        var found: [Diagnostic] = []
        var marker = text
        for path in paths {
            // Most files hold no placeholder: look for its bytes first, without decoding the file.
            // Only a plain file within the size limit is read here (a link, or anything this cannot
            // read, takes the full path below, which reports what is wrong with it).
            if case .bytes(let bytes)? = FileSystem.readRegularFile(base.appendingPathComponent(path).path, limit: InputLimits.maxFileBytes,
                                                                     followingLinks: false),
               !marker.withUTF8({ pattern in bytes.withUnsafeBufferPointer { SourceText.contains(pattern, in: $0) } }) { continue }
            guard let source = try? SourceText.read("\(folder)/\(path)", root: root, allowEmpty: true),
                  SourceText.contains(text, in: source.text) else { continue }
            for (index, line) in source.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if path.hasSuffix(".yaml"), line.drop(while: { $0 == " " }).hasPrefix("#") { continue }
                var searchStart = line.startIndex
                while let range = line.range(of: text, range: searchStart..<line.endIndex) {
                    let column = line.distance(from: line.startIndex, to: range.lowerBound) + 1
                    let key = line[..<range.lowerBound].split(separator: ":").first.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " -")) }
                    let what = path.hasSuffix(".csv") ? "a table value" : "'\(key ?? "value")'"
                    found.append(diagnostic(at: SourceLocation(file: source.path, line: index + 1, column: column), what: what))
                    searchStart = range.upperBound
                }
            }
        }
        if !found.isEmpty { throw DiagnosticList(found) }
    }

    static func diagnostic(at location: SourceLocation, what: String) -> Diagnostic {
        .error(.notFilledIn, at: location, "\(what) is still to be filled in (\(text))",
               notes: ["replace \(text) with the value from the new agreement"])
    }
}

/// Limits that keep exact arithmetic within 128 bits.
enum Limits {
    static let maxAmount = 1_000_000_000_000_000
}

/// Ids become URL path segments.
enum Identifier {
    static func isValid(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, !text.hasSuffix("-") else { return false }
        let allowed = { (c: Unicode.Scalar) in ("a"..."z").contains(c) || ("0"..."9").contains(c) || c == "-" }
        return first != "-" && text.unicodeScalars.allSatisfy(allowed) && text.count <= 80
    }
}

/// Calendar-checked ISO dates without Foundation's time zone handling.
public enum ISODate {
    public static func isValid(_ text: String) -> Bool { components(text) != nil }

    public static func components(_ text: String) -> (year: Int, month: Int, day: Int)? {
        // `dddd-dd-dd`, digits only (Int() alone would accept signs, as in "2026-+1-+5"), read on
        // the bytes: checklists ask this for every deadline of every recipient.
        UTF8Bytes.with(text) { bytes -> (year: Int, month: Int, day: Int)? in
            guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
            var value = 0
            for index in 0..<10 where index != 4 && index != 7 {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                value = value * 10 + Int(digit)
            }
            let y = value / 10_000, m = value / 100 % 100, d = value % 100
            guard (1...12).contains(m) else { return nil }
            let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
            let days: Int
            switch m {
            case 2: days = leap ? 29 : 28
            case 4, 6, 9, 11: days = 30
            default: days = 31
            }
            return (1...days).contains(d) ? (y, m, d) : nil
        }
    }
}

/// Renders a parsed template over a page's `TemplateValue` and checks every key in the same pass:
/// a key that resolves nowhere is an error with the template's file, line and column.
///
/// Lookups follow Mustache (and swift-mustache, whose output this reproduces byte for byte): a
/// name is looked up the context stack, then down its dotted parts. Unlike swift-mustache, a key
/// that exists but is empty is not skipped in favour of an outer key of the same name: that is an
/// error too, since the template would silently show the outer value.
struct TemplateRenderer {
    let sources: [String: TemplateSource]
    var out: [UInt8] = []
    var stack: [TemplateValue] = []

    /// Partials and parents nest at most this deep; deeper means a partial includes itself.
    static let maximumDepth = 20

    init(sources: [String: TemplateSource]) {
        self.sources = sources
        out.reserveCapacity(64 * 1024)
    }

    /// What a partial or block sees: its indentation and the block overrides in force.
    struct Scope {
        var indentation: [UInt8]?
        var overrides: [String: [TemplateSource.Node]]?
        var depth = 0
    }

    mutating func render(_ source: TemplateSource, _ model: TemplateValue) throws -> [UInt8] {
        out.removeAll(keepingCapacity: true)
        stack = [model]
        try render(source.nodes, Scope(), emit: true)
        return out
    }

    /// Renders a node list as swift-mustache renders one template: an indentation in force is
    /// written before each token that produces output right after a newline of this list's own output.
    mutating func render(_ nodes: [TemplateSource.Node], _ scope: Scope, emit: Bool) throws {
        guard emit, let indentation = scope.indentation, !indentation.isEmpty else {
            for node in nodes { try render(node, scope, emit: emit) }
            return
        }
        let start = out.count
        for node in nodes {
            let before = out.count
            let afterNewline = before > start && out[before - 1] == UInt8(ascii: "\n")
            try render(node, scope, emit: emit)
            if afterNewline, out.count > before { out.insert(contentsOf: indentation, at: before) }
        }
    }

    mutating func render(_ node: TemplateSource.Node, _ scope: Scope, emit: Bool) throws {
        switch node {
        case .text(let bytes):
            if emit { out.append(contentsOf: bytes) }
        case .variable(let key, let location, let escaped):
            let value = try resolve(key, at: location)
            guard emit else { return }
            switch value {
            case .null: break
            case .string(let text): escaped ? Self.appendEscaped(text, to: &out) : out.append(contentsOf: text.utf8)
            case .int(let number): out.append(contentsOf: String(number).utf8)
            case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
            case .list, .object:
                throw Diagnostic.error(.templateValue, at: location, "'\(key.name)' is a \(value.kind); '{{\(key.name)}}' needs text or a number",
                                       notes: ["use '{{#\(key.name)}}…{{/\(key.name)}}' to show its parts"])
            }
        case .section(let key, let location, let children):
            let value = try resolve(key, at: location)
            switch value {
            case .null: break
            case .bool(let flag): if flag { try render(children, scope, emit: emit) }
            case .list(let elements):
                for element in elements {
                    stack.append(element)
                    try render(children, scope, emit: emit)
                    stack.removeLast()
                }
            default:
                stack.append(value)
                try render(children, scope, emit: emit)
                stack.removeLast()
            }
        case .inverted(let key, let location, let children):
            let value = try resolve(key, at: location)
            let shown: Bool
            switch value {
            case .null: shown = true
            case .bool(let flag): shown = !flag
            case .list(let elements): shown = elements.isEmpty
            default: shown = false
            }
            // Keys inside are checked even when the content is not shown.
            try render(children, scope, emit: emit && shown)
        case .partial(let name, let location, let indentation, let overrides):
            guard let partial = sources[name] else {
                let kind = overrides == nil ? "partial" : "parent template"
                throw Diagnostic.error(.missingTemplate, at: location, "unknown \(kind) '\(name)'",
                                       notes: Suggestion.closest(to: name, in: Array(sources.keys)).map { ["did you mean '\($0)'?"] } ?? [])
            }
            guard scope.depth < Self.maximumDepth else {
                throw Diagnostic.error(.templateSyntax, at: location, "partials nest more than \(Self.maximumDepth) deep: '\(name)' includes itself")
            }
            var inner = scope
            inner.depth += 1
            if let indentation { inner.indentation = (scope.indentation ?? []) + indentation }
            if let overrides {
                // Blocks overridden further out win, as in swift-mustache.
                inner.overrides = scope.overrides.map { $0.merging(overrides) { outer, _ in outer } } ?? overrides
            }
            try render(partial.nodes, inner, emit: emit)
        case .block(let name, let indentation, let content):
            var inner = scope
            inner.indentation = (scope.indentation ?? []) + indentation
            try render(scope.overrides?[name] ?? content, inner, emit: emit)
        case .blockDefinition:
            break
        }
    }

    // MARK: - Keys

    /// The value a name resolves to. A key that exists but is empty resolves to `.null`; a key
    /// that exists nowhere is an error.
    func resolve(_ key: TemplateSource.Key, at location: SourceLocation) throws -> TemplateValue {
        guard let first = key.parts.first else { return stack[stack.count - 1] }
        var value = try resolveFirst(first, at: location)
        for part in key.parts.dropFirst() {
            if case .null = value { return .null }
            guard let next = value.child(part) else { throw unknown(key.name, at: location, in: value) }
            value = next
        }
        return value
    }

    func resolveFirst(_ key: String, at location: SourceLocation) throws -> TemplateValue {
        var index = stack.count - 1
        while index >= 0 {
            if let value = stack[index].child(key) {
                if case .null = value, stack[..<index].contains(where: { $0.child(key) != nil }) {
                    throw Diagnostic.error(.ambiguousTemplateKey, at: location,
                                           "key '\(key)' is empty here, so the template would use an outer '\(key)' instead",
                                           notes: ["give the inner value a non-optional type or a Bool flag such as 'has\(key.prefix(1).uppercased() + key.dropFirst())'"])
                }
                return value
            }
            index -= 1
        }
        throw unknown(key, at: location, in: stack.last)
    }

    func unknown(_ name: String, at location: SourceLocation, in value: TemplateValue?) -> Diagnostic {
        var keys: [String] = []
        var described = value.map(\.kind) ?? "nothing"
        if case .object(let object)? = value {
            keys = object.keys
            described = object.typeName
        }
        var notes = ["the view model here is \(described) with keys: \(keys.joined(separator: ", "))"]
        if let best = Suggestion.closest(to: name, in: keys) { notes.insert("did you mean '\(best)'?", at: 0) }
        return .error(.unknownTemplateKey, at: location, "unknown key '\(name)' in template", notes: notes)
    }

    // MARK: - Escaping

    /// HTML-escapes as swift-mustache did: `<`, `>`, `&`, `"` and `'`.
    static func appendEscaped(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            while true {
                let index = htmlSpecial.firstIndex(in: bytes, from: start)
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                guard index < bytes.count else { return }
                let replacement: StaticString
                switch bytes[index] {
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "\""): replacement = "&quot;"
                default: replacement = "&#39;"
                }
                out.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
                start = index + 1
            }
        }
    }

    /// The bytes `appendEscaped` replaces.
    static let htmlSpecial = ByteSet(Array("<>&\"'".utf8))
}

extension TemplateValue {
    /// What kind of value this is, for messages.
    var kind: String {
        switch self {
        case .null: "nothing"
        case .bool: "yes/no value"
        case .int: "number"
        case .string: "text"
        case .list: "list"
        case .object(let object): object.typeName
        }
    }
}

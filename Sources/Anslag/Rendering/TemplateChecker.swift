/// A template's tags with positions, parsed independently of swift-mustache so keys can be checked.
struct TemplateSource: Sendable {
    indirect enum Node: Sendable {
        case variable(String, SourceLocation)
        case section(String, SourceLocation, [Node])
        case inverted(String, SourceLocation, [Node])
        case partial(String, SourceLocation)
        /// `{{<parent}}` with the blocks it overrides.
        case parent(String, SourceLocation, [String: [Node]])
        /// `{{$block}}` with its default content.
        case block(String, [Node])
    }

    let name: String
    let file: String
    let nodes: [Node]

    init(name: String, file: String, text: String) throws {
        self.name = name
        self.file = file
        var index = text.startIndex
        var line = 1, column = 1
        var stack: [(sigil: Character, name: String, location: SourceLocation, nodes: [Node])] = [(" ", "", .file(file), [])]
        func advance(to end: String.Index) {
            while index < end {
                if text[index] == "\n" { line += 1; column = 1 } else { column += 1 }
                index = text.index(after: index)
            }
        }
        while let open = text.range(of: "{{", range: index..<text.endIndex) {
            advance(to: open.lowerBound)
            let location = SourceLocation(file: file, line: line, column: column)
            let triple = text[open.upperBound...].hasPrefix("{")
            guard let close = text.range(of: triple ? "}}}" : "}}", range: open.upperBound..<text.endIndex) else {
                throw Diagnostic.error(.templateSyntax, at: location, "tag is never closed with '}}'")
            }
            var body = String(text[open.upperBound..<close.lowerBound]).trimmingSpaces
            advance(to: close.upperBound)
            var sigil: Character = " "
            if triple { body = String(body.dropFirst()).trimmingSpaces; sigil = "&" }
            else if let first = body.first, "#^/>!<$&=".contains(first) { sigil = first; body = String(body.dropFirst()).trimmingSpaces }
            switch sigil {
            case "!": continue
            case "=":
                throw Diagnostic.error(.templateSyntax, at: location, "changing delimiters is not supported in anslag templates")
            case "#", "^", "<", "$":
                stack.append((sigil, body, location, []))
            case "/":
                guard stack.count > 1, stack.last?.name == body, let open = stack.popLast() else {
                    let expected = stack.count > 1 ? ["expected '{{/\(stack.last!.name)}}', which closes the section opened at \(stack.last!.location)"] : []
                    throw Diagnostic.error(.templateSyntax, at: location, "'{{/\(body)}}' closes no open section", notes: expected)
                }
                let node: Node
                switch open.sigil {
                case "#": node = .section(open.name, open.location, open.nodes)
                case "^": node = .inverted(open.name, open.location, open.nodes)
                case "$": node = .block(open.name, open.nodes)
                default:
                    var blocks: [String: [Node]] = [:]
                    for case .block(let name, let content) in open.nodes { blocks[name] = content }
                    node = .parent(open.name, open.location, blocks)
                }
                stack[stack.count - 1].nodes.append(node)
            case ">": stack[stack.count - 1].nodes.append(.partial(body, location))
            default: stack[stack.count - 1].nodes.append(.variable(body, location))
            }
        }
        if stack.count > 1, let open = stack.last {
            throw Diagnostic.error(.templateSyntax, at: open.location, "section '\(open.name)' is never closed")
        }
        nodes = stack[0].nodes
    }
}

/// Walks a template with the actual view model and reports keys that resolve nowhere.
struct TemplateChecker {
    let sources: [String: TemplateSource]

    func check(_ source: TemplateSource, stack: [Any], blocks: [String: [TemplateSource.Node]] = [:], depth: Int = 0) throws {
        try check(source.nodes, stack: stack, blocks: blocks, depth: depth)
    }

    func check(_ nodes: [TemplateSource.Node], stack: [Any], blocks: [String: [TemplateSource.Node]], depth: Int) throws {
        guard depth < 20 else { return }
        for node in nodes {
            switch node {
            case .variable(let name, let location):
                _ = try resolve(name, stack, at: location)
            case .section(let name, let location, let children):
                let value = try resolve(name, stack, at: location)
                guard let value else { continue }
                if let bool = value as? Bool {
                    if bool { try check(children, stack: stack, blocks: blocks, depth: depth) }
                } else if Mirror(reflecting: value).displayStyle == .collection {
                    for element in Mirror(reflecting: value).children.map(\.value) {
                        try check(children, stack: stack + [element], blocks: blocks, depth: depth)
                    }
                } else {
                    try check(children, stack: stack + [value], blocks: blocks, depth: depth)
                }
            case .inverted(let name, let location, let children):
                _ = try resolve(name, stack, at: location)
                try check(children, stack: stack, blocks: blocks, depth: depth)
            case .partial(let name, let location):
                guard let partial = sources[name] else {
                    throw Diagnostic.error(.missingTemplate, at: location, "unknown partial '\(name)'",
                                           notes: Suggestion.closest(to: name, in: Array(sources.keys)).map { ["did you mean '\($0)'?"] } ?? [])
                }
                try check(partial, stack: stack, blocks: blocks, depth: depth + 1)
            case .parent(let name, let location, let overrides):
                guard let parent = sources[name] else {
                    throw Diagnostic.error(.missingTemplate, at: location, "unknown parent template '\(name)'")
                }
                for (_, content) in overrides { try check(content, stack: stack, blocks: blocks, depth: depth) }
                try check(parent, stack: stack, blocks: overrides.merging(blocks) { _, outer in outer }, depth: depth + 1)
            case .block(let name, let content):
                if blocks[name] == nil { try check(content, stack: stack, blocks: blocks, depth: depth) }
            }
        }
    }

    /// The value a name resolves to, as swift-mustache looks it up: up the context stack, then
    /// down dotted parts. A key that exists but holds nil resolves to nil; a key that exists
    /// nowhere is an error.
    func resolve(_ name: String, _ stack: [Any], at location: SourceLocation) throws -> Any? {
        if name == "." { return stack.last }
        let parts = name.split(separator: ".").map(String.init)
        for (depth, object) in stack.reversed().enumerated() {
            guard case .found(var value) = child(parts[0], of: object) else { continue }
            // swift-mustache skips a nil value and looks further out: that would silently use
            // an enclosing object's key of the same name.
            if value == nil, stack.reversed().dropFirst(depth + 1).contains(where: { if case .found = child(parts[0], of: $0) { true } else { false } }) {
                throw Diagnostic.error(.ambiguousTemplateKey, at: location,
                                       "key '\(parts[0])' is empty here, so the template would use an outer '\(parts[0])' instead",
                                       notes: ["give the inner value a non-optional type or a Bool flag such as 'has\(parts[0].prefix(1).uppercased() + parts[0].dropFirst())'"])
            }
            for part in parts.dropFirst() {
                guard let current = value else { return nil }
                guard case .found(let next) = child(part, of: current) else {
                    throw unknown(name, at: location, in: current)
                }
                value = next
            }
            return value
        }
        throw unknown(name, at: location, in: stack.last)
    }

    enum Lookup { case found(Any?), missing }

    func child(_ key: String, of object: Any) -> Lookup {
        if let dictionary = object as? [String: Any] {
            return dictionary.keys.contains(key) ? .found(dictionary[key].flatMap(unwrap)) : .missing
        }
        let mirror = Mirror(reflecting: object)
        guard let match = mirror.children.first(where: { $0.label == key }) else { return .missing }
        return .found(unwrap(match.value))
    }

    func unwrap(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first?.value
    }

    func unknown(_ name: String, at location: SourceLocation, in object: Any?) -> Diagnostic {
        let keys = object.map { Mirror(reflecting: $0).children.compactMap(\.label) } ?? []
        var notes = ["the view model here is \(object.map { String(describing: type(of: $0)) } ?? "nothing") with keys: \(keys.joined(separator: ", "))"]
        if let best = Suggestion.closest(to: name, in: keys) { notes.insert("did you mean '\(best)'?", at: 0) }
        return .error(.unknownTemplateKey, at: location, "unknown key '\(name)' in template", notes: notes)
    }
}

/// A template parsed once into nodes that keep their source positions, so the renderer can
/// report an unknown key with the template's file, line and column in the pass that renders.
///
/// Whitespace follows the Mustache spec's standalone-line rules exactly as swift-mustache 2.1.1
/// applied them (the site's bytes did not change when we replaced it): a line holding only a
/// section, inverted-section, closing, comment, partial, parent or block tag and spaces
/// disappears, and a standalone partial's indentation is repeated before each of its tokens.
struct TemplateSource: Sendable {
    indirect enum Node: Sendable {
        /// Literal bytes.
        case text([UInt8])
        /// `{{name}}` (escaped) or `{{{name}}}` / `{{&name}}` (not escaped).
        case variable(Key, SourceLocation, escaped: Bool)
        case section(Key, SourceLocation, [Node])
        case inverted(Key, SourceLocation, [Node])
        /// `{{>name}}`, or `{{<name}}` with the blocks it overrides; `indentation` is set when standalone.
        case partial(String, SourceLocation, indentation: [UInt8]?, overrides: [String: [Node]]?)
        /// `{{$name}}` with its default content.
        case block(String, indentation: [UInt8], [Node])
        /// A `{{$name}}` directly inside `{{<parent}}`: an override, collected by the parent.
        case blockDefinition(String, [Node])
    }

    /// A key as written and split at its dots, once, when the template is parsed.
    struct Key: Sendable {
        let name: String
        let parts: [String]
        init(_ name: String) {
            self.name = name
            parts = name == "." ? [] : name.split(separator: ".").map(String.init)
        }
    }

    let name: String
    let file: String
    let nodes: [Node]

    init(name: String, file: String, text: String) throws {
        self.name = name
        self.file = file
        var parser = Parser(file: file, text: text)
        nodes = try parser.parse(State())
    }

    /// Parser state, as swift-mustache keeps it: what section is open, and whether we stand at a line's start.
    struct State {
        var section: (name: String, location: SourceLocation)?
        var newLine = true
        var inPartialDefinition = false
        var partialDefinitionTopLevel = false
        var partialDefinitionIndent: [Character]?

        func opening(_ name: String, at location: SourceLocation, newLine: Bool) -> State {
            var state = self
            state.section = (name, location)
            state.partialDefinitionTopLevel = false
            if !newLine { state.newLine = false }
            return state
        }

        func openingParent(_ name: String, at location: SourceLocation) -> State {
            var state = self
            state.section = (name, location)
            state.newLine = true
            state.inPartialDefinition = true
            state.partialDefinitionTopLevel = true
            return state
        }
    }

    struct Parser {
        let file: String
        let chars: [Character]
        var index = 0
        /// Index of the first character of each line, for positions.
        let lineStarts: [Int]

        init(file: String, text: String) {
            self.file = file
            chars = Array(text)
            var starts = [0]
            for (i, c) in chars.enumerated() where c.isNewline { starts.append(i + 1) }
            lineStarts = starts
        }

        var atEnd: Bool { index >= chars.count }
        var current: Character { atEnd ? "\0" : chars[index] }

        func location(_ i: Int) -> SourceLocation {
            var low = 0, high = lineStarts.count - 1
            while low < high {
                let mid = (low + high + 1) / 2
                if lineStarts[mid] <= i { low = mid } else { high = mid - 1 }
            }
            return SourceLocation(file: file, line: low + 1, column: i - lineStarts[low] + 1)
        }

        func error(_ message: String, at i: Int, notes: [String] = []) -> Diagnostic {
            .error(.templateSyntax, at: location(i), message, notes: notes)
        }

        @discardableResult
        mutating func read(while set: (Character) -> Bool) -> [Character] {
            let start = index
            while !atEnd, set(chars[index]) { index += 1 }
            return Array(chars[start..<index])
        }

        mutating func read(_ string: String) -> Bool {
            var probe = index
            for wanted in string {
                guard probe < chars.count, chars[probe] == wanted else { return false }
                probe += 1
            }
            index = probe
            return true
        }

        /// Text up to a newline or an opening `{{` (which is consumed).
        mutating func readText() -> [Character] {
            let start = index
            while !atEnd {
                let c = chars[index]
                if c == "\n" || c == "\r\n" { break }
                if c == "{", index + 1 < chars.count, chars[index + 1] == "{" {
                    index += 2
                    return Array(chars[start..<index - 2])
                }
                index += 1
            }
            return Array(chars[start..<index])
        }

        static let nameCharacters = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*")
        static let partialNameCharacters = nameCharacters.union("/")

        mutating func readName(tag: Int, partial: Bool = false) throws -> String {
            read(while: \.isWhitespace)
            let name = String(read(while: { (partial ? Self.partialNameCharacters : Self.nameCharacters).contains($0) }))
            read(while: \.isWhitespace)
            if current == "(" {
                throw error("template transforms such as '\(name)(...)' are not supported in anslag templates", at: tag)
            }
            guard read("}}") else {
                guard firstIndex(of: "}}", from: index) != nil else { throw error("tag is never closed with '}}'", at: tag) }
                throw error("unexpected '\(current)' in the tag; expected a name of letters, digits, '.', '-' or '_', then '}}'", at: tag)
            }
            return name
        }

        /// At the end, or only spaces and a newline follow (consumed then).
        mutating func lineFinished() -> Bool {
            if atEnd { return true }
            var probe = index
            while probe < chars.count, chars[probe] == " " || chars[probe] == "\t" { probe += 1 }
            if probe < chars.count, chars[probe].isNewline {
                index = probe + 1
                return true
            }
            return false
        }

        mutating func standalone(_ state: State) -> Bool { state.newLine && lineFinished() }

        static func bytes(_ characters: [Character]) -> [UInt8] { Array(String(characters).utf8) }

        mutating func parse(_ initial: State) throws -> [Node] {
            var nodes: [Node] = []
            var state = initial
            var whitespace: [Character] = []
            func flush() {
                if !whitespace.isEmpty { nodes.append(.text(Self.bytes(whitespace))); whitespace = [] }
            }
            while !atEnd {
                if state.newLine {
                    let leading = read(while: { $0 == " " || $0 == "\t" })
                    if state.inPartialDefinition, !state.partialDefinitionTopLevel {
                        if let indent = state.partialDefinitionIndent {
                            whitespace = Array(leading.dropFirst(indent.count))
                        } else {
                            state.partialDefinitionIndent = leading
                        }
                    } else {
                        whitespace = leading
                    }
                }
                let textStart = index
                let text = readText()
                if !atEnd, current.isNewline {
                    nodes.append(.text(Self.bytes(whitespace + text + [current])))
                    state.newLine = true
                    index += 1
                    continue
                }
                if !text.isEmpty {
                    nodes.append(.text(Self.bytes(whitespace + text)))
                    whitespace = []
                    state.newLine = false
                }
                if atEnd {
                    // Text that ended the file, or a lone '{{' at its very end.
                    if index - textStart > text.count { throw error("tag is never closed with '}}'", at: index - 2) }
                    break
                }
                let tag = index - 2
                let location = self.location(tag)
                var setNewLine = false
                switch current {
                case "#", "^":
                    let inverted = current == "^"
                    index += 1
                    let name = try readName(tag: tag)
                    if standalone(state) { setNewLine = true } else { flush() }
                    let body = try parse(state.opening(name, at: location, newLine: setNewLine))
                    nodes.append(inverted ? .inverted(Key(name), location, body) : .section(Key(name), location, body))
                case "/":
                    index += 1
                    let name = try readName(tag: tag)
                    guard let open = state.section, open.name == name else {
                        let expected = state.section.map { ["expected '{{/\($0.name)}}', which closes the section opened at \($0.location)"] } ?? []
                        throw Diagnostic.error(.templateSyntax, at: location, "'{{/\(name)}}' closes no open section", notes: expected)
                    }
                    if !standalone(state) { flush() }
                    return nodes
                case "!":
                    guard let close = firstIndex(of: "}}", from: index) else { throw error("comment is never closed with '}}'", at: tag) }
                    index = close + 2
                    setNewLine = standalone(state)
                case "{", "&":
                    let triple = current == "{"
                    flush()
                    index += 1
                    let name = try readName(tag: tag)
                    if triple, !read("}") { throw error("'{{{' must be closed with '}}}'", at: tag) }
                    nodes.append(.variable(Key(name), location, escaped: false))
                case ">":
                    index += 1
                    read(while: \.isWhitespace)
                    if current == "*" { throw error("dynamic partials are not supported in anslag templates", at: tag) }
                    let name = try readName(tag: tag, partial: true)
                    if !whitespace.isEmpty { nodes.append(.text(Self.bytes(whitespace))) }
                    if standalone(state) {
                        setNewLine = true
                        nodes.append(.partial(name, location, indentation: Self.bytes(whitespace), overrides: nil))
                    } else {
                        nodes.append(.partial(name, location, indentation: nil, overrides: nil))
                    }
                    whitespace = []
                case "<":
                    index += 1
                    read(while: \.isWhitespace)
                    let name = try readName(tag: tag, partial: true)
                    if !whitespace.isEmpty { nodes.append(.text(Self.bytes(whitespace))) }
                    if standalone(state) { setNewLine = true }
                    var overrides: [String: [Node]] = [:]
                    for node in try parse(state.openingParent(name, at: location)) {
                        switch node {
                        case .blockDefinition(let block, let content): overrides[block] = content
                        case .text: break
                        default: throw error("only '{{$block}}' overrides may stand inside '{{<\(name)}}'", at: tag)
                        }
                    }
                    nodes.append(.partial(name, location, indentation: Self.bytes(whitespace), overrides: overrides))
                    whitespace = []
                case "$":
                    index += 1
                    let name = try readName(tag: tag)
                    if state.partialDefinitionTopLevel {
                        if standalone(state) { setNewLine = true }
                        nodes.append(.blockDefinition(name, try parse(state.opening(name, at: location, newLine: setNewLine))))
                    } else {
                        if !whitespace.isEmpty { nodes.append(.text(Self.bytes(whitespace))) }
                        if standalone(state) { setNewLine = true }
                        let content = try parse(state.opening(name, at: location, newLine: setNewLine))
                        nodes.append(.block(name, indentation: Self.bytes(whitespace), content))
                        whitespace = []
                    }
                case "=":
                    throw error("changing delimiters is not supported in anslag templates", at: tag)
                case "%":
                    throw error("configuration tags such as '{{%CONTENT_TYPE}}' are not supported in anslag templates", at: tag)
                default:
                    flush()
                    let name = try readName(tag: tag)
                    nodes.append(.variable(Key(name), location, escaped: true))
                }
                state.newLine = setNewLine
            }
            if let open = state.section {
                throw Diagnostic.error(.templateSyntax, at: open.location, "section '\(open.name)' is never closed")
            }
            return nodes
        }

        func firstIndex(of string: String, from start: Int) -> Int? {
            let wanted = Array(string)
            var i = start
            while i + wanted.count <= chars.count {
                if chars[i..<i + wanted.count].elementsEqual(wanted) { return i }
                i += 1
            }
            return nil
        }
    }
}

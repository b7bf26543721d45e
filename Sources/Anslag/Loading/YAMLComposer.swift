import CYaml

/// Where a YAML value starts: line and column from 1, the column counted in Unicode scalars.
struct YAMLMark: Sendable {
    var line: Int
    var column: Int

    init(_ mark: yaml_mark_t) {
        line = Int(mark.line) + 1
        column = Int(mark.column) + 1
    }

    func location(in file: String) -> SourceLocation { SourceLocation(file: file, line: line, column: column) }
}

/// A scalar as written: its text after YAML's escapes and folding, and whether it was plain
/// (unquoted, not a block scalar), which is what tells `null` from the text "null".
struct YAMLScalar: Sendable {
    let text: String
    let isPlain: Bool
    let mark: YAMLMark

    /// YAML's null: a plain scalar that is empty, `~` or `null`. Quoted and block scalars never are.
    var isNull: Bool {
        guard isPlain else { return false }
        // By length first: most values are neither empty nor four bytes long.
        switch text.utf8.count {
        case 0: return true
        case 1: return text == "~"
        case 4: return text == "null" || text == "Null" || text == "NULL"
        default: return false
        }
    }
}

/// A YAML document's tree as the reader uses it. Tags are ignored (every scalar is text until a
/// reader decides otherwise), an alias is a copy of its anchored value, and `<<` is an ordinary key.
enum YAMLNode: Sendable {
    case scalar(YAMLScalar)
    case sequence([YAMLNode], YAMLMark)
    /// Keys are always scalars (`YAMLComposer` refuses others), in the order written.
    case mapping([(key: YAMLScalar, value: YAMLNode)], YAMLMark)

    var mark: YAMLMark {
        switch self {
        case .scalar(let scalar): scalar.mark
        case .sequence(_, let mark), .mapping(_, let mark): mark
        }
    }
}

/// The one YAML reader for content: a single pass over libyaml's parser events that builds the
/// tree and refuses, on the way, what would make later steps slow or ambiguous: non-scalar keys,
/// alias expansion past a bound, nesting past a bound, and control characters in values (which
/// YAML escapes such as `"\r"` or `"\x07"` can produce even when the file's bytes are clean).
///
/// The pass is linear in the number of events: an alias adds the size its anchor was recorded with
/// and shares the anchored value's storage. Errors come in this order, as when the bounds were a
/// pass of their own before a full YAML library read the file: every bounds error found (a control
/// character does not stop the pass; the other bounds errors and syntax errors do), else the first
/// error in the structure (an undefined alias, a key given twice, a second document), else the
/// syntax error, else "file is empty" when there is no document.
enum YAMLComposer {
    /// Most values (scalars, lists and mappings) a document may hold once aliases are expanded.
    static let maxValues = 1_000_000
    /// Deepest nesting of lists and mappings.
    static let maxDepth = 32

    /// A list or mapping being read.
    private struct Frame {
        let mark: YAMLMark
        let anchor: String?
        /// Values once aliases are expanded, this one included.
        var size = 1
        var items: [YAMLNode] = []
        /// Non-nil for a mapping.
        var entries: [(key: YAMLScalar, value: YAMLNode)]?
        /// A mapping's key read, waiting for its value.
        var key: YAMLScalar?
        /// A large mapping's keys and each one as first given (keys equal as Swift strings may
        /// differ in their bytes, as a precomposed and a decomposed "é"; the first is the one
        /// named). Small mappings search their entries instead of hashing every key.
        var keyIndex: [String: YAMLScalar]?
        /// A mapping's keys given again, with where they were first and second given.
        var repeated: [(key: String, first: YAMLMark, second: YAMLMark)] = []

        var isMapping: Bool { entries != nil }
        var expectingKey: Bool { entries != nil && key == nil }

        /// Past this many keys, a mapping looks its keys up in `keyIndex`.
        static let keysSearched = 12

        /// The key equal to `key` given before in this mapping, if any, remembering `key` for
        /// the keys still to come.
        mutating func firstGiven(_ key: YAMLScalar) -> YAMLScalar? {
            guard let entries else { return nil }
            if keyIndex == nil, entries.count < Self.keysSearched {
                return entries.first(where: { $0.key.text == key.text })?.key
            }
            if keyIndex == nil {
                keyIndex = Dictionary(entries.map { ($0.key.text, $0.key) }, uniquingKeysWith: { first, _ in first })
            }
            if let first = keyIndex?[key.text] { return first }
            keyIndex?[key.text] = key
            return nil
        }
    }

    /// The state of one pass over a file.
    private struct Pass {
        let file: String
        var stack: [Frame] = []
        /// Each anchor's last finished value and its expanded size (an anchor may be redefined).
        var anchors: [String: (node: YAMLNode, size: Int)] = [:]
        var total = 0
        /// The first document's root, once finished.
        var root: YAMLNode?
        var documents = 0
        /// Bounds errors, in the order found.
        var bounds: [Diagnostic] = []
        /// The first error in the document's structure; the pass goes on to find bounds errors.
        var structure: Diagnostic?

        init(file: String) { self.file = file }

        mutating func structureError(_ diagnostic: Diagnostic) {
            if structure == nil { structure = diagnostic }
        }

        /// Counts `count` more values once aliases are expanded; false (with an error) past the bound.
        mutating func count(_ count: Int, at mark: YAMLMark) -> Bool {
            total += count
            guard total <= maxValues else {
                bounds.append(.error(.yamlTooLarge, at: mark.location(in: file),
                                     "the document holds more than \(maxValues) values once its aliases are expanded",
                                     notes: ["write the values out, or use fewer aliases (*name)"]))
                return false
            }
            return true
        }

        /// A value about to start: refuses it as a mapping key unless it is plain text.
        mutating func startValue(_ what: String, at mark: YAMLMark) -> Bool {
            guard let top = stack.last, top.expectingKey else { return true }
            bounds.append(.error(.complexKey, at: mark.location(in: file), "keys must be plain text, found \(what)",
                                 notes: ["write the key as text followed by ':'"]))
            return false
        }

        /// Adds a finished value of `size` to its parent, or makes it the document's root.
        mutating func finish(_ node: YAMLNode, size: Int, anchor: String?) {
            if let anchor { anchors[anchor] = (node, size) }
            guard !stack.isEmpty else {
                if documents == 1 { root = node }
                return
            }
            let top = stack.count - 1
            stack[top].size += size
            guard stack[top].isMapping else {
                stack[top].items.append(node)
                return
            }
            guard let key = stack[top].key else {
                // `startValue` lets only scalars through as keys.
                guard case .scalar(let scalar) = node else { return }
                if let first = stack[top].firstGiven(scalar) {
                    if !stack[top].repeated.contains(where: { $0.key == first.text }) {
                        stack[top].repeated.append((first.text, first.mark, scalar.mark))
                    }
                }
                stack[top].key = scalar
                return
            }
            stack[top].entries?.append((key, node))
            stack[top].key = nil
        }

        /// Finishes the innermost list or mapping; a mapping with a key given twice is an error
        /// (the alphabetically first such key, as the YAML library before reported it).
        mutating func end() {
            guard let frame = stack.popLast() else { return }
            if let repeated = frame.repeated.min(by: { $0.key < $1.key }) {
                structureError(.error(.duplicateKey, at: repeated.second.location(in: file),
                                      "key '\(repeated.key)' is given twice",
                                      notes: ["first given at \(repeated.first.location(in: file))"]))
            }
            let node: YAMLNode = frame.entries.map { .mapping($0, frame.mark) } ?? .sequence(frame.items, frame.mark)
            finish(node, size: frame.size, anchor: frame.anchor)
        }
    }

    /// Reads a whole file into its first document's root, or throws as described on the type.
    static func compose(_ source: SourceText) throws -> YAMLNode {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { outOfMemory(source.path) }
        defer { yaml_parser_delete(&parser) }
        var text = source.text
        var pass = Pass(file: source.path)
        let syntax: Diagnostic? = text.withUTF8 { buffer in
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            return run(&parser, &pass)
        }
        if pass.bounds.count == 1 { throw pass.bounds[0] }
        if !pass.bounds.isEmpty { throw DiagnosticList(pass.bounds) }
        if let structure = pass.structure { throw structure }
        if let syntax { throw syntax }
        guard let root = pass.root else { throw Diagnostic.error(.emptyFile, at: .file(source.path), "file is empty") }
        return root
    }

    /// Reads events until the stream ends, a syntax error (returned) or a bounds error that stops the pass.
    private static func run(_ parser: inout yaml_parser_t, _ pass: inout Pass) -> Diagnostic? {
        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) == 1 else { return syntaxError(parser, file: pass.file) }
            defer { yaml_event_delete(&event) }
            let mark = YAMLMark(event.start_mark)
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return nil
            case YAML_DOCUMENT_START_EVENT:
                pass.documents += 1
                if pass.documents == 2 {
                    pass.structureError(.error(.yamlSyntax, at: mark.location(in: pass.file),
                                               "invalid YAML: expected a single document in the stream but found another document"))
                }
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let bytes = UnsafeBufferPointer(start: scalar.value, count: scalar.length)
                let value = String(decoding: bytes, as: UTF8.self)
                if mayHoldRefused(bytes), let offset = value.unicodeScalars.firstIndex(where: ControlCharacters.isRefused) {
                    let character = value.unicodeScalars[offset]
                    pass.bounds.append(.error(.controlCharacter, at: mark.location(in: pass.file),
                                              "the value contains the control character \(ControlCharacters.name(character))",
                                              notes: ["remove it; only tab and line breaks are allowed in text"]))
                }
                guard pass.count(1, at: mark) else { return nil }
                let node = YAMLScalar(text: value, isPlain: scalar.style == YAML_PLAIN_SCALAR_STYLE, mark: mark)
                pass.finish(.scalar(node), size: 1, anchor: string(scalar.anchor))
            case YAML_ALIAS_EVENT:
                guard pass.startValue("an alias (*name)", at: mark) else { return nil }
                // An anchor is defined once its value is finished, so an alias inside it is undefined.
                let anchored = string(event.data.alias.anchor).flatMap { pass.anchors[$0] }
                if anchored == nil {
                    pass.structureError(.error(.yamlSyntax, at: mark.location(in: pass.file), "invalid YAML: found undefined alias"))
                }
                let size = anchored?.size ?? 1
                guard pass.count(size, at: mark) else { return nil }
                // After an undefined alias the tree is never used; the pass only goes on for bounds errors.
                pass.finish(anchored?.node ?? .scalar(YAMLScalar(text: "", isPlain: true, mark: mark)), size: size, anchor: nil)
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                let isMapping = event.type == YAML_MAPPING_START_EVENT
                guard pass.startValue(isMapping ? "a mapping" : "a list", at: mark) else { return nil }
                guard pass.stack.count < maxDepth else {
                    pass.bounds.append(.error(.yamlTooDeep, at: mark.location(in: pass.file),
                                              "lists and mappings are nested more than \(maxDepth) deep"))
                    return nil
                }
                guard pass.count(1, at: mark) else { return nil }
                let anchor = isMapping ? string(event.data.mapping_start.anchor) : string(event.data.sequence_start.anchor)
                pass.stack.append(Frame(mark: mark, anchor: anchor, entries: isMapping ? [] : nil))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                pass.end()
            default:
                continue
            }
        }
    }

    /// libyaml's error as the message an author sees: the problem (after its context, if any) at
    /// the problem's position; a reader error (such as an invalid character) names the file only.
    private static func syntaxError(_ parser: yaml_parser_t, file: String) -> Diagnostic {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
        switch parser.error {
        case YAML_SCANNER_ERROR, YAML_PARSER_ERROR:
            let detail = parser.context.map { "\(String(cString: $0)) " } ?? ""
            return .error(.yamlSyntax, at: YAMLMark(parser.problem_mark).location(in: file), "invalid YAML: \(detail)\(problem)")
        case YAML_READER_ERROR:
            return .error(.yamlSyntax, at: .file(file), "invalid YAML: \(problem)")
        case YAML_MEMORY_ERROR:
            outOfMemory(file)
        default:
            return .error(.yamlSyntax, at: .file(file), "invalid YAML: \(problem)")
        }
    }

    /// libyaml could not allocate: not the file's fault, so no diagnostic about it. The process
    /// stops as on any failed allocation in Swift (a preview worker past its memory limit is
    /// then reported by the signal it died of).
    private static func outOfMemory(_ file: String) -> Never {
        fatalError("out of memory while reading \(file)")
    }

    /// False when UTF-8 `bytes` cannot hold a character `ControlCharacters` refuses: no C0
    /// control but tab and line feed, no DEL, and no lead byte of a C1 control (0xC2) or of
    /// U+FFFE and U+FFFF (0xEF). A quick test on bytes, before the exact one on characters.
    private static func mayHoldRefused(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.contains { ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A) || $0 == 0x7F || $0 == 0xC2 || $0 == 0xEF }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
    }
}

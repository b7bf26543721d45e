import CYaml

/// A pass over a YAML file's parser events, before Yams builds its tree, that refuses what would
/// make later steps slow or ambiguous: non-scalar keys (Yams hashes whole key trees to find
/// duplicates, so an aliased nested key costs time exponential in the file's size), alias expansion
/// past a bound, nesting past a bound, and control characters in values (which YAML escapes such
/// as `"\r"` or `"\x07"` can produce even when the file's bytes are clean).
///
/// The pass is linear in the number of events: an alias adds the size its anchor was recorded with
/// and is never walked. A syntax error stops the pass quietly; Yams then reports it with its position.
enum YAMLBounds {
    /// Most values (scalars, lists and mappings) a document may hold once aliases are expanded.
    static let maxValues = 1_000_000
    /// Deepest nesting of lists and mappings.
    static let maxDepth = 32

    private struct Frame {
        var isMapping: Bool
        var expectingKey: Bool
        var size: Int
        var anchor: String?
    }

    static func check(_ source: SourceText) throws {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return }
        defer { yaml_parser_delete(&parser) }
        let bytes = Array(source.text.utf8)
        var found: [Diagnostic] = []
        bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var stack: [Frame] = []
            var anchorSizes: [String: Int] = [:]
            var total = 0
            func location(_ mark: yaml_mark_t) -> SourceLocation {
                SourceLocation(file: source.path, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
            }
            /// Counts `count` more values once aliases are expanded; false (with an error) past the bound.
            func count(_ count: Int, at mark: yaml_mark_t) -> Bool {
                total += count
                guard total <= maxValues else {
                    found.append(.error(.yamlTooLarge, at: location(mark),
                                        "the document holds more than \(maxValues) values once its aliases are expanded",
                                        notes: ["write the values out, or use fewer aliases (*name)"]))
                    return false
                }
                return true
            }
            /// Adds a finished value of `size` to its parent (and records its anchor's size).
            func finish(_ size: Int, anchor: String?) {
                if let anchor { anchorSizes[anchor] = size }
                guard !stack.isEmpty else { return }
                stack[stack.count - 1].size += size
                if stack[stack.count - 1].isMapping { stack[stack.count - 1].expectingKey.toggle() }
            }
            /// A value about to start: refuses it as a mapping key unless it is plain text.
            func startValue(_ what: String?, at mark: yaml_mark_t) -> Bool {
                guard let what, let top = stack.last, top.isMapping, top.expectingKey else { return true }
                found.append(.error(.complexKey, at: location(mark), "keys must be plain text, found \(what)",
                                    notes: ["write the key as text followed by ':'"]))
                return false
            }
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return }
                defer { yaml_event_delete(&event) }
                let mark = event.start_mark
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return
                case YAML_SCALAR_EVENT:
                    let scalar = event.data.scalar
                    let value = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
                    if let offset = value.unicodeScalars.firstIndex(where: ControlCharacters.isRefused) {
                        let character = value.unicodeScalars[offset]
                        found.append(.error(.controlCharacter, at: location(mark),
                                            "the value contains the control character \(ControlCharacters.name(character))",
                                            notes: ["remove it; only tab and line breaks are allowed in text"]))
                    }
                    guard count(1, at: mark) else { return }
                    finish(1, anchor: string(scalar.anchor))
                case YAML_ALIAS_EVENT:
                    guard startValue("an alias (*name)", at: mark) else { return }
                    // An undefined alias is left for Yams to report.
                    let size = string(event.data.alias.anchor).flatMap { anchorSizes[$0] } ?? 1
                    guard count(size, at: mark) else { return }
                    finish(size, anchor: nil)
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    let isMapping = event.type == YAML_MAPPING_START_EVENT
                    guard startValue(isMapping ? "a mapping" : "a list", at: mark) else { return }
                    guard stack.count < maxDepth else {
                        found.append(.error(.yamlTooDeep, at: location(mark), "lists and mappings are nested more than \(maxDepth) deep"))
                        return
                    }
                    guard count(1, at: mark) else { return }
                    let anchor = isMapping ? string(event.data.mapping_start.anchor) : string(event.data.sequence_start.anchor)
                    stack.append(Frame(isMapping: isMapping, expectingKey: true, size: 1, anchor: anchor))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    guard let frame = stack.popLast() else { return }
                    finish(frame.size, anchor: frame.anchor)
                default:
                    continue
                }
            }
        }
        if found.count == 1 { throw found[0] }
        if !found.isEmpty { throw DiagnosticList(found) }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
    }
}

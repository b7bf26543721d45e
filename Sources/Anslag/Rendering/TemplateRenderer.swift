/// Renders a parsed template over a page's `TemplateTree` and checks every key in the same pass:
/// a key that resolves nowhere is an error with the template's file, line and column.
///
/// Lookups follow Mustache (and swift-mustache, whose output this reproduces byte for byte): a
/// name is looked up the context stack, then down its dotted parts. Unlike swift-mustache, a key
/// that exists but is empty is not skipped in favour of an outer key of the same name: that is an
/// error too, since the template would silently show the outer value.
struct TemplateRenderer: ~Copyable {
    let program: TemplateProgram
    /// The program's instructions, texts and key parts (kept alive by `program`).
    let ops: UnsafeMutableBufferPointer<TemplateProgram.Op>
    let bytes: UnsafeMutableBufferPointer<UInt8>
    let keyParts: UnsafeMutableBufferPointer<String>
    let keyPartUTF8: UnsafeMutableBufferPointer<UnsafeBufferPointer<UInt8>>
    /// Where key parts were found before, in each type of object.
    let slots: KeySlots
    var out = ByteWriter(capacity: 64 * 1024)
    /// The sections entered, innermost last: `depth` values from `stack`. Plain memory rather
    /// than an array, which checked its bounds and uniqueness on every section entered and left.
    /// A `Value` is plain numbers, so leaving a section only lowers `depth`.
    var stack: UnsafeMutablePointer<Value>
    var depth = 0
    var stackCapacity = 32
    /// The page's tree, read in place.
    let tree: TemplateTree

    typealias Value = TemplateTree.Value

    /// Partials and parents nest at most this deep; deeper means a partial includes itself.
    static let maximumDepth = 20

    init(program: TemplateProgram, slots: KeySlots, tree: TemplateTree) {
        self.program = program
        self.slots = slots
        self.tree = tree
        ops = program.frozen.ops
        bytes = program.frozen.bytes
        keyParts = program.frozen.keyParts
        keyPartUTF8 = program.frozen.keyPartUTF8
        stack = .allocate(capacity: stackCapacity)
    }

    deinit { stack.deallocate() }

    /// Enters a section whose context is `value`.
    mutating func push(_ value: Value) {
        if depth == stackCapacity {
            let larger = UnsafeMutablePointer<Value>.allocate(capacity: 2 * stackCapacity)
            larger.moveInitialize(from: stack, count: depth)
            stack.deallocate()
            stack = larger
            stackCapacity *= 2
        }
        (stack + depth).initialize(to: value)
        depth += 1
    }

    /// What a partial or block sees: its indentation and the block overrides in force.
    struct Scope {
        var indentation: [UInt8]?
        /// Outer overrides first: the first entry for a block wins, as in swift-mustache.
        var overrides: [TemplateProgram.Override] = []
        var depth = 0
    }

    mutating func render(_ template: Range<Int>) throws -> [UInt8] {
        out.removeAll()
        depth = 0
        push(tree.root)
        try render(template.lowerBound, template.upperBound, Scope(), emit: true)
        return out.withBytes { Array($0) }
    }

    /// Renders the instructions `start..<end` as swift-mustache rendered one node list: an
    /// indentation in force is written before each token that produces output right after a
    /// newline of this list's own output.
    mutating func render(_ start: Int, _ end: Int, _ scope: Scope, emit: Bool) throws {
        var index = start
        guard emit, let indentation = scope.indentation, !indentation.isEmpty else {
            while index < end { index = try render(at: index, scope, emit: emit) }
            return
        }
        let first = out.count
        while index < end {
            let before = out.count
            let afterNewline = before > first && out[before - 1] == UInt8(ascii: "\n")
            index = try render(at: index, scope, emit: emit)
            if afterNewline, out.count > before { out.insert(contentsOf: indentation, at: before) }
        }
    }

    /// Renders the instruction at `index` with its content; returns the index of the next one.
    mutating func render(at index: Int, _ scope: Scope, emit: Bool) throws -> Int {
        let op = ops[index]
        switch op.kind {
        case .text:
            if emit { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[Int(op.a)..<Int(op.a + op.b)])) }
        case .variable:
            let value = try resolve(op)
            guard emit else { break }
            switch value.kind {
            case .null: break
            case .string:
                let string = tree.bytes(of: value)
                op.c == 1 ? Self.appendEscaped(string, to: &out) : out.append(contentsOf: string)
            case .int: out.append(utf8: String(value.payload))
            case .bool: out.append(value.payload != 0 ? "true" : "false")
            case .list, .object:
                let key = program.keys[Int(op.info)]
                throw Diagnostic.error(.templateValue, at: key.location, "'\(key.name)' is a \(tree.described(value)); '{{\(key.name)}}' needs text or a number",
                                       notes: ["use '{{#\(key.name)}}…{{/\(key.name)}}' to show its parts"])
            }
        case .section:
            let value = try resolve(op)
            let content = index + 1
            switch value.kind {
            case .null: break
            case .bool: if value.payload != 0 { try render(content, Int(op.end), scope, emit: emit) }
            case .list:
                for element in tree.entryBuffer(of: value) {
                    push(element)
                    try render(content, Int(op.end), scope, emit: emit)
                    depth -= 1
                }
            default:
                push(value)
                try render(content, Int(op.end), scope, emit: emit)
                depth -= 1
            }
        case .inverted:
            let value = try resolve(op)
            let shown: Bool
            switch value.kind {
            case .null: shown = true
            case .bool: shown = value.payload == 0
            case .list: shown = value.count == 0
            default: shown = false
            }
            // Keys inside are checked even when the content is not shown.
            try render(index + 1, Int(op.end), scope, emit: emit && shown)
        case .partial:
            guard op.a >= 0 else {
                let partial = program.partials[Int(op.info)]
                let kind = op.f < 0 ? "partial" : "parent template"
                throw Diagnostic.error(.missingTemplate, at: partial.location, "unknown \(kind) '\(partial.name)'",
                                       notes: Suggestion.closest(to: partial.name, in: Array(program.templates.keys)).map { ["did you mean '\($0)'?"] } ?? [])
            }
            guard scope.depth < Self.maximumDepth else {
                let partial = program.partials[Int(op.info)]
                throw Diagnostic.error(.templateSyntax, at: partial.location, "partials nest more than \(Self.maximumDepth) deep: '\(partial.name)' includes itself")
            }
            var inner = scope
            inner.depth += 1
            if op.d >= 0 { inner.indentation = (scope.indentation ?? []) + UnsafeBufferPointer(rebasing: bytes[Int(op.c)..<Int(op.c + op.d)]) }
            if op.f >= 0 {
                // Blocks overridden further out win, as in swift-mustache.
                inner.overrides.append(contentsOf: program.overrides[Int(op.e)..<Int(op.e + op.f)])
            }
            try render(Int(op.a), Int(op.b), inner, emit: emit)
        case .block:
            var inner = scope
            inner.indentation = (scope.indentation ?? []) + UnsafeBufferPointer(rebasing: bytes[Int(op.c)..<Int(op.c + op.d)])
            if let override = scope.overrides.first(where: { $0.block == op.a }) {
                try render(Int(override.start), Int(override.end), inner, emit: emit)
            } else {
                try render(index + 1, Int(op.end), inner, emit: emit)
            }
        case .skip:
            break
        }
        return Int(op.end)
    }

    // MARK: - Keys

    /// The value a key instruction's name resolves to. A key that exists but is empty resolves
    /// to `.null`; a key that exists nowhere is an error.
    @inline(__always)
    func resolve(_ op: TemplateProgram.Op) throws -> Value {
        guard op.b > 0 else { return stack[depth - 1] }
        // Most keys are one name found in the innermost object, and not empty there.
        if op.b == 1, let value = child(of: stack[depth - 1], Int(op.a)), value.kind != .null { return value }
        return try resolveDotted(op)
    }

    /// `resolve` for a key not settled by the innermost object alone.
    func resolveDotted(_ op: TemplateProgram.Op) throws -> Value {
        let first = Int(op.a)
        var value = try resolveFirst(first, op)
        for part in first + 1..<first + Int(op.b) {
            if value.kind == .null { return .null }
            guard let next = child(of: value, part) else {
                let key = program.keys[Int(op.info)]
                throw unknown(key.name, at: key.location, in: value)
            }
            value = next
        }
        return value
    }

    /// The value of key part `part` in `value`, when that is an object that has it.
    @inline(__always)
    func child(of value: Value, _ part: Int) -> Value? {
        guard value.kind == .object, let type = value.type,
              let field = slots.fieldIndex(type: type, count: value.count, keys: tree.keyBuffer(of: value), part: part, key: keyPartUTF8[part]) else { return nil }
        return tree.entryBuffer(of: value)[field]
    }

    /// The value of key part `part`, searched from the innermost object of the stack outwards.
    func resolveFirst(_ part: Int, _ op: TemplateProgram.Op) throws -> Value {
        var index = depth - 1
        while index >= 0 {
            if let value = child(of: stack[index], part) {
                if value.kind == .null, (0..<index).contains(where: { child(of: stack[$0], part) != nil }) {
                    let key = keyParts[part]
                    throw Diagnostic.error(.ambiguousTemplateKey, at: program.keys[Int(op.info)].location,
                                           "key '\(key)' is empty here, so the template would use an outer '\(key)' instead",
                                           notes: ["give the inner value a non-optional type or a Bool flag such as 'has\(key.prefix(1).uppercased() + key.dropFirst())'"])
                }
                return value
            }
            index -= 1
        }
        throw unknown(keyParts[part], at: program.keys[Int(op.info)].location, in: depth > 0 ? stack[depth - 1] : nil)
    }

    func unknown(_ name: String, at location: SourceLocation, in value: Value?) -> Diagnostic {
        var keys: [String] = []
        let described = value.map(tree.described) ?? "nothing"
        if let value, value.kind == .object { keys = tree.keys(of: value) }
        var notes = ["the view model here is \(described) with keys: \(keys.joined(separator: ", "))"]
        if let best = Suggestion.closest(to: name, in: keys) { notes.insert("did you mean '\(best)'?", at: 0) }
        return .error(.unknownTemplateKey, at: location, "unknown key '\(name)' in template", notes: notes)
    }

    // MARK: - Escaping

    /// HTML-escapes as swift-mustache did: `<`, `>`, `&`, `"` and `'`.
    static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout ByteWriter) {
        var start = 0
        while true {
            let index = ByteSet.html.firstIndex(in: bytes, from: start)
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


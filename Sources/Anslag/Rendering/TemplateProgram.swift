/// The library's parsed templates laid out once as one flat list of plain instructions, which
/// `TemplateRenderer` walks by index.
///
/// Every rendering thread reads the same templates. Walking `TemplateSource`'s boxed node tree
/// counted a reference up and down on each node and key it visited, and since those counts sat in
/// memory shared by all cores, that was a tenth of a 10 000-page build. An `Op` holds only
/// numbers: text is a range of `bytes`, a key a range of `keyParts`, a section's content the
/// instructions up to its `end`, a partial the range of the template it includes. Names and
/// positions are looked up by index only to word an error.
struct TemplateProgram: Sendable {
    enum Kind: UInt8, Sendable {
        /// `a..<a+b` of `bytes`.
        case text
        /// Key parts `a..<a+b` of `keyParts` (none for `.`); escaped when `c` is 1; `info` indexes `keys`.
        case variable
        /// As `variable`, with its content in the instructions up to `end`.
        case section
        case inverted
        /// The template at instructions `a..<b` (`a` is -1 when no such template exists);
        /// indentation `c..<c+d` of `bytes` (`d` is -1 when the tag is not standalone); block
        /// overrides `e..<e+f` of `overrides` (`f` is -1 for `{{>…}}`); `info` indexes `partials`.
        case partial
        /// Block `a`, its indentation `c..<c+d` of `bytes`, its default content up to `end`.
        case block
        /// A block override inside a parent tag: collected in `overrides`, passed over here.
        case skip
    }

    struct Op: Sendable {
        var kind: Kind
        var a: Int32 = 0
        var b: Int32 = 0
        var c: Int32 = 0
        var d: Int32 = -1
        var e: Int32 = 0
        var f: Int32 = -1
        /// The index of the instruction after this one and its content.
        var end: Int32 = 0
        var info: Int32 = 0
    }

    /// A block override of a parent tag: block `block` is replaced by instructions `start..<end`.
    struct Override: Sendable {
        let block: Int32
        let start: Int32
        let end: Int32
    }

    /// A key, partial or parent as written and where, for messages.
    struct Tag: Sendable {
        let name: String
        let location: SourceLocation
    }

    /// Names and positions of keys and of partial and parent tags, by an instruction's `info`.
    let keys: [Tag]
    let partials: [Tag]
    let overrides: [Override]
    /// Each template's instructions.
    let templates: [String: Range<Int>]
    /// The instructions, texts and key parts, as the renderer reads them.
    let frozen: Frozen
    /// Where the key parts were found in each type of view model, kept from page to page.
    let slots: KeySlots.Pool

    /// A copy of the instructions, texts and key parts in memory of their own, read through plain
    /// pointers: reading an array that every thread shares counts a reference on it, reading
    /// through a pointer does not. Freed with the last program that holds it.
    final class Frozen: @unchecked Sendable {
        // Unchecked: written once in `init`, only read afterwards.
        let ops: UnsafeMutableBufferPointer<Op>
        let bytes: UnsafeMutableBufferPointer<UInt8>
        let keyParts: UnsafeMutableBufferPointer<String>
        /// Each key part's UTF-8 bytes (in `keyBytes`), which the renderer compares with field keys.
        let keyPartUTF8: UnsafeMutableBufferPointer<UnsafeBufferPointer<UInt8>>
        private let keyBytes: UnsafeMutableBufferPointer<UInt8>

        init(ops: [Op], bytes: [UInt8], keyParts: [String]) {
            self.ops = .allocate(capacity: ops.count)
            _ = self.ops.initialize(from: ops)
            self.bytes = .allocate(capacity: bytes.count)
            _ = self.bytes.initialize(from: bytes)
            self.keyParts = .allocate(capacity: keyParts.count)
            _ = self.keyParts.initialize(from: keyParts)
            let utf8 = keyParts.map { Array($0.utf8) }
            keyBytes = .allocate(capacity: max(1, utf8.reduce(0) { $0 + $1.count }))
            keyPartUTF8 = .allocate(capacity: keyParts.count)
            var offset = 0
            for (index, part) in utf8.enumerated() {
                _ = UnsafeMutableBufferPointer(rebasing: keyBytes[offset..<offset + part.count]).initialize(from: part)
                keyPartUTF8[index] = UnsafeBufferPointer(start: keyBytes.baseAddress! + offset, count: part.count)
                offset += part.count
            }
        }

        deinit {
            ops.deallocate()
            bytes.deallocate()
            keyParts.deinitialize()
            keyParts.deallocate()
            keyPartUTF8.deallocate()
            keyBytes.deallocate()
        }
    }

    init(_ sources: [String: TemplateSource]) {
        var layout = Layout()
        var templates: [String: Range<Int>] = [:]
        // Templates are laid out in name order, so the program does not depend on hashing.
        for name in sources.keys.sorted() {
            let start = layout.ops.count
            layout.emit(sources[name]!.nodes)
            templates[name] = start..<layout.ops.count
        }
        for (op, name) in layout.pendingPartials {
            if let range = templates[name] {
                layout.ops[op].a = Int32(range.lowerBound)
                layout.ops[op].b = Int32(range.upperBound)
            } else {
                layout.ops[op].a = -1
            }
        }
        keys = layout.keys
        partials = layout.partials
        overrides = layout.overrides
        self.templates = templates
        frozen = Frozen(ops: layout.ops, bytes: layout.bytes, keyParts: layout.keyParts)
        slots = KeySlots.Pool(keyParts: layout.keyParts.count)
    }

    /// The lists as the templates are laid out, before `Frozen` takes the instructions, texts
    /// and key parts.
    private struct Layout {
        var ops: [Op] = []
        var bytes: [UInt8] = []
        var keyParts: [String] = []
        var keys: [Tag] = []
        var partials: [Tag] = []
        var overrides: [Override] = []
        /// Partial instructions and the template each names, resolved once all are laid out.
        var pendingPartials: [(op: Int, name: String)] = []
        var blockIDs: [String: Int32] = [:]

        mutating func emit(_ nodes: [TemplateSource.Node]) {
            for node in nodes {
                let index = ops.count
                defer { ops[index].end = Int32(ops.count) }
                switch node {
                case .text(let text):
                    ops.append(Op(kind: .text, a: Int32(bytes.count), b: Int32(text.count)))
                    bytes.append(contentsOf: text)
                case .variable(let key, let location, let escaped):
                    var op = keyOp(.variable, key, location)
                    op.c = escaped ? 1 : 0
                    ops.append(op)
                case .section(let key, let location, let children), .inverted(let key, let location, let children):
                    let kind: Kind
                    if case .section = node { kind = .section } else { kind = .inverted }
                    ops.append(keyOp(kind, key, location))
                    emit(children)
                case .partial(let name, let location, let indentation, let blockOverrides):
                    var op = Op(kind: .partial, info: Int32(partials.count))
                    partials.append(Tag(name: name, location: location))
                    if let indentation {
                        op.c = Int32(bytes.count)
                        op.d = Int32(indentation.count)
                        bytes.append(contentsOf: indentation)
                    }
                    ops.append(op)
                    pendingPartials.append((index, name))
                    if let blockOverrides {
                        // Each override's content follows the tag as passed-over instructions.
                        var entries: [Override] = []
                        for block in blockOverrides.keys.sorted() {
                            let skip = ops.count
                            ops.append(Op(kind: .skip))
                            emit(blockOverrides[block]!)
                            ops[skip].end = Int32(ops.count)
                            entries.append(Override(block: id(of: block), start: Int32(skip + 1), end: Int32(ops.count)))
                        }
                        ops[index].e = Int32(overrides.count)
                        ops[index].f = Int32(entries.count)
                        overrides.append(contentsOf: entries)
                    }
                case .block(let name, let indentation, let content):
                    ops.append(Op(kind: .block, a: id(of: name), c: Int32(bytes.count), d: Int32(indentation.count)))
                    bytes.append(contentsOf: indentation)
                    emit(content)
                case .blockDefinition(_, let content):
                    ops.append(Op(kind: .skip))
                    emit(content)
                }
            }
        }

        mutating func keyOp(_ kind: Kind, _ key: TemplateSource.Key, _ location: SourceLocation) -> Op {
            let op = Op(kind: kind, a: Int32(keyParts.count), b: Int32(key.parts.count), info: Int32(keys.count))
            keyParts.append(contentsOf: key.parts)
            keys.append(Tag(name: key.name, location: location))
            return op
        }

        mutating func id(of block: String) -> Int32 {
            if let id = blockIDs[block] { return id }
            let id = Int32(blockIDs.count)
            blockIDs[block] = id
            return id
        }
    }
}

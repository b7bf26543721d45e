/// What a template reads: a page's view model laid out once in a few flat buffers.
///
/// Each view model lists its fields by hand (`TemplateObject`), in declaration order under the
/// property's name, so no generic encoder, container or reflection runs. The tree holds no
/// reference-counted value: texts are copied as UTF-8 into `text`, keys are the view models'
/// string literals, and a value is a few plain numbers (`Value`). So the renderer reads it in
/// place, and a page's tree is freed as a few buffers, not as one object per field
/// (BENCHMARKS.md, round 8). `ViewModelFieldTests` checks every list against the type's stored
/// properties, so a field left out is a failing test.
///
/// A container's entries (a list's elements, an object's fields) are contiguous in the buffer of
/// its nesting level: while a container is being built, only its own entries go to that level
/// (what its fields hold goes one level deeper and is finished first), so nothing is copied into
/// place afterwards. Built once, then only read: copies share the buffers.
public struct TemplateTree: @unchecked Sendable {
    // Unchecked: the buffers are written while the tree is built, by one thread, and only read after.

    /// One value: a leaf in place, or where a list's elements or an object's fields are.
    public struct Value: @unchecked Sendable {
        // Unchecked: `type` is a metatype, read for lookups and messages only.
        public enum Kind: UInt8, Sendable {
            /// A key that is present but holds nothing (a nil optional): renders empty, is false in a section.
            case null
            /// A flag (`payload` 1 or 0): shows a section when true, prints `true`/`false` as a variable.
            case bool
            /// A whole number (`payload`), printed in decimal.
            case int
            /// Text: `count` bytes of `text` from `payload`, HTML-escaped unless the tag is `{{{…}}}` or `{{&…}}`.
            case string
            /// A sequence: `count` entries of level `level` from `payload`; a section repeats once
            /// per element; empty counts as false.
            case list
            /// A view model's keys: `count` entries of level `level` from `payload`, with their
            /// keys; a section over it makes them visible to the tags inside.
            case object
        }

        var payload: Int
        var count: UInt32
        public var kind: Kind
        /// The nesting level whose buffers hold a list's or object's entries.
        var level: UInt8
        /// The view model's type, for an object: the renderer remembers per type where a key is (`KeySlots`).
        var type: Any.Type?

        static let null = Value(payload: 0, count: 0, kind: .null, level: 0, type: nil)
    }

    /// Memory for plain values (no reference counts), grown by doubling. A plain value itself:
    /// the tree's `Owner` frees it.
    struct Buffer<Element> {
        private(set) var base: UnsafeMutablePointer<Element>
        private(set) var count = 0
        private var capacity: Int

        init(capacity: Int) {
            self.capacity = capacity
            base = .allocate(capacity: capacity)
        }

        @inline(__always)
        mutating func append(_ element: Element) {
            if count == capacity { grow(1) }
            (base + count).initialize(to: element)
            count += 1
        }

        @inline(__always)
        mutating func append(contentsOf elements: UnsafeBufferPointer<Element>) {
            guard let source = elements.baseAddress, !elements.isEmpty else { return }
            if capacity - count < elements.count { grow(elements.count) }
            (base + count).initialize(from: source, count: elements.count)
            count += elements.count
        }

        private mutating func grow(_ more: Int) {
            var size = capacity * 2
            while size - count < more { size *= 2 }
            let larger = UnsafeMutablePointer<Element>.allocate(capacity: size)
            larger.moveInitialize(from: base, count: count)
            base.deallocate()
            base = larger
            capacity = size
        }

        subscript(index: Int) -> Element {
            get { base[index] }
            nonmutating _modify { yield &base[index] }
        }

        func free() { base.deallocate() }
    }

    /// The entries of one nesting level, with each entry's key: the field's name for an
    /// object's, empty for a list's.
    struct Level {
        var values = Buffer<Value>(capacity: 512)
        var keys = Buffer<StaticString>(capacity: 512)
    }

    /// Frees the buffers with the last copy of the tree.
    final class Owner: @unchecked Sendable {
        // Unchecked: set once, at the end of `TemplateTree.init`.
        var text: Buffer<UInt8>?
        var levels: Buffer<Level>?

        deinit {
            text?.free()
            guard let levels else { return }
            for index in 0..<levels.count {
                levels[index].values.free()
                levels[index].keys.free()
            }
            levels.free()
        }
    }

    /// The UTF-8 bytes of every text in the tree.
    private var text = Buffer<UInt8>(capacity: 32 * 1024)
    /// The entries of containers, by nesting level.
    private var levels = Buffer<Level>(capacity: 8)
    private let owner = Owner()
    /// The value the page's template starts from.
    public private(set) var root = Value.null
    /// The level the container being built adds to; -1 outside any.
    private var depth = -1

    /// The tree of `model`.
    public init(_ model: some TemplateRepresentable) {
        root = model.templateValue(in: &self)
        owner.text = text
        owner.levels = levels
    }

    // MARK: - Building

    /// A text's bytes, copied.
    public mutating func string(_ string: String) -> Value {
        let start = text.count
        UTF8Bytes.with(string) { text.append(contentsOf: $0) }
        return Value(payload: start, count: UInt32(text.count - start), kind: .string, level: 0, type: nil)
    }

    /// Begins a container one level deeper; returns where its entries start. End it with
    /// `endList` or `endObject`.
    @inline(__always)
    public mutating func beginContainer() -> Int {
        depth += 1
        if depth == levels.count {
            // View models nest a fixed number of levels deep: a few.
            precondition(depth <= Int(UInt8.max), "view models nest more than \(UInt8.max) levels deep")
            levels.append(Level())
        }
        return levels[depth].values.count
    }

    /// Adds `value` to the container being built, under `key` for an object's field.
    @inline(__always)
    public mutating func add(_ value: Value, key: StaticString = "") {
        levels[depth].values.append(value)
        levels[depth].keys.append(key)
    }

    /// Adds the field `key` with `value`'s tree to the object being built.
    @inline(__always)
    public mutating func field(_ key: StaticString, _ value: some TemplateRepresentable) {
        let built = value.templateValue(in: &self)
        add(built, key: key)
    }

    /// Ends the container begun at `start` as a list of what was added since.
    public mutating func endList(from start: Int) -> Value {
        end(from: start, kind: .list, type: nil)
    }

    /// Ends the container begun at `start` as an object of type `type` with the fields added since.
    public mutating func endObject(_ type: Any.Type, from start: Int) -> Value {
        end(from: start, kind: .object, type: type)
    }

    @inline(__always)
    private mutating func end(from start: Int, kind: Value.Kind, type: Any.Type?) -> Value {
        let level = depth
        depth -= 1
        return Value(payload: start, count: UInt32(levels[level].values.count - start), kind: kind, level: UInt8(level), type: type)
    }

    // MARK: - Reading

    /// The UTF-8 bytes of a `.string` value, where the tree keeps them.
    @inline(__always)
    func bytes(of value: Value) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: text.base + value.payload, count: Int(value.count))
    }

    /// The entries of a `.list` or `.object` value (elements, or field values), where the tree keeps them.
    @inline(__always)
    func entryBuffer(of value: Value) -> UnsafeBufferPointer<Value> {
        UnsafeBufferPointer(start: levels[Int(value.level)].values.base + value.payload, count: Int(value.count))
    }

    /// The keys of an `.object` value's fields, where the tree keeps them.
    @inline(__always)
    func keyBuffer(of value: Value) -> UnsafeBufferPointer<StaticString> {
        UnsafeBufferPointer(start: levels[Int(value.level)].keys.base + value.payload, count: Int(value.count))
    }

    /// The text of a `.string` value (messages and tests).
    func string(of value: Value) -> String {
        String(decoding: bytes(of: value), as: UTF8.self)
    }

    /// The elements of a list, or the field values of an object, in order (messages and tests).
    func entries(of value: Value) -> [Value] {
        guard value.kind == .list || value.kind == .object else { return [] }
        return Array(entryBuffer(of: value))
    }

    /// The keys of an object's fields, in order (messages and tests).
    func keys(of value: Value) -> [String] {
        guard value.kind == .object else { return [] }
        return keyBuffer(of: value).map { $0.description }
    }

    /// What kind of value this is, for messages.
    func described(_ value: Value) -> String {
        switch value.kind {
        case .null: "nothing"
        case .bool: "yes/no value"
        case .int: "number"
        case .string: "text"
        case .list: "list"
        case .object: value.type.map { String(describing: $0) } ?? "object"
        }
    }
}

/// A value a template can read: a view model, or one of the leaf types its fields have.
public protocol TemplateRepresentable {
    /// Adds this value's texts and parts to `tree` and returns the value that refers to them:
    /// a nil optional is `.null` (a present, empty key).
    func templateValue(in tree: inout TemplateTree) -> TemplateTree.Value
}

/// A view model: an object whose fields the templates read by name.
public protocol TemplateObject: TemplateRepresentable {
    /// Adds every stored property to `tree` (`TemplateTree.field`) under its name, in
    /// declaration order. A type lists the same keys every time: the renderer remembers per type
    /// where a key is (`KeySlots`).
    func templateFields(into tree: inout TemplateTree)
}

extension TemplateObject {
    /// The object with the fields `templateFields` adds.
    @inline(__always)
    public func templateValue(in tree: inout TemplateTree) -> TemplateTree.Value {
        let start = tree.beginContainer()
        templateFields(into: &tree)
        return tree.endObject(Self.self, from: start)
    }
}

extension String: TemplateRepresentable {
    /// The text.
    @inline(__always)
    public func templateValue(in tree: inout TemplateTree) -> TemplateTree.Value { tree.string(self) }
}

extension Int: TemplateRepresentable {
    /// The number.
    @inline(__always)
    public func templateValue(in tree: inout TemplateTree) -> TemplateTree.Value { .init(payload: self, count: 0, kind: .int, level: 0, type: nil) }
}

extension Bool: TemplateRepresentable {
    /// The flag.
    @inline(__always)
    public func templateValue(in tree: inout TemplateTree) -> TemplateTree.Value { .init(payload: self ? 1 : 0, count: 0, kind: .bool, level: 0, type: nil) }
}

extension Double: TemplateRepresentable {
    /// `String(describing:)`, as the encoder printed a `Double` before.
    public func templateValue(in tree: inout TemplateTree) -> TemplateTree.Value { tree.string(String(describing: self)) }
}

extension Optional: TemplateRepresentable where Wrapped: TemplateRepresentable {
    /// The wrapped value, or `.null`: a nil optional is a key that is present and empty.
    @inline(__always)
    public func templateValue(in tree: inout TemplateTree) -> TemplateTree.Value {
        switch self {
        case .some(let wrapped): wrapped.templateValue(in: &tree)
        case .none: .null
        }
    }
}

extension Array: TemplateRepresentable where Element: TemplateRepresentable {
    /// Each element's value, in order.
    public func templateValue(in tree: inout TemplateTree) -> TemplateTree.Value {
        let start = tree.beginContainer()
        // By index: the elements are read in place, where `for element in self` copies each
        // (a reference count up and down per text of every table cell).
        for index in indices {
            let value = self[index].templateValue(in: &tree)
            tree.add(value)
        }
        return tree.endList(from: start)
    }
}

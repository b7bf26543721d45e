/// What a template reads: a tree of plain values built once per page from its view model.
///
/// Each view model lists its fields by hand (`TemplateRepresentable`), in declaration order under
/// the property's name, so building the tree is one array per object and no generic encoder,
/// container or reflection runs while rendering. `ViewModelFieldTests` checks every list against
/// the type's stored properties, so a field left out is a failing test.
public enum TemplateValue: Sendable {
    /// A key that is present but holds nothing (a nil optional): renders empty, is false in a section.
    case null
    /// A flag: shows a section when true, prints `true`/`false` as a variable.
    case bool(Bool)
    /// A whole number, printed in decimal.
    case int(Int)
    /// Text, HTML-escaped unless the tag is `{{{…}}}` or `{{&…}}`.
    case string(String)
    /// A sequence: a section repeats once per element; empty counts as false.
    case list([TemplateValue])
    /// A view model's keys: a section over it makes them visible to the tags inside.
    case object(TemplateObject)

    /// The object of type `type` with `fields`, keys in declaration order. A type lists the same
    /// keys every time: the renderer remembers per type where a key is (`KeySlots`).
    @inline(__always)
    public static func object(_ type: Any.Type, _ fields: [TemplateField]) -> TemplateValue {
        .object(TemplateObject(type: type, fields: fields))
    }
}

/// A value a template can read: a view model, or one of the leaf types its fields have.
public protocol TemplateRepresentable {
    /// The tree the templates read: an object listing every stored property under its name, in
    /// declaration order, with a nil optional as `.null` (a present, empty key).
    var templateValue: TemplateValue { get }
}

extension String: TemplateRepresentable {
    /// The text.
    @inline(__always) public var templateValue: TemplateValue { .string(self) }
}

extension Int: TemplateRepresentable {
    /// The number.
    @inline(__always) public var templateValue: TemplateValue { .int(self) }
}

extension Bool: TemplateRepresentable {
    /// The flag.
    @inline(__always) public var templateValue: TemplateValue { .bool(self) }
}

extension Double: TemplateRepresentable {
    /// `String(describing:)`, as the encoder printed a `Double` before.
    public var templateValue: TemplateValue { .string(String(describing: self)) }
}

extension Optional: TemplateRepresentable where Wrapped: TemplateRepresentable {
    /// The wrapped value, or `.null`: a nil optional is a key that is present and empty.
    @inline(__always) public var templateValue: TemplateValue { self?.templateValue ?? .null }
}

extension Array: TemplateRepresentable where Element: TemplateRepresentable {
    /// Each element's value, in order.
    @inline(__always) public var templateValue: TemplateValue { .list(map(\.templateValue)) }
}

/// One key of a view model with its value.
///
/// A struct, not a tuple: an array of tuples is destroyed through the runtime's generic tuple
/// code, element by element, and a page's tree has thousands of fields (BENCHMARKS.md, round 7).
public struct TemplateField: Sendable {
    /// The key, a string literal in every view model (so never copied).
    public let key: String
    public let value: TemplateValue

    @inline(__always)
    public init(_ key: String, _ value: TemplateValue) {
        self.key = key
        self.value = value
    }
}

/// A view model's keys and values, in declaration order, with its Swift type for error messages.
///
/// One allocation per object (the fields array); the keys are string literals, so no key is copied.
public struct TemplateObject: @unchecked Sendable {
    // Unchecked: `type` is a metatype, read only for messages; the fields are plain values.
    /// Each key with its value, in declaration order.
    let fields: [TemplateField]
    let type: Any.Type

    init(type: Any.Type, fields: [TemplateField]) {
        self.type = type
        self.fields = fields
    }

    /// The keys, in order, for a diagnostic (never on the rendering path).
    var keys: [String] { fields.map(\.key) }

    /// The type's name, for a diagnostic (never on the rendering path).
    var typeName: String { String(describing: type) }
}

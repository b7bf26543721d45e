/// What a template reads: a tree of plain values built once per page from its view model.
///
/// View models are `Encodable` (synthesized by the compiler), and `TemplateValue.encoding(_:)`
/// builds the tree with a small `Encoder`, so no reflection runs while rendering and a new
/// view-model field reaches the templates without further code.
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

    /// The tree for `model`, its keys in declaration order and nil optionals kept as `.null`.
    public static func encoding<T: Encodable>(_ model: T) throws -> TemplateValue {
        let encoder = TreeEncoder(type: T.self)
        try model.encode(to: encoder)
        return encoder.result
    }

    /// The value of `key` when this is an object that has it.
    @inline(__always)
    func child(_ key: String) -> TemplateValue? {
        guard case .object(let object) = self else { return nil }
        return object.value(for: key)
    }
}

/// A view model's keys and values, in declaration order, with its Swift type for error messages.
public final class TemplateObject: @unchecked Sendable {
    // Unchecked: immutable after the encoder builds it; `type` is a metatype, read only for messages.
    let keys: [String]
    let values: [TemplateValue]
    let type: Any.Type

    init(keys: [String], values: [TemplateValue], type: Any.Type) {
        self.keys = keys
        self.values = values
        self.type = type
    }

    func value(for key: String) -> TemplateValue? {
        for index in keys.indices where keys[index] == key { return values[index] }
        return nil
    }

    /// The type's name, for a diagnostic (never on the rendering path).
    var typeName: String { String(describing: type) }
}

// MARK: - Encoder

/// Builds a `TemplateValue` from an `Encodable` value.
final class TreeEncoder: Encoder {
    let codingPath: [any CodingKey] = []
    let userInfo: [CodingUserInfoKey: Any] = [:]
    let type: Any.Type
    var single: TemplateValue = .null
    var keys: [String]?
    var values: [TemplateValue] = []
    var list: [TemplateValue]?

    init(type: Any.Type) { self.type = type }

    var result: TemplateValue {
        for (key, nested) in deferred { set(key, nested.result) }
        deferred = []
        for (index, nested) in deferredElements { list![index] = nested.result }
        deferredElements = []
        if let keys { return .object(TemplateObject(keys: keys, values: values, type: type)) }
        if let list { return .list(list) }
        return single
    }

    static func value<T: Encodable>(_ value: T) throws -> TemplateValue {
        let encoder = TreeEncoder(type: T.self)
        try value.encode(to: encoder)
        return encoder.result
    }

    /// Adds a key. Synthesized `encode(to:)` writes each key once, so there is no search for an
    /// earlier value of the same key (a lookup would find the first).
    func set(_ key: String, _ value: TemplateValue) {
        keys!.append(key)
        values.append(value)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if keys == nil { keys = []; keys!.reserveCapacity(16); values.reserveCapacity(16) }
        return KeyedEncodingContainer(Keyed<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if list == nil { list = [] }
        return Unkeyed(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { Single(encoder: self) }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let encoder: TreeEncoder
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil(forKey key: Key) throws { encoder.set(key.stringValue, .null) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { encoder.set(key.stringValue, .bool(value)) }
        mutating func encode(_ value: String, forKey key: Key) throws { encoder.set(key.stringValue, .string(value)) }
        mutating func encode(_ value: Int, forKey key: Key) throws { encoder.set(key.stringValue, .int(value)) }
        mutating func encode(_ value: Double, forKey key: Key) throws { encoder.set(key.stringValue, .string(String(describing: value))) }
        mutating func encode(_ value: Int8, forKey key: Key) throws { encoder.set(key.stringValue, .int(Int(value))) }
        mutating func encode(_ value: Int16, forKey key: Key) throws { encoder.set(key.stringValue, .int(Int(value))) }
        mutating func encode(_ value: Int32, forKey key: Key) throws { encoder.set(key.stringValue, .int(Int(value))) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { encoder.set(key.stringValue, .int(Int(value))) }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { encoder.set(key.stringValue, .int(Int(value))) }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { encoder.set(key.stringValue, .int(Int(value))) }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { encoder.set(key.stringValue, .int(Int(value))) }
        mutating func encode(_ value: UInt, forKey key: Key) throws { encoder.set(key.stringValue, .string(String(value))) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { encoder.set(key.stringValue, .string(String(value))) }
        mutating func encode(_ value: Float, forKey key: Key) throws { encoder.set(key.stringValue, .string(String(describing: value))) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { encoder.set(key.stringValue, try TreeEncoder.value(value)) }

        // A nil optional is a key that is present and empty, not an unknown key.
        mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { encoder.set(key.stringValue, value.map { .bool($0) } ?? .null) }
        mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { encoder.set(key.stringValue, value.map { .string($0) } ?? .null) }
        mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { encoder.set(key.stringValue, value.map { .int($0) } ?? .null) }
        mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try value.map { try encode($0, forKey: key) } ?? encodeNil(forKey: key) }
        mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { try value.map { try encode($0, forKey: key) } ?? encodeNil(forKey: key) }
        mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { try value.map { try encode($0, forKey: key) } ?? encodeNil(forKey: key) }
        mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { try value.map { try encode($0, forKey: key) } ?? encodeNil(forKey: key) }
        mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { try value.map { try encode($0, forKey: key) } ?? encodeNil(forKey: key) }
        mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try value.map { try encode($0, forKey: key) } ?? encodeNil(forKey: key) }
        mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { try value.map { try encode($0, forKey: key) } ?? encodeNil(forKey: key) }
        mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { try value.map { try encode($0, forKey: key) } ?? encodeNil(forKey: key) }
        mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { try value.map { try encode($0, forKey: key) } ?? encodeNil(forKey: key) }
        mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { try value.map { try encode($0, forKey: key) } ?? encodeNil(forKey: key) }
        mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { try value.map { try encode($0, forKey: key) } ?? encodeNil(forKey: key) }
        mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
            encoder.set(key.stringValue, try value.map { try TreeEncoder.value($0) } ?? .null)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            let nested = TreeEncoder(type: NestedKey.self)
            let container = nested.container(keyedBy: keyType)
            encoder.deferred.append((key.stringValue, nested))
            return container
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            let nested = TreeEncoder(type: [Any].self)
            encoder.deferred.append((key.stringValue, nested))
            return nested.unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder { encoder }
        mutating func superEncoder(forKey key: Key) -> any Encoder {
            let nested = TreeEncoder(type: Any.self)
            encoder.deferred.append((key.stringValue, nested))
            return nested
        }
    }

    /// Containers handed out before they are filled; read when the result is taken.
    var deferred: [(String, TreeEncoder)] = []

    struct Unkeyed: UnkeyedEncodingContainer {
        let encoder: TreeEncoder
        var codingPath: [any CodingKey] { [] }
        var count: Int { encoder.list?.count ?? 0 }

        mutating func encodeNil() throws { encoder.list!.append(.null) }
        mutating func encode(_ value: Bool) throws { encoder.list!.append(.bool(value)) }
        mutating func encode(_ value: String) throws { encoder.list!.append(.string(value)) }
        mutating func encode(_ value: Int) throws { encoder.list!.append(.int(value)) }
        mutating func encode(_ value: Int8) throws { encoder.list!.append(.int(Int(value))) }
        mutating func encode(_ value: Int16) throws { encoder.list!.append(.int(Int(value))) }
        mutating func encode(_ value: Int32) throws { encoder.list!.append(.int(Int(value))) }
        mutating func encode(_ value: Int64) throws { encoder.list!.append(.int(Int(value))) }
        mutating func encode(_ value: UInt8) throws { encoder.list!.append(.int(Int(value))) }
        mutating func encode(_ value: UInt16) throws { encoder.list!.append(.int(Int(value))) }
        mutating func encode(_ value: UInt32) throws { encoder.list!.append(.int(Int(value))) }
        mutating func encode(_ value: UInt) throws { encoder.list!.append(.string(String(value))) }
        mutating func encode(_ value: UInt64) throws { encoder.list!.append(.string(String(value))) }
        mutating func encode(_ value: Float) throws { encoder.list!.append(.string(String(describing: value))) }
        mutating func encode(_ value: Double) throws { encoder.list!.append(.string(String(describing: value))) }
        mutating func encode<T: Encodable>(_ value: T) throws { encoder.list!.append(try TreeEncoder.value(value)) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let nested = TreeEncoder(type: NestedKey.self)
            let container = nested.container(keyedBy: keyType)
            encoder.deferredElements.append((encoder.list!.count, nested))
            encoder.list!.append(.null)
            return container
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            let nested = TreeEncoder(type: [Any].self)
            let container = nested.unkeyedContainer()
            encoder.deferredElements.append((encoder.list!.count, nested))
            encoder.list!.append(.null)
            return container
        }

        mutating func superEncoder() -> any Encoder {
            let nested = TreeEncoder(type: Any.self)
            encoder.deferredElements.append((encoder.list!.count, nested))
            encoder.list!.append(.null)
            return nested
        }
    }

    var deferredElements: [(Int, TreeEncoder)] = []

    struct Single: SingleValueEncodingContainer {
        let encoder: TreeEncoder
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil() throws { encoder.single = .null }
        mutating func encode(_ value: Bool) throws { encoder.single = .bool(value) }
        mutating func encode(_ value: String) throws { encoder.single = .string(value) }
        mutating func encode(_ value: Int) throws { encoder.single = .int(value) }
        mutating func encode(_ value: Double) throws { encoder.single = .string(String(describing: value)) }
        mutating func encode(_ value: Float) throws { encoder.single = .string(String(describing: value)) }
        mutating func encode(_ value: Int8) throws { encoder.single = .int(Int(value)) }
        mutating func encode(_ value: Int16) throws { encoder.single = .int(Int(value)) }
        mutating func encode(_ value: Int32) throws { encoder.single = .int(Int(value)) }
        mutating func encode(_ value: Int64) throws { encoder.single = .int(Int(value)) }
        mutating func encode(_ value: UInt) throws { encoder.single = .string(String(value)) }
        mutating func encode(_ value: UInt8) throws { encoder.single = .int(Int(value)) }
        mutating func encode(_ value: UInt16) throws { encoder.single = .int(Int(value)) }
        mutating func encode(_ value: UInt32) throws { encoder.single = .int(Int(value)) }
        mutating func encode(_ value: UInt64) throws { encoder.single = .string(String(value)) }
        mutating func encode<T: Encodable>(_ value: T) throws { encoder.single = try TreeEncoder.value(value) }
    }
}

import Foundation

/// Where each key part of the templates was last found in objects of a given type: the field's
/// index, or that the type has no such key. The renderer asks this before searching an object's
/// fields, since a page looks the same few keys up in the same few types again and again (each
/// row of a table, each level of the context stack a key is not in), and comparing names field by
/// field was a twelfth of a large build.
///
/// Each key part has four slots, newest first. A slot is for one type with one number of fields;
/// a found index is confirmed by comparing that one field's name, so a type whose fields vary
/// can never be given a wrong value. That a type with the same number of fields still lacks a key
/// is taken from the slot: every view model lists the same keys each time (`TemplateObject`),
/// and debug builds (the tests) confirm each such answer with a full search.
final class KeySlots: @unchecked Sendable {
    // Unchecked: used by one renderer at a time (`Pool` hands each out to one taker).
    struct Slot {
        var type: ObjectIdentifier?
        var count: Int32
        var index: Int32
        /// Where the found field's key (a string literal) is: the same literal is at the same
        /// address every time, so a match needs no comparison of bytes.
        var key: UnsafeRawPointer?
    }

    static let ways = 4
    let base: UnsafeMutablePointer<Slot>
    private let capacity: Int

    init(keyParts: Int) {
        capacity = max(1, keyParts * Self.ways)
        base = .allocate(capacity: capacity)
        base.initialize(repeating: Slot(type: nil, count: 0, index: 0, key: nil), count: capacity)
    }

    deinit {
        base.deinitialize(count: capacity)
        base.deallocate()
    }

    /// The index of the field named `key` (key part `part`) among the `count` fields of an object
    /// of type `type` whose keys are `keys`, or nil.
    @inline(__always)
    func fieldIndex(type: Any.Type, count: UInt32, keys: UnsafeBufferPointer<StaticString>, part: Int, key: UnsafeBufferPointer<UInt8>) -> Int? {
        // The newest slot, found where it was last time: most look-ups end here, inline.
        let newest = base[part &* Self.ways]
        if newest.type == ObjectIdentifier(type), newest.count == Int32(truncatingIfNeeded: count), newest.index >= 0,
           let found = newest.key, Int(newest.index) < keys.count, UnsafeRawPointer(keys[Int(newest.index)].utf8Start) == found {
            return Int(newest.index)
        }
        return searchedFieldIndex(type: type, count: count, keys: keys, part: part, key: key)
    }

    /// `fieldIndex` past its first check: the other slots, then the keys themselves.
    @inline(never)
    func searchedFieldIndex(type: Any.Type, count: UInt32, keys: UnsafeBufferPointer<StaticString>, part: Int, key: UnsafeBufferPointer<UInt8>) -> Int? {
        let id = ObjectIdentifier(type)
        let count = Int32(truncatingIfNeeded: count)
        let row = base + part &* Self.ways
        for way in 0..<Self.ways where row[way].type == id && row[way].count == count {
            let index = Int(row[way].index)
            if index < 0 {
                assert(!keys.contains { Self.same($0, key) }, "\(type) does not list the same keys each time")
                return nil
            }
            if UnsafeRawPointer(keys[index].utf8Start) == row[way].key || Self.same(keys[index], key) { return index }
            break
        }
        let found = keys.firstIndex { Self.same($0, key) }
        row[3] = row[2]
        row[2] = row[1]
        row[1] = row[0]
        row[0] = Slot(type: id, count: count, index: Int32(found ?? -1), key: found.map { UnsafeRawPointer(keys[$0].utf8Start) })
        return found
    }

    /// Whether a field's key is the key part whose bytes are `key`.
    @inline(__always)
    static func same(_ field: StaticString, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        field.utf8CodeUnitCount == key.count && (key.isEmpty || memcmp(field.utf8Start, key.baseAddress!, key.count) == 0)
    }

    /// Slots lent to renderers one at a time and kept for the next, so a page does not start
    /// from empty ones; as many exist as pages were ever rendered at once.
    final class Pool: @unchecked Sendable {
        // Unchecked: `free` is touched only under `lock`.
        private let lock = NSLock()
        private var free: [KeySlots] = []
        private let keyParts: Int

        init(keyParts: Int) { self.keyParts = keyParts }

        func take() -> KeySlots {
            lock.withLock { free.popLast() } ?? KeySlots(keyParts: keyParts)
        }

        func giveBack(_ slots: KeySlots) {
            lock.withLock { free.append(slots) }
        }
    }
}

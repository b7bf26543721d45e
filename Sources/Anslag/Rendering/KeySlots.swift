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
/// is taken from the slot: every view model lists the same keys each time (`TemplateValue.object`),
/// and debug builds (the tests) confirm each such answer with a full search.
final class KeySlots: @unchecked Sendable {
    // Unchecked: used by one renderer at a time (`Pool` hands each out to one taker).
    struct Slot {
        var type: ObjectIdentifier?
        var count: Int32
        var index: Int32
    }

    static let ways = 4
    let base: UnsafeMutablePointer<Slot>
    private let capacity: Int

    init(keyParts: Int) {
        capacity = max(1, keyParts * Self.ways)
        base = .allocate(capacity: capacity)
        base.initialize(repeating: Slot(type: nil, count: 0, index: 0), count: capacity)
    }

    deinit {
        base.deinitialize(count: capacity)
        base.deallocate()
    }

    /// The index of the field named `key` (key part `part`) among `object`'s fields, or nil.
    @inline(__always)
    func fieldIndex(_ object: TemplateObject, part: Int, key: String) -> Int? {
        let type = ObjectIdentifier(object.type)
        let count = Int32(truncatingIfNeeded: object.fields.count)
        let row = base + part &* Self.ways
        for way in 0..<Self.ways where row[way].type == type && row[way].count == count {
            let index = Int(row[way].index)
            if index < 0 {
                assert(!object.fields.contains { $0.key == key }, "\(object.typeName) does not list the same keys each time")
                return nil
            }
            if object.fields[index].key == key { return index }
            break
        }
        let found = object.fields.firstIndex { $0.key == key }
        row[3] = row[2]
        row[2] = row[1]
        row[1] = row[0]
        row[0] = Slot(type: type, count: count, index: Int32(found ?? -1))
        return found
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

import Foundation

/// A file's bytes as they are written, piece after piece, in memory of its own: what pages,
/// downloads and JSON files are built in before they become `[UInt8]`.
///
/// An `Array`'s append checks that the array is not shared and copies through the generic
/// sequence machinery, some ninety instructions each time; a page or a table download is
/// hundreds of small appends. Here an append is a capacity check and a copy. Not copyable, so
/// two writers never share (and free) the same memory.
struct ByteWriter: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// How many bytes are written.
    private(set) var count = 0

    init(capacity: Int = 256) {
        self.capacity = max(16, capacity)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// Makes room for `more` bytes after those written.
    @inline(__always)
    private mutating func reserve(_ more: Int) {
        if capacity - count < more { grow(more) }
    }

    private mutating func grow(_ more: Int) {
        let needed = count + more
        var size = capacity
        while size < needed { size *= 2 }
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
        larger.update(from: base, count: count)
        base.deallocate()
        base = larger
        capacity = size
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    @inline(__always)
    mutating func append(contentsOf bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append(contentsOf: $0) }
    }

    /// A literal's UTF-8 bytes.
    @inline(__always)
    mutating func append(_ literal: StaticString) {
        append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// A string's UTF-8 bytes.
    @inline(__always)
    mutating func append(utf8 text: String) {
        UTF8Bytes.with(text) { append(contentsOf: $0) }
    }

    /// `byte`, `count` times.
    mutating func append(repeating byte: UInt8, count times: Int) {
        guard times > 0 else { return }
        reserve(times)
        (base + count).update(repeating: byte, count: times)
        count += times
    }

    /// The byte at `index` (below `count`).
    subscript(index: Int) -> UInt8 {
        precondition(index >= 0 && index < count, "ByteWriter index out of range")
        return base[index]
    }

    /// Puts `bytes` before the byte at `index` (at most `count`), moving the rest along.
    mutating func insert(contentsOf bytes: [UInt8], at index: Int) {
        precondition(index >= 0 && index <= count, "ByteWriter index out of range")
        guard !bytes.isEmpty else { return }
        reserve(bytes.count)
        memmove(base + index + bytes.count, base + index, count - index)
        bytes.withUnsafeBufferPointer { (base + index).update(from: $0.baseAddress!, count: $0.count) }
        count += bytes.count
    }

    /// Makes room for `total` bytes in all.
    mutating func reserveCapacity(_ total: Int) {
        if total > capacity { grow(total - count) }
    }

    /// Forgets the bytes written, keeping the memory.
    mutating func removeAll() { count = 0 }

    /// Appends the bytes written to `file` and forgets them here, when they are at least
    /// `atLeast` bytes (a large file made piece by piece; by default whatever is left).
    mutating func move(to file: SpillFile, atLeast: Int = 0) throws {
        guard count >= atLeast else { return }
        try withBytes { try file.append($0) }
        removeAll()
    }

    /// Calls `body` with the bytes written.
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    /// The bytes written, as UTF-8 text (the writer is used up).
    consuming func string() -> String {
        String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self)
    }

    /// The bytes written, as an array (the writer is used up).
    consuming func bytes() -> [UInt8] {
        [UInt8](UnsafeBufferPointer(start: base, count: count))
    }
}

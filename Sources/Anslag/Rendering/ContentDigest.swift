import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A 128-bit digest of what an output file is made from, the same in every process (unlike
/// `Hasher`, which is seeded per process): `serve` keeps the previous build's digests and the next
/// build re-renders only the files whose digest changed.
///
/// Two independent 64-bit lanes over 8-byte words, each mixed as in xxHash64, then avalanched.
/// Not cryptographic: it guards against accidental equality of different inputs (about 2^-128 per
/// pair), not against someone crafting a collision in their own content.
public struct ContentDigest: Hashable, Sendable, CustomStringConvertible {
    public var high: UInt64
    public var low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// 32 lowercase hexadecimal digits.
    public var description: String { Self.hex(high) + Self.hex(low) }

    /// Reads what `description` writes; nil for anything else.
    public init?(hex: String) {
        guard hex.utf8.count == 32, let high = UInt64(hex.prefix(16), radix: 16), let low = UInt64(hex.suffix(16), radix: 16) else { return nil }
        self.init(high: high, low: low)
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// The digest of some bytes.
    public static func of(_ bytes: [UInt8]) -> ContentDigest {
        var hasher = DigestHasher()
        hasher.add(bytes)
        return hasher.finish()
    }
}

/// Feeds values into a `ContentDigest`. Every variable-length value is preceded by its length,
/// so different sequences of values never feed the same words.
struct DigestHasher {
    private var a: UInt64 = 0x9E37_79B9_7F4A_7C15
    private var b: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private var count: UInt64 = 0

    private static let p1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let p3: UInt64 = 0x1656_67B1_9E37_79F9
    private static let p4: UInt64 = 0x85EB_CA77_C2B2_AE63

    @inline(__always)
    mutating func add(_ word: UInt64) {
        a = ((a &+ word &* Self.p2) << 31 | (a &+ word &* Self.p2) >> 33) &* Self.p1
        b = ((b ^ (word &* Self.p4)) << 27 | (b ^ (word &* Self.p4)) >> 37) &* Self.p3 &+ Self.p4
        count &+= 1
    }

    mutating func add(_ value: Int) { add(UInt64(bitPattern: Int64(value))) }

    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        add(bytes.count)
        var index = 0
        while index + 8 <= bytes.count {
            add(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)))
            index += 8
        }
        if index < bytes.count {
            var last: UInt64 = 0
            for (shift, byte) in bytes[index...].enumerated() { last |= UInt64(byte) << (8 * UInt64(shift)) }
            add(last)
        }
    }

    mutating func add(_ bytes: [UInt8]) { bytes.withUnsafeBytes { add($0) } }

    mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { add(UnsafeRawBufferPointer($0)) }
    }

    mutating func add(_ digest: ContentDigest) {
        add(digest.high)
        add(digest.low)
    }

    private static func avalanche(_ value: UInt64) -> UInt64 {
        var h = value
        h ^= h >> 33
        h &*= p2
        h ^= h >> 29
        h &*= p3
        h ^= h >> 32
        return h
    }

    func finish() -> ContentDigest {
        ContentDigest(high: Self.avalanche(a ^ count &* Self.p3), low: Self.avalanche(b &+ count &* Self.p1))
    }
}

extension DigestHasher {
    /// Feeds one entry of a folder: `relative` (its path as named), its kind, and a file's bytes
    /// or a link's target and the bytes it leads to. False when it cannot be read, is a link to a
    /// folder (what lies under it would not be fed) or is neither file, folder nor link: a digest
    /// that cannot cover the entry must not stand for it, so the caller keeps nothing.
    mutating func addEntry(_ full: String, as relative: String) -> Bool {
        let manager = FileManager.default
        var info = stat()
        guard lstat(full, &info) == 0 else { return false }
        add(relative)
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            add(1)
        case S_IFLNK:
            guard let target = try? manager.destinationOfSymbolicLink(atPath: full) else { return false }
            var followed = stat()
            if stat(full, &followed) == 0, followed.st_mode & S_IFMT == S_IFDIR { return false }
            add(2)
            add(target)
            // A link that leads nowhere is fed as such; the loader reports it.
            guard let data = manager.contents(atPath: full) else { add(4); return true }
            add([UInt8](data))
        case S_IFREG:
            guard let data = manager.contents(atPath: full) else { return false }
            add(3)
            add([UInt8](data))
        default:
            return false
        }
        return true
    }

    /// Feeds every entry under `folder` (`addEntry`), by relative path in sorted order, except
    /// those `skip` names, after their count. False when the folder or an entry cannot be read.
    mutating func addTree(_ folder: String, skipping skip: (String) -> Bool = { _ in false }) -> Bool {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return false }
        var paths: [String] = []
        for case let path as String in enumerator where !skip(path) { paths.append(path) }
        add(paths.count)
        for path in paths.sorted() {
            guard addEntry(folder + "/" + path, as: path) else { return false }
        }
        return true
    }
}

extension TemplateTree {
    /// Feeds the whole tree from its root: a tag per kind, lengths before contents, keys with
    /// their values (never where the tree keeps them, which depends on how it was built).
    func feed(_ hasher: inout DigestHasher) { feed(root, &hasher) }

    private func feed(_ value: Value, _ hasher: inout DigestHasher) {
        switch value.kind {
        case .null: hasher.add(0)
        case .bool: hasher.add(value.payload != 0 ? 1 : 2)
        case .int:
            hasher.add(3)
            hasher.add(value.payload)
        case .string:
            hasher.add(4)
            hasher.add(UnsafeRawBufferPointer(bytes(of: value)))
        case .list:
            hasher.add(5)
            hasher.add(Int(value.count))
            for element in entryBuffer(of: value) { feed(element, &hasher) }
        case .object:
            hasher.add(6)
            hasher.add(Int(value.count))
            // Each key's bytes as `add(String)` feeds a text: the digest does not depend on how keys are kept.
            for (key, field) in zip(keyBuffer(of: value), entryBuffer(of: value)) {
                hasher.add(UnsafeRawBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
                feed(field, &hasher)
            }
        }
    }
}

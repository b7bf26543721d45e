/// A set of byte values, to find in UTF-8 text the few bytes an output format must change
/// (HTML, CSV, JSON escaping) and copy the spans between them whole.
///
/// The search reads eight bytes at a time and tests them all at once against each member (and
/// against the bound `below`), so text with nothing to change costs a few instructions per eight
/// bytes; a table look-up then finds which byte it was.
struct ByteSet: Sendable {
    /// 256 entries, one per byte value.
    private let members: [Bool]
    /// Up to five member bytes, each repeated in all eight bytes of a word (unused ones repeat the first).
    private let p0, p1, p2, p3, p4: UInt64
    /// Every byte below this is a member too (0: none).
    private let below: UInt8

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The set of `bytes` (at most five, at least one), and of every byte below `below` (at most
    /// 0x80; `0x20` for the control characters).
    init(_ bytes: [UInt8], below: UInt8 = 0) {
        precondition((1...5).contains(bytes.count) && below <= 0x80, "a ByteSet has one to five bytes and a bound up to 0x80")
        var members = [Bool](repeating: false, count: 256)
        for byte in bytes { members[Int(byte)] = true }
        for byte in 0..<Int(below) { members[byte] = true }
        self.members = members
        let words = (0..<5).map { Self.ones &* UInt64(bytes[$0 < bytes.count ? $0 : 0]) }
        (p0, p1, p2, p3, p4) = (words[0], words[1], words[2], words[3], words[4])
        self.below = below
    }

    /// Whether `byte` is in the set.
    @inline(__always)
    func contains(_ byte: UInt8) -> Bool { members[Int(byte)] }

    /// Whether any of the eight bytes of `word` is in the set (exact: no false answers either way).
    @inline(__always)
    private func anyMember(_ word: UInt64) -> Bool {
        // A byte of `x` is zero exactly when `(x - 0x01…) & ~x & 0x80…` is non-zero somewhere.
        @inline(__always) func hasZero(_ x: UInt64) -> UInt64 { (x &- Self.ones) & ~x & Self.highs }
        var found = hasZero(word ^ p0) | hasZero(word ^ p1) | hasZero(word ^ p2) | hasZero(word ^ p3) | hasZero(word ^ p4)
        if below > 0 { found |= (word &- Self.ones &* UInt64(below)) & ~word & Self.highs }
        return found != 0
    }

    /// The first index at or after `start` whose byte is in the set, or `bytes.count` if none is.
    @inline(__always)
    func firstIndex(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = bytes.baseAddress else { return bytes.count }
        return members.withUnsafeBufferPointer { table in
            var index = start
            let count = bytes.count
            while index + 8 <= count {
                if anyMember(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) { break }
                index += 8
            }
            while index < count && !table[Int(base[index])] { index += 1 }
            return index
        }
    }
}

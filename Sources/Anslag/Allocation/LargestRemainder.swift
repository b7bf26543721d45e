/// The one rounding method: largest remainder (Hamilton).
///
/// Each recipient first gets the whole-krona floor of its exact amount. The kronor left
/// over (fewer than the number of recipients) go one each to the recipients with the
/// largest fractional remainders. Ties are broken by position: the earlier recipient in
/// the given order (county-code order for regions) gets the krona first. The result
/// always sums exactly to `total`.
public enum LargestRemainder {
    /// Shares that are negative or do not sum to exactly 1: a caller's mistake, reported, not trapped.
    public struct InvalidShares: Error, Hashable, Sendable {
        public var sum: Fraction
    }

    /// Splits `total` kronor by `shares`, which must be non-negative and sum to exactly 1.
    ///
    /// Throws `InvalidShares` when they do not, `Fraction.Overflow` when an exact amount
    /// does not fit in 128 bits, and `ArithmeticOverflow` for a negative total.
    public static func apportion(_ total: Int, shares: [Fraction]) throws -> [Int] {
        guard total >= 0 else { throw ArithmeticOverflow("a negative total \(total)") }
        var sum = Fraction.zero
        for share in shares {
            guard share.numerator >= 0 else { throw InvalidShares(sum: share) }
            sum = try sum.adding(share)
        }
        guard sum == .one else { throw InvalidShares(sum: sum) }
        // Each exact amount is at most `total`, so its floor fits in Int and the floors sum to at most `total`.
        let exact = try shares.map { try $0.multiplied(by: Fraction(total)) }
        var amounts = exact.map { Int($0.floor) }
        let given = try Checked.sum(amounts)
        let left = total - given
        guard left > 0 else { return amounts }
        let order = exact.indices.sorted { a, b in
            let ra = exact[a].fractionalPart, rb = exact[b].fractionalPart
            return ra != rb ? rb < ra : a < b
        }
        for index in order.prefix(left) { amounts[index] += 1 }
        return amounts
    }
}

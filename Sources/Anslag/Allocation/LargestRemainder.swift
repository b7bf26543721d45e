/// The one rounding method: largest remainder (Hamilton).
///
/// Each recipient first gets the whole-krona floor of its exact amount. The kronor left
/// over (fewer than the number of recipients) go one each to the recipients with the
/// largest fractional remainders. Ties are broken by position: the earlier recipient in
/// the given order (county-code order for regions) gets the krona first. The result
/// always sums exactly to `total`.
public enum LargestRemainder {
    /// Splits `total` kronor by `shares`, which must be non-negative and sum to exactly 1.
    public static func apportion(_ total: Int, shares: [Fraction]) throws -> [Int] {
        precondition(total >= 0)
        let exact = try shares.map { try $0.multiplied(by: Fraction(total)) }
        var amounts = exact.map { Int($0.floor) }
        let given = amounts.reduce(0, +)
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

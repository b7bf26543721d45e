import Foundation
import Testing
import PropertyBased
@testable import Anslag

/// Properties of the rounding over the documented range (issue 13, item 4): amounts up to
/// 10^15 kr, counts up to 10^9, zero weights, exact ties, one recipient, 21 and 290 recipients.
///
/// A failure prints the shrunk input and a seed; add `.fixedSeed("…")` to the `@Test` to replay it.
/// Shrinking a failure over 290 recipients can take minutes: `ANSLAG_SHRINK=0 swift test` reports
/// the first failing input at once (used for the mutation check, docs/testing.md).
@Suite(.shrinking(ProcessInfo.processInfo.environment["ANSLAG_SHRINK"] != "0"))
struct PropertyTests {
    static let maxAmount = 1_000_000_000_000_000
    static let maxCount = 1_000_000_000

    /// Weights as the keys produce them: counts up to 10^9, reshaped by `shape` into the cases
    /// that random counts almost never hit. Always at least one positive weight.
    static func weights(_ raw: [Int], shape: Int) -> [Int] {
        var w = raw.isEmpty ? [1] : raw
        switch shape {
        case 0: w = [w[0]]                                        // one recipient
        case 1: w = (0..<21).map { w[$0 % w.count] }              // the 21 regions
        case 2: w = (0..<290).map { w[($0 * 7) % w.count] }       // the 290 municipalities
        case 3: w = Array(repeating: w[0], count: w.count)        // exact ties: equal weights
        case 4: w = w.map { $0 % 3 == 0 ? 0 : $0 }                // many zero weights
        case 5: w = w.map { $0 % 4 }                              // small weights: many equal remainders
        default: break
        }
        if w.allSatisfy({ $0 == 0 }) { w[0] = 1 }
        return w
    }

    static let rawWeights = Gen.int(in: 0...maxCount).array(of: 1...300)
    static let shape = Gen.int(in: 0...7)
    static let amount = Gen.int(in: 0...maxAmount)

    static func shares(_ w: [Int]) throws -> [Fraction] {
        let total = w.reduce(0, +)   // at most 300 * 10^9: cannot overflow
        return try w.map { try Fraction(Int128($0), Int128(total)) }
    }

    static func exact(_ w: [Int], _ amount: Int) throws -> [Fraction] {
        try shares(w).map { try $0.multiplied(by: Fraction(amount)) }
    }

    @Test func rowsSumToThePot() async {
        await propertyCheck(count: 200, input: Self.rawWeights, Self.shape, Self.amount) { raw, shape, amount in
            let w = Self.weights(raw, shape: shape)
            let rows = try LargestRemainder.apportion(amount, shares: Self.shares(w))
            #expect(rows.count == w.count)
            #expect(try Checked.sum(rows) == amount)
        }
    }

    @Test func noRowBelowTheFloorOrAboveTheCeilingOfItsExactShare() async {
        await propertyCheck(count: 200, input: Self.rawWeights, Self.shape, Self.amount) { raw, shape, amount in
            let w = Self.weights(raw, shape: shape)
            let rows = try LargestRemainder.apportion(amount, shares: Self.shares(w))
            for (row, exact) in zip(rows, try Self.exact(w, amount)) {
                let ceiling = exact.fractionalPart == .zero ? exact.floor : exact.floor + 1
                #expect(exact.floor <= Int128(row) && Int128(row) <= ceiling, "row \(row), exact \(exact)")
            }
        }
    }

    @Test func raisingOneWeightNeverLowersThatRecipientsAmount() async {
        await propertyCheck(count: 200, input: Self.rawWeights, Self.shape, Self.amount, Gen.int(in: 0...289), Gen.int(in: 1...Self.maxCount)) {
            raw, shape, amount, index, raise in
            var w = Self.weights(raw, shape: shape)
            let who = index % w.count
            let before = try LargestRemainder.apportion(amount, shares: Self.shares(w))[who]
            w[who] = min(w[who] + raise, Self.maxCount)
            let after = try LargestRemainder.apportion(amount, shares: Self.shares(w))[who]
            #expect(after >= before, "recipient \(who) fell from \(before) to \(after)")
        }
    }

    @Test func permutingRecipientsWithDistinctRemaindersPermutesTheResult() async {
        await propertyCheck(count: 200, input: Self.rawWeights, Self.shape, Self.amount, Gen.int(in: 0...Int.max).array(of: 300)) {
            raw, shape, amount, keys in
            let w = Self.weights(raw, shape: shape)
            let remainders = try Self.exact(w, amount).map(\.fractionalPart)
            guard Set(remainders).count == remainders.count else { return }   // ties: order decides, see below
            let order = w.indices.sorted { (keys[$0 % keys.count], $0) < (keys[$1 % keys.count], $1) }
            let rows = try LargestRemainder.apportion(amount, shares: Self.shares(w))
            let permuted = try LargestRemainder.apportion(amount, shares: Self.shares(order.map { w[$0] }))
            #expect(permuted == order.map { rows[$0] })
        }
    }

    /// Exact ties go to the earlier recipient (county-code order), as docs/method.md states.
    @Test func tiesGoToTheEarlierRecipient() async {
        await propertyCheck(count: 100, input: Gen.int(in: 0...4), Self.amount, Gen.int(in: 1...Self.maxCount)) { pick, amount, weight in
            let n = [1, 2, 3, 21, 290][pick]
            let rows = try LargestRemainder.apportion(amount, shares: Self.shares(Array(repeating: weight, count: n)))
            let base = amount / n, extra = amount % n
            #expect(rows == (0..<n).map { $0 < extra ? base + 1 : base })
        }
    }

    /// A recipient with weight zero gets nothing, whatever the amount.
    @Test func zeroWeightGetsNothing() async {
        await propertyCheck(count: 100, input: Self.rawWeights, Self.amount) { raw, amount in
            let w = Self.weights(raw, shape: 4)
            let rows = try LargestRemainder.apportion(amount, shares: Self.shares(w))
            for (row, weight) in zip(rows, w) where weight == 0 { #expect(row == 0) }
        }
    }

    @Test func sharesThatDoNotSumToOneAreRefused() throws {
        #expect(throws: LargestRemainder.InvalidShares.self) { try LargestRemainder.apportion(10, shares: [try Fraction(1, 2)]) }
        #expect(throws: LargestRemainder.InvalidShares.self) { try LargestRemainder.apportion(10, shares: [try Fraction(3, 2), try Fraction(-1, 2)]) }
    }
}

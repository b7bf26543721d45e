import Testing
@testable import Anslag

@Suite struct FractionTests {
    @Test func reducesAndCompares() throws {
        let half = try Fraction(2, 4)
        #expect(half.numerator == 1 && half.denominator == 2)
        #expect(try Fraction(1, 3) < half)
        #expect(try half.adding(Fraction(1, 3)) == Fraction(5, 6))
        #expect(try Fraction(-7, 2).floor == -4)
        #expect(try Fraction(7, 2).fractionalPart == Fraction(1, 2))
    }

    @Test func overflowThrowsInsteadOfTrapping() throws {
        let big = try Fraction(Int128.max / 2, 3)
        #expect(throws: Fraction.Overflow.self) { try big.multiplied(by: Fraction(Int128.max / 5, 7)) }
    }
}

@Suite struct LargestRemainderTests {
    @Test func givesLeftoverKronorToLargestRemainders() throws {
        // 100 kr by 1/3 each: 33.33 each, one krona left, tie broken by order.
        let third = try Fraction(1, 3)
        #expect(try LargestRemainder.apportion(100, shares: [third, third, third]) == [34, 33, 33])
        // 10 kr by 0.15, 0.35, 0.5: 1.5, 3.5, 5 -> tie between first two goes to the first.
        let shares = [try Fraction(15, 100), try Fraction(35, 100), try Fraction(1, 2)]
        #expect(try LargestRemainder.apportion(10, shares: shares) == [2, 3, 5])
        // Largest remainder wins over order: 0.2, 0.7 remainders -> the second.
        let uneven = [try Fraction(12, 100), try Fraction(17, 100), try Fraction(71, 100)]
        #expect(try LargestRemainder.apportion(10, shares: uneven) == [1, 2, 7])
    }
    // The property tests (rows sum to the pot, floor/ceiling, monotonicity, permutation) are in
    // PropertyTests.swift, over the documented range.
}

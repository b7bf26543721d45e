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

    /// A small deterministic generator, so property tests are reproducible.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    @Test func rowsAlwaysSumToThePot() throws {
        var random = Generator(state: 42)
        for _ in 0..<500 {
            let count = 1 + random.next(25)
            let weights = (0..<count).map { _ in 1 + random.next(3_000_000) }
            let total = weights.reduce(0, +)
            let shares = try weights.map { try Fraction(Int128($0), Int128(total)) }
            let amount = random.next(5_000_000_000)
            let rows = try LargestRemainder.apportion(amount, shares: shares)
            #expect(rows.reduce(0, +) == amount)
            for (row, share) in zip(rows, shares) {
                let exact = try share.multiplied(by: Fraction(amount))
                #expect(Int128(row) == exact.floor || Int128(row) == exact.floor + 1)
            }
        }
    }

    @Test func aSharesNeverFallsWhenOnlyItsWeightRises() throws {
        var random = Generator(state: 7)
        for _ in 0..<300 {
            let count = 2 + random.next(21)
            var weights = (0..<count).map { _ in 1 + random.next(1_000_000) }
            let amount = random.next(3_000_000_000)
            let who = random.next(count)
            func allocate(_ w: [Int]) throws -> [Int] {
                let total = w.reduce(0, +)
                return try LargestRemainder.apportion(amount, shares: w.map { try Fraction(Int128($0), Int128(total)) })
            }
            let before = try allocate(weights)[who]
            weights[who] += 1 + random.next(100_000)
            let after = try allocate(weights)[who]
            #expect(after >= before, "recipient \(who) fell from \(before) to \(after)")
        }
    }
}

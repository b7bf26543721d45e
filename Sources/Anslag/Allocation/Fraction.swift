/// An exact rational number, always reduced, with a positive denominator.
///
/// Shares are fractions and amounts are integers; no floating point touches money.
/// Arithmetic that would overflow `Int128` throws `Fraction.Overflow` instead of trapping,
/// so absurd input gives an error rather than a crash.
public struct Fraction: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let numerator: Int128
    public let denominator: Int128

    /// Thrown when an exact result does not fit in 128 bits.
    public struct Overflow: Error, Sendable {}

    public init(_ numerator: Int128, _ denominator: Int128 = 1) throws {
        precondition(denominator != 0, "Fraction with zero denominator")
        var n = numerator, d = denominator
        if d < 0 {
            guard n != .min, d != .min else { throw Overflow() }
            n = -n
            d = -d
        }
        let g = Fraction.gcd(n.magnitude, d.magnitude)
        self.numerator = n / Int128(g)
        self.denominator = d / Int128(g)
    }

    public init(_ integer: Int) {
        numerator = Int128(integer)
        denominator = 1
    }

    public static let zero = Fraction(0)
    public static let one = Fraction(1)

    public var description: String { denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)" }

    static func gcd(_ a: UInt128, _ b: UInt128) -> UInt128 {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a == 0 ? 1 : a
    }

    private static func checked(_ r: (partialValue: Int128, overflow: Bool)) throws -> Int128 {
        if r.overflow { throw Overflow() }
        return r.partialValue
    }

    public func adding(_ other: Fraction) throws -> Fraction {
        let g = Int128(Fraction.gcd(denominator.magnitude, other.denominator.magnitude))
        let left = try Fraction.checked(numerator.multipliedReportingOverflow(by: other.denominator / g))
        let right = try Fraction.checked(other.numerator.multipliedReportingOverflow(by: denominator / g))
        let sum = try Fraction.checked(left.addingReportingOverflow(right))
        let den = try Fraction.checked(denominator.multipliedReportingOverflow(by: other.denominator / g))
        return try Fraction(sum, den)
    }

    public func subtracting(_ other: Fraction) throws -> Fraction {
        try adding(Fraction(-other.numerator, other.denominator))
    }

    public func multiplied(by other: Fraction) throws -> Fraction {
        // Cross-reduce first to keep intermediates small.
        let g1 = Int128(Fraction.gcd(numerator.magnitude, other.denominator.magnitude))
        let g2 = Int128(Fraction.gcd(other.numerator.magnitude, denominator.magnitude))
        let n = try Fraction.checked((numerator / g1).multipliedReportingOverflow(by: other.numerator / g2))
        let d = try Fraction.checked((denominator / g2).multipliedReportingOverflow(by: other.denominator / g1))
        return try Fraction(n, d)
    }

    public func divided(by other: Fraction) throws -> Fraction {
        precondition(other.numerator != 0, "division by zero fraction")
        return try multiplied(by: Fraction(other.denominator, other.numerator))
    }

    /// The largest integer not above the value.
    public var floor: Int128 {
        let q = numerator / denominator
        return (numerator % denominator != 0 && numerator < 0) ? q - 1 : q
    }

    /// The value less its floor, in [0, 1).
    public var fractionalPart: Fraction {
        // Cannot overflow: the result is smaller in magnitude than self.
        (try? Fraction(numerator - floor * denominator, denominator)) ?? .zero
    }

    public static func < (lhs: Fraction, rhs: Fraction) -> Bool {
        // Compare via subtraction; on overflow fall back to a wide comparison of floors.
        if let d = try? lhs.subtracting(rhs) { return d.numerator < 0 }
        return lhs.floor < rhs.floor
    }
}

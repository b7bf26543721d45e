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
        // The Euclidean remainder lies in [0, denominator): nothing here can overflow.
        var r = numerator % denominator
        if r < 0 { r += denominator }
        let g = Int128(Fraction.gcd(r.magnitude, denominator.magnitude))
        return Fraction(reduced: r / g, denominator / g)
    }

    /// `n / d` for whole numbers with `d > 0`; nil when `d <= 0`. Never overflows: both fit in 128 bits.
    public static func ratio(_ n: Int, _ d: Int) -> Fraction? {
        guard d > 0 else { return nil }
        let g = Int128(gcd(Int128(n).magnitude, Int128(d).magnitude))
        return Fraction(reduced: Int128(n) / g, Int128(d) / g)
    }

    /// For values already reduced with a positive denominator.
    private init(reduced numerator: Int128, _ denominator: Int128) {
        self.numerator = numerator
        self.denominator = denominator
    }

    public static func < (lhs: Fraction, rhs: Fraction) -> Bool {
        // a/b < c/d  <=>  a*d < c*b (b, d > 0), compared on the full 256-bit products: exact, never overflows.
        let left = lhs.numerator.multipliedFullWidth(by: rhs.denominator)
        let right = rhs.numerator.multipliedFullWidth(by: lhs.denominator)
        return left.high != right.high ? left.high < right.high : left.low < right.low
    }

    /// How `decimal(places:rounding:)` rounds the last digit.
    public enum Rounding: Sendable {
        /// Half away from zero (`0,05` -> `0,1`, `-0,05` -> `-0,1`).
        case halfAwayFromZero
        /// Towards zero (truncation).
        case towardZero
    }

    /// The exact decimal expansion to `places` decimals: sign, whole part and the decimal digits.
    ///
    /// Works digit by digit on the magnitude with full-width products, so it is exact and cannot
    /// overflow for any fraction; scaling (per cent, öre) is done by the caller moving the point.
    public func decimal(places: Int, rounding: Rounding = .halfAwayFromZero) -> (negative: Bool, whole: UInt128, digits: [UInt8]) {
        let d = denominator.magnitude
        var whole = numerator.magnitude / d
        var remainder = numerator.magnitude % d
        var digits: [UInt8] = []
        digits.reserveCapacity(max(0, places))
        if d <= UInt128(UInt64.max / 10) {
            // The usual case: remainder < d, so remainder * 10 fits in 64 bits and one machine
            // division gives each digit (the same digits as the full-width way below).
            let d64 = UInt64(d)
            var r64 = UInt64(remainder)
            for _ in 0..<max(0, places) {
                let (q, r) = (r64 * 10).quotientAndRemainder(dividingBy: d64)
                digits.append(UInt8(q))
                r64 = r
            }
            remainder = UInt128(r64)
        } else {
            for _ in 0..<max(0, places) {
                // remainder < d, so remainder * 10 / d < 10 fits; the product is taken full width.
                let (q, r) = d.dividingFullWidth(remainder.multipliedFullWidth(by: 10))
                digits.append(UInt8(q))
                remainder = r
            }
        }
        if rounding == .halfAwayFromZero {
            // Round up when the rest is at least half a unit of the last digit: 2 * remainder >= d.
            let twice = remainder.multipliedFullWidth(by: 2)
            if twice.high > 0 || twice.low >= d {
                var i = digits.count - 1
                while i >= 0 && digits[i] == 9 { digits[i] = 0; i -= 1 }
                if i >= 0 { digits[i] += 1 } else { whole += 1 }
            }
        }
        let isZero = whole == 0 && digits.allSatisfy { $0 == 0 }
        return (numerator < 0 && !isZero, whole, digits)
    }
}

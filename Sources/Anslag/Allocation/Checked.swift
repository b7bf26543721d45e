/// An integer sum or product of kronor or counts that does not fit in 64 bits.
///
/// Thrown by `Checked` instead of trapping; the step that caught it turns it into an
/// `overflow` diagnostic at the position of the inputs, with `detail` naming them.
public struct ArithmeticOverflow: Error, Hashable, Sendable, CustomStringConvertible {
    /// The operation and its operands in words, e.g. "adding 'del-9223' (1000000000000000) to 9223000000000000000".
    public var detail: String

    public init(_ detail: String) { self.detail = detail }
    public var description: String { detail }
}

/// Checked whole-number arithmetic for amounts, counts and weights.
///
/// Every input is at most `10^15` (the loaders' limit), but sums over many pots, parts,
/// columns or rows, and products of counts and weights, can still pass `Int.max`. These
/// functions report that as `ArithmeticOverflow`; nothing here traps.
public enum Checked {
    /// `a + b`.
    public static func add(_ a: Int, _ b: Int) throws(ArithmeticOverflow) -> Int {
        let (result, overflow) = a.addingReportingOverflow(b)
        if overflow { throw ArithmeticOverflow("adding \(b) to \(a)") }
        return result
    }

    /// `a * b`, with the operands named in the error.
    public static func multiply(_ a: Int, _ b: Int, _ what: String = "") throws(ArithmeticOverflow) -> Int {
        let (result, overflow) = a.multipliedReportingOverflow(by: b)
        if overflow { throw ArithmeticOverflow("multiplying \(a) by \(b)\(what.isEmpty ? "" : " (\(what))")") }
        return result
    }

    /// The sum of labelled terms; the error names the term at which the sum left 64 bits.
    public static func sum(_ terms: [(label: String, value: Int)]) throws(ArithmeticOverflow) -> Int {
        var total = 0
        for (index, term) in terms.enumerated() {
            let (result, overflow) = total.addingReportingOverflow(term.value)
            if overflow {
                throw ArithmeticOverflow("adding \(term.label) (\(term.value)) to the sum of the \(index) before it (\(total)), term \(index + 1) of \(terms.count)")
            }
            total = result
        }
        return total
    }

    /// The sum of unlabelled terms (named by position in the error; the words are made only then).
    public static func sum(_ values: [Int]) throws(ArithmeticOverflow) -> Int {
        var total = 0
        for value in values {
            let (result, overflow) = total.addingReportingOverflow(value)
            if overflow { return try sum(values.enumerated().map { (label: "term \($0.offset + 1)", value: $0.element) }) }
            total = result
        }
        return total
    }
}

extension Diagnostic {
    /// The one diagnostic for numbers too large to compute exactly, naming what overflowed.
    static func overflow(at location: SourceLocation, _ what: String, _ error: ArithmeticOverflow) -> Diagnostic {
        .error(.overflow, at: location, "\(what) is too large to compute exactly: \(error.detail) exceeds \(Int.max)",
               notes: ["each amount and count may be at most \(Limits.maxAmount), and their sums and products must stay below \(Int.max)"])
    }
}

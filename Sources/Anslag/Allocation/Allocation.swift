/// One recipient's whole-krona amount from a pot, with the exact value before rounding.
public struct Share: Hashable, Sendable {
    public var recipient: Recipient
    public var amount: Int
    public var exact: Fraction
}

/// The outcome of splitting one pot.
public enum PotAllocation: Hashable, Sendable {
    /// Split among recipients; the amounts sum exactly to the pot.
    case distributed([Share])
    /// The source states no per-recipient split.
    case notDistributed(reason: String)
    /// The key needs an input the source does not publish.
    case notComputable(reason: String)
    /// A parent of pots with different recipients: see its children.
    case mixed

    public var shares: [Share]? {
        if case .distributed(let shares) = self { return shares }
        return nil
    }
}

/// Every pot's allocation in one agreement.
public struct AgreementAllocation: Sendable {
    public var agreement: Agreement
    /// The pot's resolved amount (with `rest` worked out).
    public var amounts: [String: Int]
    public var pots: [String: PotAllocation]
    /// Each recipient's sum over the leaf pots, all of them and those not paid via SKR,
    /// worked out with checked arithmetic by `Allocator` (see `total(for:includingViaSKR:)`).
    var totals: [Recipient: Int] = [:]
    var directTotals: [Recipient: Int] = [:]

    public init(agreement: Agreement, amounts: [String: Int], pots: [String: PotAllocation]) {
        self.agreement = agreement
        self.amounts = amounts
        self.pots = pots
    }

    /// What one recipient gets from one pot, if the pot is split and the recipient is in it.
    public func amount(of pot: String, to recipient: Recipient) -> Int? {
        pots[pot]?.shares?.first { $0.recipient == recipient }?.amount
    }

    /// Leaf pots (no children) in file order.
    public var leaves: [Pot] {
        let parents = Set(agreement.pots.compactMap(\.parent))
        return agreement.pots.filter { !parents.contains($0.id) }
    }

    /// The total a recipient gets from the leaf pots that are split or go to it by name.
    /// With `direct`, money paid via SKR is left out.
    ///
    /// Computed once by `Allocator.allocate` with checked sums (an overflow there is an
    /// `overflow` error, and a site with errors is never rendered). A recipient that no leaf
    /// pays gets nothing: 0 is then the true sum of no amounts, not a fallback.
    public func total(for recipient: Recipient, includingViaSKR: Bool = true) -> Int {
        (includingViaSKR ? totals : directTotals)[recipient] ?? 0
    }

    /// Sums each recipient's leaf amounts with checked arithmetic; the first overflow is thrown.
    mutating func computeTotals() throws(ArithmeticOverflow) {
        var all: [Recipient: Int] = [:], direct: [Recipient: Int] = [:]
        for leaf in leaves {
            for share in pots[leaf.id]?.shares ?? [] {
                all[share.recipient] = try Checked.add(all[share.recipient] ?? 0, share.amount)
                if !leaf.viaSKR { direct[share.recipient] = try Checked.add(direct[share.recipient] ?? 0, share.amount) }
            }
        }
        totals = all
        directTotals = direct
    }
}

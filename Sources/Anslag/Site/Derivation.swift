import Foundation

/// How one recipient's amount from one pot was reached, as values a reader can redo by hand:
/// the key, its inputs, the exact share and amount, the rounding and the printed cell.
/// Shown on the region-year page and written into `data/anslag.json` (its keys are in
/// `OpenData.json`, in snake case).
struct Derivation: Sendable {
    /// One input value the key reads.
    struct Input: Sendable {
        var what: String
        var value: Int
    }

    /// A printed cell the amount was reconciled with.
    struct PublishedCell: Sendable {
        var table: String
        var tableTitle: String
        var column: String
        var printed: Int
        /// Printed less computed.
        var difference: Int
    }

    /// One part of a pot that is the sum of its parts.
    struct Part: Sendable {
        var pot: String
        var title: String
        var amount: Int
    }

    var pot: String
    var recipient: String
    /// `proportional`, `base-plus-proportional`, `rural-weighted`, `blend`, `equal`, `given` or `sum-of-parts`.
    var key: String
    var potAmount: Int
    /// The base amount each recipient gets first, and how many recipients get it.
    var basePerRecipient: Int?
    var recipients: Int
    /// The amount split by share: the pot, less the bases.
    var splitByShare: Int
    var inputs: [Input]
    /// The share of `splitByShare` as a fraction in lowest terms, and as a decimal with a point.
    var shareNumerator: String?
    var shareDenominator: String?
    var shareDecimal: String?
    /// The exact amount before rounding, as a fraction in kronor, and as a decimal with a point.
    var exactNumerator: String
    var exactDenominator: String
    var exactDecimal: String
    /// Whole kronor under the exact amount.
    var floor: Int
    /// Kronor left over in the pot after every recipient got its floor; they go to the largest remainders.
    var leftoverKronor: Int
    var gotLeftoverKrona: Bool
    var amount: Int
    var parts: [Part]
    var published: [PublishedCell]
}

/// Builds derivations from an allocation and its reconciliation. Pure.
enum Derivations {
    /// The derivation of `recipient`'s amount from `pot`, or nil when the pot is not split among several recipients.
    static func make(_ pot: Pot, for recipient: Recipient, allocation: AgreementAllocation, reconciliations: [TableReconciliation],
                     regions: RegionRegistry, totals: Totals = Totals()) -> Derivation? {
        let agreement = allocation.agreement
        guard let shares = allocation.pots[pot.id]?.shares, shares.count > 1,
              let share = shares.first(where: { $0.recipient == recipient }),
              let potAmount = allocation.amounts[pot.id] else { return nil }
        var derivation = Derivation(
            pot: pot.id, recipient: recipient.code, key: "sum-of-parts", potAmount: potAmount, basePerRecipient: nil,
            recipients: shares.count, splitByShare: potAmount, inputs: [], shareNumerator: nil, shareDenominator: nil, shareDecimal: nil,
            exactNumerator: String(share.exact.numerator), exactDenominator: String(share.exact.denominator),
            exactDecimal: DataTable.Cell.decimal(share.exact, 4), floor: Int(share.exact.floor),
            leftoverKronor: potAmount - shares.map { Int($0.exact.floor) }.reduce(0, +),
            gotLeftoverKrona: share.amount > Int(share.exact.floor), amount: share.amount, parts: [], published: [])
        let id = recipientRegion(recipient)
        // The allocator computed these same weighted values and their sum with checked arithmetic
        // before any page is built, so an overflow cannot reach here; nil only means "no such row".
        func count(_ input: String, weights: RuralWeights? = nil) -> (Int, Int)? {
            guard let table = agreement.input(input), let id,
                  let mine = try? table.weightedValue(for: id, weights: weights ?? .standard) else { return nil }
            let total = totals.value(for: TotalsKey(agreement: agreement.id, input: input, weights: weights ?? .standard)) {
                let values = regions.regions.compactMap { try? table.weightedValue(for: $0.id, weights: weights ?? .standard) }
                return try? Checked.sum(values)
            }
            guard let total else { return nil }
            return (mine, total)
        }
        func setShare(_ value: Fraction) {
            derivation.shareNumerator = String(value.numerator)
            derivation.shareDenominator = String(value.denominator)
            derivation.shareDecimal = DataTable.Cell.decimal(value, 8)
        }
        func inputName(_ input: String, _ what: String) -> String {
            let table = agreement.input(input)
            return "\(input)\(table?.date.map { " \($0)" } ?? ""): \(what)"
        }
        switch pot.key {
        case .proportional(let input)?, .basePlusProportional(_, let input)?:
            guard let (mine, total) = count(input) else { return nil }
            derivation.key = "proportional"
            if case .basePlusProportional(let base, _)? = pot.key {
                derivation.key = "base-plus-proportional"
                derivation.basePerRecipient = base
                derivation.splitByShare = potAmount - base * shares.count
            }
            derivation.inputs = [.init(what: inputName(input, recipient.code), value: mine), .init(what: inputName(input, "total"), value: total)]
            guard let value = try? Fraction(Int128(mine), Int128(total)) else { return nil }
            setShare(value)
        case .ruralWeighted(let input, let weights)?:
            guard let (mine, total) = count(input, weights: weights) else { return nil }
            derivation.key = "rural-weighted"
            derivation.inputs = [.init(what: inputName(input, "\(recipient.code), weighted"), value: mine), .init(what: inputName(input, "total, weighted"), value: total)]
            guard let value = try? Fraction(Int128(mine), Int128(total)) else { return nil }
            setShare(value)
        case .blend?:
            derivation.key = "blend"
            guard let value = try? share.exact.divided(by: Fraction(potAmount)) else { return nil }
            setShare(value)
        case .equal?:
            derivation.key = "equal"
            guard let value = try? Fraction(1, Int128(shares.count)) else { return nil }
            setShare(value)
        case .given?:
            derivation.key = "given"
        case .notDistributed?:
            return nil
        case nil:
            derivation.parts = agreement.children(of: pot.id).compactMap { child in
                allocation.amount(of: child.id, to: recipient).map { Derivation.Part(pot: child.id, title: child.title, amount: $0) }
            }
        }
        // A given outcome is the source's own figure: there is nothing computed to reconcile it with.
        for result in reconciliations where derivation.key != "given" {
            for column in result.table.columns {
                guard case .pots(let ids) = column.meaning, ids == [pot.id] else { continue }
                guard let region = id, result.table.body.contains(where: { $0.region == region }) else { continue }
                let note = result.roundingNotes.first { $0.region == region && $0.column == column.heading }
                let printed = note?.published ?? share.amount
                derivation.published.append(.init(table: result.table.id, tableTitle: result.table.title, column: column.heading,
                                                  printed: printed, difference: printed - share.amount))
            }
        }
        return derivation
    }

    /// Each input's weighted sum over all regions (nil when a row is missing or the sum
    /// overflows), taken once: every derivation from a pot needs it, and a region-year page or
    /// `data/anslag.json` asks for many. Shared by threads.
    typealias Totals = Memo<TotalsKey, Int?>

    struct TotalsKey: Hashable {
        var agreement: String
        var input: String
        var weights: RuralWeights
    }

    private static func recipientRegion(_ recipient: Recipient) -> String? {
        switch recipient {
        case .region(let id), .county(let id): return id
        case .skr, .samverkansregion: return nil
        }
    }
}

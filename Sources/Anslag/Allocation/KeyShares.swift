/// Turns a key into exact shares of a pot for an ordered list of recipients.
struct KeyShares {
    let agreement: Agreement
    let regions: RegionRegistry

    enum Outcome {
        /// Exact amounts per recipient (not yet rounded), summing to the pot.
        case exact([Fraction])
        case notComputable(String)
    }

    /// Exact amounts of `amount` for the region-ordered recipients, by `key`.
    func exactAmounts(_ amount: Int, key: KeySpec, pot: Pot) throws -> Outcome {
        for id in key.inputs {
            if let reason = agreement.input(id)?.unavailable { return .notComputable(reason) }
        }
        let ids = regions.regions.map(\.id)
        switch key {
        case .proportional, .blend, .ruralWeighted:
            let shares = try self.shares(key, ids: ids, pot: pot)
            return .exact(try shares.map { try $0.multiplied(by: Fraction(amount)) })
        case .basePlusProportional(let base, let input):
            let rest = amount - base * ids.count
            guard rest >= 0 else {
                throw Diagnostic.error("base-too-large", at: pot.keyLocation ?? pot.location,
                                       "the base \(base) kr to each of \(ids.count) recipients exceeds the pot's \(amount) kr")
            }
            let shares = try self.shares(.proportional(input: input), ids: ids, pot: pot)
            return .exact(try shares.map { try $0.multiplied(by: Fraction(rest)).adding(Fraction(base)) })
        case .given(let input):
            let table = agreement.input(input)!
            let values = ids.map { table.value(for: $0)! }
            let sum = values.reduce(0, +)
            guard sum == amount else {
                throw Diagnostic.error("total-mismatch", at: table.location,
                                       "input '\(input)' sums to \(sum) kr but pot '\(pot.id)' is \(amount) kr")
            }
            return .exact(values.map { Fraction($0) })
        case .equal:
            let count = regions.samverkansregioner.count
            return .exact(try regions.samverkansregioner.map { _ in try Fraction(Int128(amount), Int128(count)) })
        case .notDistributed(let reason):
            return .notComputable(reason)
        }
    }

    /// Exact shares (summing to 1) of a share-type key.
    func shares(_ key: KeySpec, ids: [String], pot: Pot) throws -> [Fraction] {
        switch key {
        case .proportional(let input):
            return try proportional(ids.map { agreement.input(input)!.value(for: $0)! }, input: input, pot: pot)
        case .ruralWeighted(let input, let weights):
            return try proportional(ids.map { agreement.input(input)!.value(for: $0, weights: weights)! }, input: input, pot: pot)
        case .blend(let parts):
            var result = Array(repeating: Fraction.zero, count: ids.count)
            for part in parts {
                let partShares = try shares(part.key, ids: ids, pot: pot)
                for i in ids.indices { result[i] = try result[i].adding(partShares[i].multiplied(by: part.weight)) }
            }
            return result
        default:
            throw Diagnostic.error("wrong-value", at: pot.keyLocation ?? pot.location,
                                   "this key cannot be part of a blend")
        }
    }

    private func proportional(_ counts: [Int], input: String, pot: Pot) throws -> [Fraction] {
        let total = counts.reduce(0, +)
        guard total > 0 else {
            throw Diagnostic.error("zero-total", at: agreement.input(input)!.location,
                                   "input '\(input)' sums to zero, so pot '\(pot.id)' cannot be split by it")
        }
        return try counts.map { try Fraction(Int128($0), Int128(total)) }
    }
}

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
            let bases: Int
            do { bases = try Checked.multiply(base, ids.count, "the base times the number of recipients") } catch {
                throw Diagnostic.overflow(at: pot.keyLocation ?? pot.location, "the base of pot '\(pot.id)' to every recipient", error)
            }
            // Both are in 0...Int.max, so the difference cannot overflow.
            let rest = amount - bases
            guard rest >= 0 else {
                throw Diagnostic.error(.baseTooLarge, at: pot.keyLocation ?? pot.location,
                                       "the base \(base) kr to each of \(ids.count) recipients exceeds the pot's \(amount) kr")
            }
            let shares = try self.shares(.proportional(input: input), ids: ids, pot: pot)
            return .exact(try shares.map { try $0.multiplied(by: Fraction(rest)).adding(Fraction(base)) })
        case .given(let input):
            let table = try self.input(input, pot: pot)
            let values = try ids.map { try value(table, $0, pot: pot) }
            let sum: Int
            do { sum = try Checked.sum(zip(ids, values).map { (label: "'\($0)'", value: $1) }) } catch {
                throw Diagnostic.overflow(at: table.location, "the sum of input '\(input)'", error)
            }
            guard sum == amount else {
                throw Diagnostic.error(.givenSumMismatch, at: table.location,
                                       "input '\(input)' sums to \(sum) kr but pot '\(pot.id)' is \(amount) kr")
            }
            return .exact(values.map { Fraction($0) })
        case .equal:
            let count = regions.samverkansregioner.count
            guard count > 0 else {
                throw Diagnostic.error(.noSamverkansregioner, at: pot.keyLocation ?? pot.location,
                                       "pot '\(pot.id)' is split equally among the samverkansregioner, but regions.yaml lists none")
            }
            return .exact(try regions.samverkansregioner.map { _ in try Fraction(Int128(amount), Int128(count)) })
        case .notDistributed(let reason):
            return .notComputable(reason)
        }
    }

    /// Exact shares (summing to 1) of a share-type key.
    func shares(_ key: KeySpec, ids: [String], pot: Pot) throws -> [Fraction] {
        switch key {
        case .proportional(let input):
            let table = try self.input(input, pot: pot)
            return try proportional(ids.map { try value(table, $0, pot: pot) }, input: input, pot: pot)
        case .ruralWeighted(let input, let weights):
            let table = try self.input(input, pot: pot)
            let weighted = try ids.map { id in
                do {
                    guard let value = try table.weightedValue(for: id, weights: weights) else { throw missing(table, id, pot: pot) }
                    return value
                } catch let error as ArithmeticOverflow {
                    throw Diagnostic.overflow(at: table.rowLocations[id] ?? table.location,
                                              "the rural-weighted count of '\(id)' in input '\(input)'", error)
                }
            }
            return try proportional(weighted, input: input, pot: pot)
        case .blend(let parts):
            var result = Array(repeating: Fraction.zero, count: ids.count)
            for part in parts {
                let partShares = try shares(part.key, ids: ids, pot: pot)
                for i in ids.indices { result[i] = try result[i].adding(partShares[i].multiplied(by: part.weight)) }
            }
            return result
        default:
            throw Diagnostic.error(.keyNotBlendable, at: pot.keyLocation ?? pot.location,
                                   "this key cannot be part of a blend")
        }
    }

    /// The declared input a key names; the loader checks this, so a miss is an error at the pot, not a trap.
    private func input(_ id: String, pot: Pot) throws -> InputTable {
        guard let table = agreement.input(id) else {
            throw Diagnostic.error(.unknownInput, at: pot.keyLocation ?? pot.location, "pot '\(pot.id)' needs input '\(id)', which is not declared")
        }
        return table
    }

    /// A region's value in an input; every region must have a row.
    private func value(_ table: InputTable, _ region: String, pot: Pot) throws -> Int {
        guard let value = table.value(for: region) else { throw missing(table, region, pot: pot) }
        return value
    }

    private func missing(_ table: InputTable, _ region: String, pot: Pot) -> Diagnostic {
        .error(.inputMissingRow, at: table.location, "input '\(table.id)' has no row for '\(region)', needed by pot '\(pot.id)'")
    }

    private func proportional(_ counts: [Int], input: String, pot: Pot) throws -> [Fraction] {
        let table = try self.input(input, pot: pot)
        let total: Int
        do { total = try Checked.sum(zip(regions.regions, counts).map { (label: "'\($0.id)'", value: $1) }) } catch {
            throw Diagnostic.overflow(at: table.location, "the total of input '\(input)', which pot '\(pot.id)' is split by,", error)
        }
        guard total > 0 else {
            throw Diagnostic.error(.zeroTotal, at: table.location,
                                   "input '\(input)' sums to zero, so pot '\(pot.id)' cannot be split by it")
        }
        return try counts.map { try Fraction(Int128($0), Int128(total)) }
    }
}

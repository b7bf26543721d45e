/// Computes every pot of an agreement: pure, model in, allocations and diagnostics out.
public enum Allocator {
    public static func allocate(_ agreement: Agreement, regions: RegionRegistry) -> (AgreementAllocation, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var allocation = AgreementAllocation(agreement: agreement, amounts: [:], pots: [:])
        resolveAmounts(agreement, into: &allocation, diagnostics: &diagnostics)
        let keys = KeyShares(agreement: agreement, regions: regions)
        // Children before parents, so a parent can add up its children.
        for pot in postOrder(agreement) {
            guard let amount = allocation.amounts[pot.id] else { continue }
            do {
                allocation.pots[pot.id] = try allocate(pot, amount: amount, keys: keys, regions: regions, done: allocation)
            } catch let diagnostic as Diagnostic {
                diagnostics.append(diagnostic)
            } catch is Fraction.Overflow {
                diagnostics.append(.error("overflow", at: pot.location, "the numbers for pot '\(pot.id)' are too large to compute exactly"))
            } catch {
                diagnostics.append(.error("internal", at: pot.location, "\(error)"))
            }
        }
        checkStatedTotals(agreement, allocation: allocation, diagnostics: &diagnostics)
        return (allocation, diagnostics)
    }

    /// Works out `rest` amounts and checks that children add up to their parent.
    static func resolveAmounts(_ agreement: Agreement, into allocation: inout AgreementAllocation, diagnostics: inout [Diagnostic]) {
        for pot in preOrder(agreement) {
            switch pot.amount {
            case .fixed(let value): allocation.amounts[pot.id] = value
            case .rest:
                guard let parent = pot.parent, let parentAmount = allocation.amounts[parent] else { continue }
                let others = agreement.children(of: parent).filter { $0.id != pot.id }
                let used = others.compactMap { if case .fixed(let v) = $0.amount { v } else { nil } }.reduce(0, +)
                if parentAmount - used < 0 {
                    diagnostics.append(.error("pot-sum", at: pot.amountLocation,
                                              "the other parts of '\(parent)' add up to \(used) kr, more than its \(parentAmount) kr, so nothing is left for '\(pot.id)'"))
                    continue
                }
                allocation.amounts[pot.id] = parentAmount - used
            }
        }
        for pot in agreement.pots {
            let children = agreement.children(of: pot.id)
            guard !children.isEmpty, let amount = allocation.amounts[pot.id] else { continue }
            let sum = children.compactMap { allocation.amounts[$0.id] }.reduce(0, +)
            if sum != amount {
                diagnostics.append(.error("pot-sum", at: pot.amountLocation,
                                          "the parts of pot '\(pot.id)' add up to \(sum) kr, not its \(amount) kr",
                                          notes: ["parts: " + children.map { "\($0.id) \(allocation.amounts[$0.id].map(String.init) ?? "?")" }.joined(separator: ", "),
                                                  "difference: \(amount - sum) kr"]))
            }
        }
    }

    static func allocate(_ pot: Pot, amount: Int, keys: KeyShares, regions: RegionRegistry, done: AgreementAllocation) throws -> PotAllocation {
        let agreement = keys.agreement
        let children = agreement.children(of: pot.id)
        switch pot.recipient {
        case .skr: return .distributed([Share(recipient: .skr, amount: amount, exact: Fraction(amount))])
        case .region(let id): return .distributed([Share(recipient: .region(id), amount: amount, exact: Fraction(amount))])
        case .mixed: return .mixed
        case .regions, .municipalities, .samverkansregioner, .regionsAndMunicipalities:
            if !children.isEmpty { return sumOfChildren(children, done: done) }
        }
        guard let key = pot.key else { return .mixed }
        switch try keys.exactAmounts(amount, key: key, pot: pot) {
        case .notComputable(let reason):
            if case .notDistributed = key { return .notDistributed(reason: reason) }
            return .notComputable(reason: reason)
        case .exact(let exact):
            let recipients: [Recipient]
            switch pot.recipient {
            case .municipalities: recipients = regions.regions.map { .county($0.id) }
            case .samverkansregioner: recipients = regions.samverkansregioner.map { .samverkansregion($0.id) }
            default: recipients = regions.regions.map { .region($0.id) }
            }
            let shares = try exact.map { try $0.divided(by: Fraction(amount == 0 ? 1 : amount)) }
            let rounded = amount == 0 ? exact.map { _ in 0 } : try LargestRemainder.apportion(amount, shares: shares)
            return .distributed(zip(recipients, zip(rounded, exact)).map { Share(recipient: $0, amount: $1.0, exact: $1.1) })
        }
    }

    /// A parent split the same way as its children: each recipient's sum over them.
    static func sumOfChildren(_ children: [Pot], done: AgreementAllocation) -> PotAllocation {
        var order: [Recipient] = []
        var sums: [Recipient: (Int, Fraction)] = [:]
        for child in children {
            switch done.pots[child.id] {
            case .distributed(let shares)?:
                for share in shares {
                    if sums[share.recipient] == nil { order.append(share.recipient) }
                    let (a, e) = sums[share.recipient] ?? (0, .zero)
                    sums[share.recipient] = (a + share.amount, (try? e.adding(share.exact)) ?? e)
                }
            case .notComputable(let reason)?: return .notComputable(reason: reason)
            case .notDistributed(let reason)?: return .notDistributed(reason: reason)
            case .mixed?, nil: return .mixed
            }
        }
        return .distributed(order.map { Share(recipient: $0, amount: sums[$0]!.0, exact: sums[$0]!.1) })
    }

    static func checkStatedTotals(_ agreement: Agreement, allocation: AgreementAllocation, diagnostics: inout [Diagnostic]) {
        for total in agreement.statedTotals {
            let sum = total.pots.compactMap { allocation.amounts[$0] }.reduce(0, +)
            if sum != total.amount {
                diagnostics.append(.error("stated-total", at: total.location,
                                          "the agreement states \(total.amount) kr for '\(total.what)' but its pots add up to \(sum) kr",
                                          notes: ["difference: \(total.amount - sum) kr"]))
            }
        }
    }

    static func preOrder(_ agreement: Agreement) -> [Pot] {
        var result: [Pot] = []
        func visit(_ pot: Pot) {
            result.append(pot)
            agreement.children(of: pot.id).forEach(visit)
        }
        agreement.pots.filter { $0.parent == nil }.forEach(visit)
        return result
    }

    static func postOrder(_ agreement: Agreement) -> [Pot] {
        var result: [Pot] = []
        func visit(_ pot: Pot) {
            agreement.children(of: pot.id).forEach(visit)
            result.append(pot)
        }
        agreement.pots.filter { $0.parent == nil }.forEach(visit)
        return result
    }
}

/// Computes every pot of an agreement: pure, model in, allocations and diagnostics out.
public enum Allocator {
    public static func allocate(_ agreement: Agreement, regions: RegionRegistry) -> (AgreementAllocation, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var allocation = AgreementAllocation(agreement: agreement, amounts: [:], pots: [:])
        resolveAmounts(agreement, into: &allocation, diagnostics: &diagnostics)
        let keys = KeyShares(agreement: agreement, regions: regions)
        let tree = PotTree(agreement)
        // Children before parents, so a parent can add up its children.
        for pot in postOrder(agreement) {
            guard let amount = allocation.amounts[pot.id] else { continue }
            do {
                allocation.pots[pot.id] = try allocate(pot, amount: amount, keys: keys, regions: regions, done: allocation, tree: tree)
            } catch let diagnostic as Diagnostic {
                diagnostics.append(diagnostic)
            } catch let error as ArithmeticOverflow {
                diagnostics.append(.overflow(at: pot.location, "the split of pot '\(pot.id)'", error))
            } catch is Fraction.Overflow {
                diagnostics.append(.error(.overflow, at: pot.location, "the numbers for pot '\(pot.id)' are too large to compute exactly"))
            } catch {
                diagnostics.append(.error(.internal, at: pot.location, "\(error)"))
            }
        }
        checkStatedTotals(agreement, allocation: allocation, diagnostics: &diagnostics)
        do {
            try allocation.computeTotals()
        } catch where !diagnostics.contains(where: { $0.severity == .error }) {
            // Only reported for an otherwise sound allocation: after an error above, the totals are
            // never shown (the agreement counts as failed) and this would repeat that error.
            diagnostics.append(.overflow(at: agreement.location, "a recipient's total over the pots of '\(agreement.id)'", error))
        } catch {}
        return (allocation, diagnostics)
    }

    /// Works out `rest` amounts and checks that children add up to their parent.
    static func resolveAmounts(_ agreement: Agreement, into allocation: inout AgreementAllocation, diagnostics: inout [Diagnostic]) {
        let tree = PotTree(agreement)
        for pot in preOrder(agreement) {
            switch pot.amount {
            case .fixed(let value): allocation.amounts[pot.id] = value
            case .rest:
                guard let parent = pot.parent, let parentAmount = allocation.amounts[parent] else { continue }
                let others = tree.children(of: parent).filter { $0.id != pot.id }
                let used: Int
                do {
                    used = try Checked.sum(others.compactMap { if case .fixed(let v) = $0.amount { (label: "'\($0.id)'", value: v) } else { nil } })
                } catch {
                    diagnostics.append(.overflow(at: pot.amountLocation, "the sum of the other parts of '\(parent)', needed for the rest '\(pot.id)',", error))
                    continue
                }
                // Both are in 0...Int.max, so the difference cannot overflow.
                if parentAmount - used < 0 {
                    diagnostics.append(.error(.potSum, at: pot.amountLocation,
                                              "the other parts of '\(parent)' add up to \(used) kr, more than its \(parentAmount) kr, so nothing is left for '\(pot.id)'"))
                    continue
                }
                allocation.amounts[pot.id] = parentAmount - used
            }
        }
        for pot in agreement.pots {
            let children = tree.children(of: pot.id)
            guard !children.isEmpty, let amount = allocation.amounts[pot.id] else { continue }
            let sum: Int
            do {
                sum = try Checked.sum(children.compactMap { child in allocation.amounts[child.id].map { (label: "'\(child.id)'", value: $0) } })
            } catch {
                diagnostics.append(.overflow(at: pot.amountLocation, "the sum of the parts of pot '\(pot.id)'", error))
                continue
            }
            if sum != amount {
                diagnostics.append(.error(.potSum, at: pot.amountLocation,
                                          "the parts of pot '\(pot.id)' add up to \(sum) kr, not its \(amount) kr",
                                          notes: ["parts: " + children.map { "\($0.id) \(allocation.amounts[$0.id].map(String.init) ?? "?")" }.joined(separator: ", "),
                                                  "difference: \(amount - sum) kr"]))
            }
        }
    }

    static func allocate(_ pot: Pot, amount: Int, keys: KeyShares, regions: RegionRegistry, done: AgreementAllocation,
                         tree: PotTree) throws -> PotAllocation {
        let children = tree.children(of: pot.id)
        switch pot.recipient {
        case .skr: return .distributed([Share(recipient: .skr, amount: amount, exact: Fraction(amount))])
        case .region(let id): return .distributed([Share(recipient: .region(id), amount: amount, exact: Fraction(amount))])
        case .mixed: return .mixed
        case .regions, .municipalities, .samverkansregioner, .regionsAndMunicipalities:
            if !children.isEmpty { return try sumOfChildren(children, of: pot, done: done) }
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
    /// A sum that does not fit is an `overflow` error at the parent, naming the child and recipient.
    static func sumOfChildren(_ children: [Pot], of parent: Pot, done: AgreementAllocation) throws -> PotAllocation {
        var order: [Recipient] = []
        var sums: [Recipient: (Int, Fraction)] = [:]
        for child in children {
            switch done.pots[child.id] {
            case .distributed(let shares)?:
                for share in shares {
                    if sums[share.recipient] == nil { order.append(share.recipient) }
                    // A recipient not yet seen starts from nothing: 0 kr and the exact 0.
                    let (a, e) = sums[share.recipient] ?? (0, .zero)
                    do {
                        sums[share.recipient] = (try Checked.add(a, share.amount), try e.adding(share.exact))
                    } catch is ArithmeticOverflow {
                        throw Diagnostic.overflow(at: parent.location, "the sum over the parts of '\(parent.id)' for \(share.recipient.code)",
                                                  ArithmeticOverflow("adding '\(child.id)' (\(share.amount)) to \(a)"))
                    } catch {
                        throw Diagnostic.overflow(at: parent.location, "the exact sum over the parts of '\(parent.id)' for \(share.recipient.code)",
                                                  ArithmeticOverflow("adding the exact share from '\(child.id)' (\(share.exact)) to \(e)"))
                    }
                }
            case .notComputable(let reason)?: return .notComputable(reason: reason)
            case .notDistributed(let reason)?: return .notDistributed(reason: reason)
            case .mixed?, nil: return .mixed
            }
        }
        return .distributed(order.compactMap { recipient in sums[recipient].map { Share(recipient: recipient, amount: $0.0, exact: $0.1) } })
    }

    static func checkStatedTotals(_ agreement: Agreement, allocation: AgreementAllocation, diagnostics: inout [Diagnostic]) {
        for total in agreement.statedTotals {
            let sum: Int
            do {
                sum = try Checked.sum(total.pots.compactMap { id in allocation.amounts[id].map { (label: "'\(id)'", value: $0) } })
            } catch {
                diagnostics.append(.overflow(at: total.location, "the sum of the pots of the stated total '\(total.what)'", error))
                continue
            }
            if sum != total.amount {
                diagnostics.append(.error(.statedTotal, at: total.location,
                                          "the agreement states \(total.amount) kr for '\(total.what)' but its pots add up to \(sum) kr",
                                          notes: ["difference: \(total.amount - sum) kr"]))
            }
        }
    }

    static func preOrder(_ agreement: Agreement) -> [Pot] {
        let tree = PotTree(agreement)
        var result: [Pot] = []
        func visit(_ pot: Pot) {
            result.append(pot)
            tree.children(of: pot.id).forEach(visit)
        }
        agreement.pots.filter { $0.parent == nil }.forEach(visit)
        return result
    }

    static func postOrder(_ agreement: Agreement) -> [Pot] {
        let tree = PotTree(agreement)
        var result: [Pot] = []
        func visit(_ pot: Pot) {
            tree.children(of: pot.id).forEach(visit)
            result.append(pot)
        }
        agreement.pots.filter { $0.parent == nil }.forEach(visit)
        return result
    }
}


/// An agreement's pots by parent, built once: `Agreement.children(of:)` scans every pot, which
/// is quadratic for an agreement with thousands of pots.
struct PotTree {
    private let byParent: [String: [Pot]]

    init(_ agreement: Agreement) {
        byParent = Dictionary(grouping: agreement.pots.filter { $0.parent != nil }, by: { $0.parent ?? "" })
    }

    /// The pot's children in file order.
    func children(of id: String) -> [Pot] { byParent[id] ?? [] }
}

/// Checks rounded figures quoted in commentary against the computation.
public enum FigureChecker {
    public static func check(_ commentary: [Commentary], allocations: [AgreementAllocation]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for item in commentary {
            for figure in item.figures {
                guard let allocation = allocations.first(where: { $0.agreement.id == figure.agreement }) else {
                    diagnostics.append(.error("unknown-agreement", at: figure.location, "unknown agreement '\(figure.agreement)'"))
                    continue
                }
                let recipient = Recipient.region(figure.region)
                let computed: Int
                if let pot = figure.pot {
                    guard allocation.agreement.pot(pot) != nil else {
                        diagnostics.append(.error("unknown-pot", at: figure.location, "unknown pot '\(pot)' in \(figure.agreement)"))
                        continue
                    }
                    guard let amount = allocation.amount(of: pot, to: recipient) else {
                        diagnostics.append(.error("not-computable", at: figure.location, "pot '\(pot)' has no computed amount for region '\(figure.region)'"))
                        continue
                    }
                    computed = amount
                } else {
                    computed = allocation.total(for: recipient, includingViaSKR: false)
                }
                if let problem = mismatch(figure, computed: computed) {
                    diagnostics.append(.error("figure-mismatch", at: figure.location,
                                              "'\(figure.quoted)' does not match the computed \(computed) kr: \(problem)"))
                }
            }
        }
        return diagnostics
    }

    /// Nil when the quote is a fair rounding of `computed`.
    static func mismatch(_ figure: QuotedFigure, computed: Int) -> String? {
        let difference = figure.value - computed
        switch figure.approximation {
        case .about, .exactToRounding:
            return 2 * abs(difference) <= figure.rounding ? nil : "it is more than half a rounding unit (\(figure.rounding) kr) away"
        case .below:
            return difference > 0 && difference < figure.rounding ? nil : "'knappt' needs the computed value just below \(figure.value) kr, within \(figure.rounding) kr"
        }
    }
}

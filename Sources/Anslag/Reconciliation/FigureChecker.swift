/// Checks rounded figures quoted in commentary against the computation.
public enum FigureChecker {
    /// Checks every quoted figure. Figures of an agreement in `failed` (which did not load) are
    /// skipped rather than reported again. The figure is found as a `[[figur: …]]` reference would
    /// find it, so both report unknown agreements, regions and pots the same way.
    public static func check(_ commentary: [Commentary], allocations: [AgreementAllocation], regions: RegionRegistry,
                             failed: Set<String> = []) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for item in commentary {
            for figure in item.figures where !failed.contains(figure.agreement) {
                let path = [figure.agreement, figure.region] + (figure.pot.map { [$0] } ?? [])
                do {
                    let (value, _) = try FigureReferences.figure(kind: "figur", path: path.joined(separator: "/"),
                                                                 allocations: allocations, regions: regions, at: figure.location)
                    guard let computed = value else { continue }
                    if let problem = mismatch(figure, computed: computed) {
                        diagnostics.append(.error(.figureMismatch, at: figure.location,
                                                  "'\(figure.quoted)' does not match the computed \(computed) kr: \(problem)"))
                    }
                } catch let diagnostic as Diagnostic {
                    diagnostics.append(diagnostic)
                } catch {
                    diagnostics.append(.error(.internal, at: figure.location, "\(error)"))
                }
            }
        }
        return diagnostics
    }

    /// Nil when the quote is a fair rounding of `computed`.
    static func mismatch(_ figure: QuotedFigure, computed: Int) -> String? {
        // In 128 bits: the quote and the computation are each below 2^63, so nothing here overflows.
        let difference = Int128(figure.value) - Int128(computed)
        let rounding = Int128(figure.rounding)
        switch figure.approximation {
        case .about, .exactToRounding:
            return 2 * abs(difference) <= rounding ? nil : "it is more than half a rounding unit (\(figure.rounding) kr) away"
        case .below:
            return difference > 0 && difference < rounding ? nil : "'knappt' needs the computed value just below \(figure.value) kr, within \(figure.rounding) kr"
        }
    }
}

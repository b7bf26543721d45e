import Foundation

/// Computed figures cited in commentary instead of typed: `[[figur: 2024-god-och-nara-vard/jamtland-harjedalen]]`.
///
/// Forms (agreement, region and pot are ids):
/// - `[[figur: agreement/region]]`: the region's money under the agreement (paid to it directly);
/// - `[[figur: agreement/region/pot]]`: one pot's amount to the region (or to its county's municipalities);
/// - `[[figur: agreement/pot]]`: a pot's whole amount;
/// - `[[kommuner: agreement/region]]`: the county's municipalities' money via RSS;
/// - `[[per-invanare: agreement/region]]`: the region's money per inhabitant.
///
/// Writing `= 42 466 328 kr` before the closing brackets checks a typed number against the
/// computation; a difference is an error at the reference.
public enum FigureReferences {
    static let pattern = try! NSRegularExpression(pattern: #"\[\[\s*(figur|kommuner|per-invanare)\s*:\s*([^\]=]*?)\s*(?:=\s*([^\]]*?)\s*)?\]\]"#)

    /// The Markdown with every reference replaced by its Swedish-formatted figure, and the problems found.
    /// References to an agreement in `failed` (which did not load) are left as they are, without
    /// repeating that agreement's own errors.
    public static func expand(_ commentary: Commentary, allocations: [AgreementAllocation], regions: RegionRegistry,
                              failed: Set<String> = []) -> (String, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var lines: [String] = []
        for (index, line) in commentary.markdown.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let text = String(line)
            let ns = text as NSString
            var result = ""
            var last = 0
            for match in pattern.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
                result += ns.substring(with: NSRange(location: last, length: match.range.location - last))
                last = match.range.location + match.range.length
                let column = text.utf16.distance(from: text.utf16.startIndex, to: text.utf16.index(text.utf16.startIndex, offsetBy: match.range.location)) + 1
                let location = SourceLocation(file: commentary.file, line: commentary.bodyLine + index, column: column)
                let kind = ns.substring(with: match.range(at: 1))
                let path = ns.substring(with: match.range(at: 2))
                let typed = match.range(at: 3).location == NSNotFound ? nil : ns.substring(with: match.range(at: 3))
                if let agreement = path.split(separator: "/").first.map({ $0.trimmingCharacters(in: .whitespaces) }), failed.contains(agreement) {
                    result += ns.substring(with: match.range)
                    continue
                }
                do {
                    let (value, shown) = try figure(kind: kind, path: path, allocations: allocations, regions: regions, at: location)
                    if let typed {
                        let digits = typed.filter(\.isNumber)
                        let matches = value.map { String($0) == digits } ?? (typed.filter { !$0.isWhitespace } == shown.filter { !$0.isWhitespace })
                        if !matches {
                            diagnostics.append(.error(.figureMismatch, at: location, "the text says \(typed) but the computed figure is \(shown.replacingOccurrences(of: "\u{A0}", with: " "))",
                                                      notes: ["correct the number, or remove '= \(typed)' to show the computed figure"]))
                        }
                    }
                    result += shown
                } catch let diagnostic as Diagnostic {
                    diagnostics.append(diagnostic)
                    result += ns.substring(with: match.range)
                } catch {
                    diagnostics.append(.error(.internal, at: location, "\(error)"))
                    result += ns.substring(with: match.range)
                }
            }
            result += ns.substring(from: last)
            lines.append(result)
        }
        return (lines.joined(separator: "\n"), diagnostics)
    }

    static func figure(kind: String, path: String, allocations: [AgreementAllocation], regions: RegionRegistry,
                       at location: SourceLocation) throws -> (Int?, String) {
        let parts = path.split(separator: "/").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let first = parts.first, let allocation = allocations.first(where: { $0.agreement.id == first }) else {
            var notes = ["write [[figur: agreement-id/region-id]]"]
            if let best = Suggestion.closest(to: parts.first ?? "", in: allocations.map(\.agreement.id)) { notes.insert("did you mean '\(best)'?", at: 0) }
            throw Diagnostic.error(.unknownAgreement, at: location, "unknown agreement '\(parts.first ?? "")' in a figure reference", notes: notes)
        }
        guard parts.count >= 2, parts.count <= 3 else {
            throw Diagnostic.error(.figureReference, at: location, "a figure reference has two or three parts: agreement/region[/pot] or agreement/pot")
        }
        let second = parts[1]
        func pot(_ id: String) throws -> Pot {
            guard let pot = allocation.agreement.pot(id) else {
                var notes: [String] = []
                if let best = Suggestion.closest(to: id, in: allocation.agreement.pots.map(\.id)) { notes.append("did you mean '\(best)'?") }
                throw Diagnostic.error(.unknownPot, at: location, "unknown pot '\(id)' in \(allocation.agreement.id)", notes: notes)
            }
            return pot
        }
        if kind == "figur", parts.count == 2, regions.region(id: second) == nil, allocation.agreement.pot(second) != nil {
            guard let amount = allocation.amounts[second] else {
                throw Diagnostic.error(.notComputable, at: location, "pot '\(second)' has no computed amount")
            }
            return (amount, SwedishFormat.kronor(amount))
        }
        guard regions.region(id: second) != nil else {
            var notes: [String] = []
            if let best = Suggestion.closest(to: second, in: regions.regions.map(\.id) + allocation.agreement.pots.map(\.id)) { notes.append("did you mean '\(best)'?") }
            throw Diagnostic.error(.unknownRegion, at: location, "unknown region or pot '\(second)' in a figure reference", notes: notes)
        }
        switch (kind, parts.count) {
        case ("figur", 3):
            let p = try pot(parts[2])
            guard let amount = allocation.amount(of: p.id, to: .region(second)) ?? allocation.amount(of: p.id, to: .county(second)) else {
                throw Diagnostic.error(.notComputable, at: location, "pot '\(p.id)' has no computed amount for '\(second)'")
            }
            return (amount, SwedishFormat.kronor(amount))
        case ("figur", 2):
            let amount = allocation.total(for: .region(second), includingViaSKR: false)
            return (amount, SwedishFormat.kronor(amount))
        case ("kommuner", 2):
            let amount = allocation.total(for: .county(second))
            return (amount, SwedishFormat.kronor(amount))
        case ("per-invanare", 2):
            let amount = allocation.total(for: .region(second), includingViaSKR: false)
            guard let people = allocation.agreement.population?.value(for: second),
                  let value = Fraction.ratio(amount, people) else {
                throw Diagnostic.error(.notComputable, at: location, "\(allocation.agreement.id) has no population figures, so there is no per-inhabitant value")
            }
            return (nil, SwedishFormat.perInhabitant(value))
        default:
            throw Diagnostic.error(.figureReference, at: location, "'\(kind)' takes agreement/region")
        }
    }
}

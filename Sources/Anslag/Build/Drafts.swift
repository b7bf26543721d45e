import Foundation

/// What a run does with agreements marked `status: draft`.
public enum DraftMode: Sendable {
    /// Shown under an "Utkast" banner; their errors are errors like any other (`check`, `build --drafts`).
    case shown
    /// Left out of the site; their errors are reported apart and never block it (`build`).
    case leftOut
    /// Shown when they have no errors, else left out with their errors reported apart (`serve`).
    case shownWhenValid
}

extension Pipeline {
    /// The draft whose folder a diagnostic is in, if any.
    static func draft(owning diagnostic: Diagnostic, drafts: Set<String>) -> String? {
        let parts = diagnostic.location.file.split(separator: "/", maxSplits: 2)
        guard parts.count >= 2, parts[0] == "agreements", drafts.contains(String(parts[1])) else { return nil }
        return String(parts[1])
    }
}

extension Content {
    /// The content without the agreements in `ids`, with nothing left that points at them: their
    /// commentary and area inclusions go with them; a published condition or commentary figure that
    /// still refers to one is an error of its own (it would be a dangling link on the site).
    func leavingOut(_ ids: Set<String>) -> (content: Content, problems: [Diagnostic]) {
        guard !ids.isEmpty else { return (self, []) }
        var result = self
        var problems: [Diagnostic] = []
        func inDraftFolder(_ file: String) -> Bool {
            let parts = file.split(separator: "/", maxSplits: 2)
            return parts.count >= 2 && parts[0] == "agreements" && ids.contains(String(parts[1]))
        }
        result.agreements = agreements.filter { !ids.contains($0.id) }
        result.failedAgreements = failedAgreements.subtracting(ids)
        result.commentary = commentary.filter { item in
            !inDraftFolder(item.file) && !(item.agreement.map(ids.contains) ?? false)
        }
        result.areas.inclusions = areas.inclusions.filter { !ids.contains($0.agreement) }
        let hint = "publish the draft first (remove its 'status: draft'), or remove the reference"
        for agreement in result.agreements {
            for condition in agreement.conditions {
                for link in condition.links where ids.contains(link.agreement) {
                    problems.append(.error(.linksToDraft, at: link.location,
                                           "condition '\(condition.id)' links to '\(link.agreement)', a draft the published site leaves out",
                                           notes: [hint]))
                }
            }
        }
        for item in result.commentary {
            for figure in item.figures where ids.contains(figure.agreement) {
                problems.append(.error(.linksToDraft, at: figure.location,
                                       "the figure names '\(figure.agreement)', a draft the published site leaves out", notes: [hint]))
            }
            for (index, line) in item.markdown.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let text = String(line)
                let ns = text as NSString
                for match in FigureReferences.pattern.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
                    let path = ns.substring(with: match.range(at: 2))
                    guard let agreement = path.split(separator: "/").first.map({ $0.trimmingCharacters(in: .whitespaces) }),
                          ids.contains(agreement) else { continue }
                    let column = text.utf16.distance(from: text.utf16.startIndex, to: text.utf16.index(text.utf16.startIndex, offsetBy: match.range.location)) + 1
                    problems.append(.error(.linksToDraft, at: SourceLocation(file: item.file, line: item.bodyLine + index, column: column),
                                           "the figure reference names '\(agreement)', a draft the published site leaves out", notes: [hint]))
                }
            }
        }
        return (result, problems)
    }
}

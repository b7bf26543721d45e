import Foundation

/// Loads `areas.yaml` and checks that every area, agreement and pot it names exists.
enum AreasLoader {
    static let file = "areas.yaml"

    /// Loads the file; without one there are no areas, and any pot that names an area is an error in `check`.
    static func load(root: URL) throws -> AreaCatalogue {
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent(file).path) else {
            return AreaCatalogue(areas: [], inclusions: [], uncovered: [])
        }
        let map = try YAMLValue.parse(SourceText.read(file, root: root)).mapping()
        var areas: [Area] = []
        for item in try map.required("areas").list() {
            let entry = try item.mapping()
            let area = Area(id: try entry.required("id").identifier(), name: try entry.required("name").string(), location: item.location)
            try entry.finish()
            if areas.contains(where: { $0.id == area.id }) {
                throw Diagnostic.error(.duplicateId, at: item.location, "area '\(area.id)' is listed twice")
            }
            areas.append(area)
        }
        var inclusions: [AreaInclusion] = []
        for item in try map.optional("included")?.list() ?? [] {
            let entry = try item.mapping()
            let amountValue = try entry.required("amount")
            let amount: Int?
            if case .scalar(let scalar) = amountValue.node, scalar.text == "not-stated" {
                amount = nil
            } else {
                amount = try amountValue.wholeNumber()
            }
            inclusions.append(AreaInclusion(
                agreement: try entry.required("agreement").identifier(), area: try entry.required("area").identifier(),
                pot: try entry.required("pot").identifier(), amount: amount,
                section: try entry.required("section").string(), location: item.location))
            try entry.finish()
        }
        var uncovered: [UncoveredAgreement] = []
        for item in try map.optional("not_covered")?.list() ?? [] {
            let entry = try item.mapping()
            uncovered.append(UncoveredAgreement(years: try entry.required("years").string(), text: try entry.required("text").string(),
                                                source: try entry.required("source").string(), location: item.location))
            try entry.finish()
        }
        try map.finish()
        return AreaCatalogue(areas: areas, inclusions: inclusions, uncovered: uncovered)
    }

    /// Every area a pot names must be listed; every inclusion must name a listed area and an existing pot.
    static func check(_ catalogue: AreaCatalogue, agreements: [Agreement], failed: Set<String>) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let ids = catalogue.areas.map(\.id)
        for agreement in agreements {
            for pot in agreement.pots {
                guard let area = pot.area, !ids.contains(area) else { continue }
                diagnostics.append(.error(.unknownArea, at: pot.location, "pot '\(pot.id)' names area '\(area)', which \(file) does not list",
                                          notes: Suggestion.closest(to: area, in: ids).map { ["did you mean '\($0)'?"] } ?? ["add the area to \(file)"]))
            }
        }
        for inclusion in catalogue.inclusions {
            if !ids.contains(inclusion.area) {
                diagnostics.append(.error(.unknownArea, at: inclusion.location, "unknown area '\(inclusion.area)'",
                                          notes: Suggestion.closest(to: inclusion.area, in: ids).map { ["did you mean '\($0)'?"] } ?? []))
            }
            guard !failed.contains(inclusion.agreement) else { continue }
            guard let agreement = agreements.first(where: { $0.id == inclusion.agreement }) else {
                diagnostics.append(.error(.unknownAgreement, at: inclusion.location, "unknown agreement '\(inclusion.agreement)'",
                                          notes: Suggestion.closest(to: inclusion.agreement, in: agreements.map(\.id)).map { ["did you mean '\($0)'?"] } ?? []))
                continue
            }
            if agreement.pot(inclusion.pot) == nil {
                diagnostics.append(.error(.unknownPot, at: inclusion.location, "agreement '\(agreement.id)' has no pot '\(inclusion.pot)'",
                                          notes: Suggestion.closest(to: inclusion.pot, in: agreement.pots.map(\.id)).map { ["did you mean '\($0)'?"] } ?? []))
            }
        }
        return diagnostics
    }
}

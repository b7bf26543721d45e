import Foundation

/// Loads `regions.yaml`.
enum RegionsLoader {
    static let file = "regions.yaml"

    static func load(root: URL) throws -> RegionRegistry {
        let root = try YAMLValue.parse(SourceText.read(file, root: root)).mapping()
        var groups: [Samverkansregion] = []
        for item in try root.required("samverkansregioner").list() {
            let map = try item.mapping()
            let group = Samverkansregion(id: try map.required("id").identifier(), name: try map.required("name").string(),
                                         location: item.location)
            try map.finish()
            if groups.contains(where: { $0.id == group.id }) {
                throw Diagnostic.error(.duplicateId, at: item.location, "samverkansregion '\(group.id)' is listed twice")
            }
            groups.append(group)
        }
        var regions: [Region] = []
        var names: [String: SourceLocation] = [:]
        for item in try root.required("regions").list() {
            let map = try item.mapping()
            let region = Region(
                id: try map.required("id").identifier(),
                name: try map.required("name").string(),
                county: try map.required("county").string(),
                countyCode: try map.required("county_code").string(),
                samverkansregion: try map.required("samverkansregion").identifier(),
                variants: try map.optional("variants")?.strings() ?? [],
                location: item.location)
            try map.finish()
            guard groups.contains(where: { $0.id == region.samverkansregion }) else {
                throw Diagnostic.error(.unknownSamverkansregion, at: item.location,
                                       "region '\(region.id)' names unknown samverkansregion '\(region.samverkansregion)'",
                                       notes: ["expected one of: " + groups.map(\.id).joined(separator: ", ")])
            }
            for name in [region.id, region.name, region.county] + region.variants {
                let key = RegionRegistry.normalized(name)
                if let first = names[key] {
                    throw Diagnostic.error(.duplicateId, at: item.location, "the name '\(name)' is used twice",
                                           notes: ["first used at \(first)"])
                }
                names[key] = item.location
            }
            regions.append(region)
        }
        try root.finish()
        return RegionRegistry(regions: regions, samverkansregioner: groups)
    }
}

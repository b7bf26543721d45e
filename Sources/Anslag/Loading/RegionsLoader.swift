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
        var codes: [String: SourceLocation] = [:]
        for item in try root.required("regions").list() {
            let map = try item.mapping()
            let codeValue = try map.required("county_code")
            let code = try codeValue.string()
            // SCB's two-digit county code (länskod): it orders the regions and places them on the map.
            guard code.utf8.count == 2, code.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }), code != "00" else {
                throw Diagnostic.error(.invalidCountyCode, at: codeValue.location,
                                       "county_code must be the county's two-digit code (länskod) such as \"01\" or \"23\", found '\(code)'",
                                       notes: ["write it in quotes, with a leading zero: county_code: \"03\""])
            }
            if let first = codes[code] {
                throw Diagnostic.error(.duplicateId, at: codeValue.location, "county_code '\(code)' is used twice", notes: ["first used at \(first)"])
            }
            codes[code] = codeValue.location
            let region = Region(
                id: try map.required("id").identifier(),
                name: try map.required("name").string(),
                county: try map.required("county").string(),
                countyCode: code,
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

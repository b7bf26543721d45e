/// One of the 21 regions, which is also the county its municipalities' money is paid to.
public struct Region: Hashable, Sendable, Identifiable {
    public var id: String
    public var name: String
    /// The county name as municipal tables print it.
    public var county: String
    public var countyCode: String
    public var samverkansregion: String
    public var variants: [String]
    public var location: SourceLocation
}

/// One of the six samverkansregioner (healthcare regions).
public struct Samverkansregion: Hashable, Sendable, Identifiable {
    public var id: String
    public var name: String
    public var location: SourceLocation
}

/// The regions file: every region and samverkansregion, and name lookup.
public struct RegionRegistry: Sendable {
    public let regions: [Region]
    public let samverkansregioner: [Samverkansregion]
    private let byName: [String: Int]
    private let byID: [String: Int]

    public init(regions: [Region], samverkansregioner: [Samverkansregion]) {
        self.regions = regions
        self.samverkansregioner = samverkansregioner
        var byName: [String: Int] = [:]
        var byID: [String: Int] = [:]
        for (index, region) in regions.enumerated() {
            byID[region.id] = index
            for name in [region.id, region.name, region.county] + region.variants {
                byName[RegionRegistry.normalized(name)] = index
            }
        }
        self.byName = byName
        self.byID = byID
    }

    /// Collapses runs of white space, as PDF extractions and spreadsheets vary in them.
    static func normalized(_ name: String) -> String {
        name.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    public func region(id: String) -> Region? { byID[id].map { regions[$0] } }

    /// The position of a region in county-code order: the tie-break and row order.
    public func index(of id: String) -> Int? { byID[id] }

    /// Finds the region a table cell names, by any known spelling.
    public func resolve(_ name: String, at location: SourceLocation) throws -> Region {
        // A name as it is written is usually already a known spelling; a key of `byName` is
        // normalized, so a hit means the name was too. Only other names are normalized first.
        if let index = byName[name] ?? byName[RegionRegistry.normalized(name)] { return regions[index] }
        let known = regions.flatMap { [$0.name, $0.county] + $0.variants }
        var notes = ["expected one of the 21 regions by name, county name or a spelling listed under `variants` in regions.yaml"]
        if let best = Suggestion.closest(to: name, in: known) {
            notes.append("did you mean '\(best)'?")
        }
        throw Diagnostic.error(.unknownRegion, at: location, "unknown region or county '\(name)'", notes: notes)
    }
}

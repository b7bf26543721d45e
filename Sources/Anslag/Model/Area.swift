/// A field of funding (nära vård, ambulanssjukvård ...) that pots in different agreements belong to.
public struct Area: Hashable, Sendable, Identifiable {
    public var id: String
    /// The name pages print, e.g. "Ambulanssjukvård".
    public var name: String
    public var location: SourceLocation
}

/// An area that an agreement funds inside a larger pot instead of with a pot of its own.
public struct AreaInclusion: Hashable, Sendable {
    public var agreement: String
    public var area: String
    /// The pot that funds the area together with other things.
    public var pot: String
    /// The area's part of the pot when the source states it; nil when it does not.
    public var amount: Int?
    /// Where the source says so, e.g. "avsnitt 1.2".
    public var section: String
    public var location: SourceLocation
}

/// An agreement of a covered year that the site does not transcribe, as a source mentions it.
public struct UncoveredAgreement: Hashable, Sendable {
    /// The year or years, as written ("2020", "2020–2021").
    public var years: String
    /// What the source says, in our words; names only as the source prints them.
    public var text: String
    /// Which source document and section says so.
    public var source: String
    public var location: SourceLocation
}

/// `areas.yaml`: the areas, where an agreement funds one inside another's pot, and the agreements not covered.
public struct AreaCatalogue: Sendable {
    public var areas: [Area]
    public var inclusions: [AreaInclusion]
    public var uncovered: [UncoveredAgreement]

    public func area(_ id: String) -> Area? { areas.first { $0.id == id } }

    /// The inclusion of `area` in `agreement`, if the agreement funds it inside a larger pot.
    public func inclusion(of area: String, in agreement: String) -> AreaInclusion? {
        inclusions.first { $0.area == area && $0.agreement == agreement }
    }
}

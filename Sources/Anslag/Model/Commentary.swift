/// A rounded figure quoted in commentary, checked against the computation.
public struct QuotedFigure: Hashable, Sendable {
    public enum Approximation: String, Hashable, Sendable {
        /// "knappt": just below the quoted value.
        case below
        /// "ca": about the quoted value.
        case about
        /// rounded to the unit.
        case exactToRounding = "exact-to-rounding"
    }
    public var quoted: String
    public var value: Int
    public var rounding: Int
    public var approximation: Approximation
    public var region: String
    public var agreement: String
    public var pot: String?
    public var location: SourceLocation
}

/// A Markdown commentary file with its front matter.
public struct Commentary: Hashable, Sendable {
    public var file: String
    public var title: String
    public var agreement: String?
    public var region: String?
    public var date: String?
    public var source: String?
    public var figures: [QuotedFigure]
    /// Where `region` and `agreement` are written, for errors about them.
    public var regionLocation: SourceLocation?
    public var agreementLocation: SourceLocation?
    public var markdown: String
    /// The line in the file where the Markdown body starts.
    public var bodyLine: Int
    public var location: SourceLocation
}

/// Everything under `Content/`, loaded.
public struct Content: Sendable {
    public var config: SiteConfig
    public var regions: RegionRegistry
    public var agreements: [Agreement]
    public var commentary: [Commentary]
    /// Areas of funding across agreements (`areas.yaml`), for the like-with-like comparison.
    public var areas = AreaCatalogue(areas: [], inclusions: [], uncovered: [])
    /// Agreement folders that failed to load; references to them are not reported again.
    public var failedAgreements: Set<String> = []
    /// Agreement folders marked `status: draft`, whether or not they loaded.
    public var drafts: Set<String> = []
}

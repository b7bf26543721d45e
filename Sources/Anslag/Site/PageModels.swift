/// The home page.
public struct HomePage: PageModel {
    public var meta: PageMeta
    public var latestTitle: String
    public var latestHref: String
    public var latestSummary: String?
    public var latestTotal: AmountVM
    public var agreements: TableVM
    public var regions: TableVM
    public var commentary: [CommentaryVM]
}

/// One agreement.
public struct AgreementPage: PageModel {
    public var meta: PageMeta
    public var title: String
    public var subtitle: String?
    public var summary: String?
    public var statusNote: String?
    public var total: AmountVM
    public var parties: [ItemVM]
    public var source: String
    public var pots: TableVM
    public var keys: [ItemVM]
    public var regionTable: TableVM?
    public var chart: ChartVM?
    /// The tile-grid map of kronor per inhabitant, when every region's figure is computable.
    public var map: TileMapVM?
    public var breakdowns: [SectionVM]
    public var countyTable: TableVM?
    public var groupTable: TableVM?
    public var notComputed: [ItemVM]
    public var hasNotComputed: Bool
    public var reconciliation: [SectionVM]
    public var reconciliationSummary: String
    public var slips: [ItemVM]
    public var hasSlips: Bool
    public var deadlines: TableVM
    public var conditions: [ItemVM]
    public var commentary: [CommentaryVM]
    /// Facts of the source and the inputs as tables (`PageBuilder+Facts.swift`).
    public var facts: FactsVM
}

/// One region across agreements.
public struct RegionPage: PageModel {
    public var meta: PageMeta
    public var name: String
    public var county: String
    public var samverkansregion: String
    public var overview: TableVM
    /// The headline: the region's amount in the latest agreement where it can be computed.
    public var latest: LatestAmountVM?
    public var chart: ChartVM?
    public var years: [Link]
    public var checklists: [Link]
    public var commentary: [CommentaryVM]
}

/// A region's amount in one agreement, for a headline.
public struct LatestAmountVM: Encodable, Sendable {
    public var amount: AmountVM
    public var agreement: String
    public var href: String
}

/// One agreement's money to one region.
public struct RegionAgreementSection: Sendable, Encodable {
    public var id: String
    public var title: String
    public var href: String
    public var checklistHref: String
    /// The amount to the region; nil when it cannot be computed (`totalUnknown` says so).
    public var total: AmountVM?
    public var totalUnknown: String?
    public var perInhabitant: String
    public var rank: String
    /// The amount to the county's municipalities; nil when there is none.
    public var countyTotal: AmountVM?
    /// The amounts to the region and its county; nil when none can be computed (no empty table).
    public var pots: TableVM?
    /// Why there is no table, when `pots` is nil.
    public var noTable: String?
    public var reconciledWith: [ItemVM]
    public var notComputed: [ItemVM]
    public var hasNotComputed: Bool
    /// How each computed amount in `pots` was reached; its amount cell links here.
    public var derivations: [DerivationVM]
    public var hasDerivations: Bool
}

/// One region in one year.
public struct RegionYearPage: PageModel {
    public var meta: PageMeta
    public var name: String
    public var year: Int
    public var regionHref: String
    public var sections: [RegionAgreementSection]
    public var commentary: [CommentaryVM]
}

/// The yearly comparison.
public struct ComparePage: PageModel {
    public var meta: PageMeta
    public var areas: TableVM
    public var areaNotes: [ItemVM]
    public var change: TableVM?
    public var changeIntro: String
    /// One sentence above the change figure: what it covers in both years and what it leaves out.
    public var scope: String
    public var hasScope: Bool
    /// Each agreement's status: signed (with dates) or an unsigned draft.
    public var statuses: [ItemVM]
    /// Agreements of the covered years that the site does not have, as the sources mention them.
    public var uncovered: [ItemVM]
    public var hasUncovered: Bool
}

/// A list page (agreements, regions).
public struct ListPage: PageModel {
    public var meta: PageMeta
    public var heading: String
    public var intro: String
    public var table: TableVM
}

/// A page of text: about, accessibility, not found.
public struct TextPage: PageModel {
    public var meta: PageMeta
    public var heading: String
    public var commentary: [CommentaryVM]
    public var sources: [ItemVM]
    public var roundingNotes: String
}

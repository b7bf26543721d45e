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

extension HomePage: TemplateObject {
    public func templateFields(into tree: inout TemplateTree) {
        tree.field("meta", meta)
        tree.field("latestTitle", latestTitle)
        tree.field("latestHref", latestHref)
        tree.field("latestSummary", latestSummary)
        tree.field("latestTotal", latestTotal)
        tree.field("agreements", agreements)
        tree.field("regions", regions)
        tree.field("commentary", commentary)
    }
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

extension AgreementPage: TemplateObject {
    public func templateFields(into tree: inout TemplateTree) {
        tree.field("meta", meta)
        tree.field("title", title)
        tree.field("subtitle", subtitle)
        tree.field("summary", summary)
        tree.field("statusNote", statusNote)
        tree.field("total", total)
        tree.field("parties", parties)
        tree.field("source", source)
        tree.field("pots", pots)
        tree.field("keys", keys)
        tree.field("regionTable", regionTable)
        tree.field("chart", chart)
        tree.field("map", map)
        tree.field("breakdowns", breakdowns)
        tree.field("countyTable", countyTable)
        tree.field("groupTable", groupTable)
        tree.field("notComputed", notComputed)
        tree.field("hasNotComputed", hasNotComputed)
        tree.field("reconciliation", reconciliation)
        tree.field("reconciliationSummary", reconciliationSummary)
        tree.field("slips", slips)
        tree.field("hasSlips", hasSlips)
        tree.field("deadlines", deadlines)
        tree.field("conditions", conditions)
        tree.field("commentary", commentary)
        tree.field("facts", facts)
    }
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

extension RegionPage: TemplateObject {
    public func templateFields(into tree: inout TemplateTree) {
        tree.field("meta", meta)
        tree.field("name", name)
        tree.field("county", county)
        tree.field("samverkansregion", samverkansregion)
        tree.field("overview", overview)
        tree.field("latest", latest)
        tree.field("chart", chart)
        tree.field("years", years)
        tree.field("checklists", checklists)
        tree.field("commentary", commentary)
    }
}

/// A region's amount in one agreement, for a headline.
public struct LatestAmountVM: Sendable {
    public var amount: AmountVM
    public var agreement: String
    public var href: String
}

extension LatestAmountVM: TemplateObject {
    public func templateFields(into tree: inout TemplateTree) {
        tree.field("amount", amount)
        tree.field("agreement", agreement)
        tree.field("href", href)
    }
}

/// One agreement's money to one region.
public struct RegionAgreementSection: Sendable {
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

extension RegionAgreementSection: TemplateObject {
    public func templateFields(into tree: inout TemplateTree) {
        tree.field("id", id)
        tree.field("title", title)
        tree.field("href", href)
        tree.field("checklistHref", checklistHref)
        tree.field("total", total)
        tree.field("totalUnknown", totalUnknown)
        tree.field("perInhabitant", perInhabitant)
        tree.field("rank", rank)
        tree.field("countyTotal", countyTotal)
        tree.field("pots", pots)
        tree.field("noTable", noTable)
        tree.field("reconciledWith", reconciledWith)
        tree.field("notComputed", notComputed)
        tree.field("hasNotComputed", hasNotComputed)
        tree.field("derivations", derivations)
        tree.field("hasDerivations", hasDerivations)
    }
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

extension RegionYearPage: TemplateObject {
    public func templateFields(into tree: inout TemplateTree) {
        tree.field("meta", meta)
        tree.field("name", name)
        tree.field("year", year)
        tree.field("regionHref", regionHref)
        tree.field("sections", sections)
        tree.field("commentary", commentary)
    }
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

extension ComparePage: TemplateObject {
    public func templateFields(into tree: inout TemplateTree) {
        tree.field("meta", meta)
        tree.field("areas", areas)
        tree.field("areaNotes", areaNotes)
        tree.field("change", change)
        tree.field("changeIntro", changeIntro)
        tree.field("scope", scope)
        tree.field("hasScope", hasScope)
        tree.field("statuses", statuses)
        tree.field("uncovered", uncovered)
        tree.field("hasUncovered", hasUncovered)
    }
}

/// A list page (agreements, regions).
public struct ListPage: PageModel {
    public var meta: PageMeta
    public var heading: String
    public var intro: String
    public var table: TableVM
}

extension ListPage: TemplateObject {
    public func templateFields(into tree: inout TemplateTree) {
        tree.field("meta", meta)
        tree.field("heading", heading)
        tree.field("intro", intro)
        tree.field("table", table)
    }
}

/// A page of text: about, accessibility, not found.
public struct TextPage: PageModel {
    public var meta: PageMeta
    public var heading: String
    public var commentary: [CommentaryVM]
    public var sources: [ItemVM]
    public var roundingNotes: String
}

extension TextPage: TemplateObject {
    public func templateFields(into tree: inout TemplateTree) {
        tree.field("meta", meta)
        tree.field("heading", heading)
        tree.field("commentary", commentary)
        tree.field("sources", sources)
        tree.field("roundingNotes", roundingNotes)
    }
}

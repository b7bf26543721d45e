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

extension HomePage: TemplateRepresentable {
    public var templateValue: TemplateValue {
        .object(HomePage.self, [
            .init("meta", meta.templateValue),
            .init("latestTitle", latestTitle.templateValue),
            .init("latestHref", latestHref.templateValue),
            .init("latestSummary", latestSummary.templateValue),
            .init("latestTotal", latestTotal.templateValue),
            .init("agreements", agreements.templateValue),
            .init("regions", regions.templateValue),
            .init("commentary", commentary.templateValue),
        ])
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

extension AgreementPage: TemplateRepresentable {
    public var templateValue: TemplateValue {
        .object(AgreementPage.self, [
            .init("meta", meta.templateValue),
            .init("title", title.templateValue),
            .init("subtitle", subtitle.templateValue),
            .init("summary", summary.templateValue),
            .init("statusNote", statusNote.templateValue),
            .init("total", total.templateValue),
            .init("parties", parties.templateValue),
            .init("source", source.templateValue),
            .init("pots", pots.templateValue),
            .init("keys", keys.templateValue),
            .init("regionTable", regionTable.templateValue),
            .init("chart", chart.templateValue),
            .init("map", map.templateValue),
            .init("breakdowns", breakdowns.templateValue),
            .init("countyTable", countyTable.templateValue),
            .init("groupTable", groupTable.templateValue),
            .init("notComputed", notComputed.templateValue),
            .init("hasNotComputed", hasNotComputed.templateValue),
            .init("reconciliation", reconciliation.templateValue),
            .init("reconciliationSummary", reconciliationSummary.templateValue),
            .init("slips", slips.templateValue),
            .init("hasSlips", hasSlips.templateValue),
            .init("deadlines", deadlines.templateValue),
            .init("conditions", conditions.templateValue),
            .init("commentary", commentary.templateValue),
            .init("facts", facts.templateValue),
        ])
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

extension RegionPage: TemplateRepresentable {
    public var templateValue: TemplateValue {
        .object(RegionPage.self, [
            .init("meta", meta.templateValue),
            .init("name", name.templateValue),
            .init("county", county.templateValue),
            .init("samverkansregion", samverkansregion.templateValue),
            .init("overview", overview.templateValue),
            .init("latest", latest.templateValue),
            .init("chart", chart.templateValue),
            .init("years", years.templateValue),
            .init("checklists", checklists.templateValue),
            .init("commentary", commentary.templateValue),
        ])
    }
}

/// A region's amount in one agreement, for a headline.
public struct LatestAmountVM: Sendable {
    public var amount: AmountVM
    public var agreement: String
    public var href: String
}

extension LatestAmountVM: TemplateRepresentable {
    public var templateValue: TemplateValue {
        .object(LatestAmountVM.self, [
            .init("amount", amount.templateValue),
            .init("agreement", agreement.templateValue),
            .init("href", href.templateValue),
        ])
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

extension RegionAgreementSection: TemplateRepresentable {
    public var templateValue: TemplateValue {
        .object(RegionAgreementSection.self, [
            .init("id", id.templateValue),
            .init("title", title.templateValue),
            .init("href", href.templateValue),
            .init("checklistHref", checklistHref.templateValue),
            .init("total", total.templateValue),
            .init("totalUnknown", totalUnknown.templateValue),
            .init("perInhabitant", perInhabitant.templateValue),
            .init("rank", rank.templateValue),
            .init("countyTotal", countyTotal.templateValue),
            .init("pots", pots.templateValue),
            .init("noTable", noTable.templateValue),
            .init("reconciledWith", reconciledWith.templateValue),
            .init("notComputed", notComputed.templateValue),
            .init("hasNotComputed", hasNotComputed.templateValue),
            .init("derivations", derivations.templateValue),
            .init("hasDerivations", hasDerivations.templateValue),
        ])
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

extension RegionYearPage: TemplateRepresentable {
    public var templateValue: TemplateValue {
        .object(RegionYearPage.self, [
            .init("meta", meta.templateValue),
            .init("name", name.templateValue),
            .init("year", year.templateValue),
            .init("regionHref", regionHref.templateValue),
            .init("sections", sections.templateValue),
            .init("commentary", commentary.templateValue),
        ])
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

extension ComparePage: TemplateRepresentable {
    public var templateValue: TemplateValue {
        .object(ComparePage.self, [
            .init("meta", meta.templateValue),
            .init("areas", areas.templateValue),
            .init("areaNotes", areaNotes.templateValue),
            .init("change", change.templateValue),
            .init("changeIntro", changeIntro.templateValue),
            .init("scope", scope.templateValue),
            .init("hasScope", hasScope.templateValue),
            .init("statuses", statuses.templateValue),
            .init("uncovered", uncovered.templateValue),
            .init("hasUncovered", hasUncovered.templateValue),
        ])
    }
}

/// A list page (agreements, regions).
public struct ListPage: PageModel {
    public var meta: PageMeta
    public var heading: String
    public var intro: String
    public var table: TableVM
}

extension ListPage: TemplateRepresentable {
    public var templateValue: TemplateValue {
        .object(ListPage.self, [
            .init("meta", meta.templateValue),
            .init("heading", heading.templateValue),
            .init("intro", intro.templateValue),
            .init("table", table.templateValue),
        ])
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

extension TextPage: TemplateRepresentable {
    public var templateValue: TemplateValue {
        .object(TextPage.self, [
            .init("meta", meta.templateValue),
            .init("heading", heading.templateValue),
            .init("commentary", commentary.templateValue),
            .init("sources", sources.templateValue),
            .init("roundingNotes", roundingNotes.templateValue),
        ])
    }
}

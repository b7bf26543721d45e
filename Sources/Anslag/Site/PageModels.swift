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
            ("meta", meta.templateValue),
            ("latestTitle", latestTitle.templateValue),
            ("latestHref", latestHref.templateValue),
            ("latestSummary", latestSummary.templateValue),
            ("latestTotal", latestTotal.templateValue),
            ("agreements", agreements.templateValue),
            ("regions", regions.templateValue),
            ("commentary", commentary.templateValue),
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
            ("meta", meta.templateValue),
            ("title", title.templateValue),
            ("subtitle", subtitle.templateValue),
            ("summary", summary.templateValue),
            ("statusNote", statusNote.templateValue),
            ("total", total.templateValue),
            ("parties", parties.templateValue),
            ("source", source.templateValue),
            ("pots", pots.templateValue),
            ("keys", keys.templateValue),
            ("regionTable", regionTable.templateValue),
            ("chart", chart.templateValue),
            ("map", map.templateValue),
            ("breakdowns", breakdowns.templateValue),
            ("countyTable", countyTable.templateValue),
            ("groupTable", groupTable.templateValue),
            ("notComputed", notComputed.templateValue),
            ("hasNotComputed", hasNotComputed.templateValue),
            ("reconciliation", reconciliation.templateValue),
            ("reconciliationSummary", reconciliationSummary.templateValue),
            ("slips", slips.templateValue),
            ("hasSlips", hasSlips.templateValue),
            ("deadlines", deadlines.templateValue),
            ("conditions", conditions.templateValue),
            ("commentary", commentary.templateValue),
            ("facts", facts.templateValue),
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
            ("meta", meta.templateValue),
            ("name", name.templateValue),
            ("county", county.templateValue),
            ("samverkansregion", samverkansregion.templateValue),
            ("overview", overview.templateValue),
            ("latest", latest.templateValue),
            ("chart", chart.templateValue),
            ("years", years.templateValue),
            ("checklists", checklists.templateValue),
            ("commentary", commentary.templateValue),
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
            ("amount", amount.templateValue),
            ("agreement", agreement.templateValue),
            ("href", href.templateValue),
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
            ("id", id.templateValue),
            ("title", title.templateValue),
            ("href", href.templateValue),
            ("checklistHref", checklistHref.templateValue),
            ("total", total.templateValue),
            ("totalUnknown", totalUnknown.templateValue),
            ("perInhabitant", perInhabitant.templateValue),
            ("rank", rank.templateValue),
            ("countyTotal", countyTotal.templateValue),
            ("pots", pots.templateValue),
            ("noTable", noTable.templateValue),
            ("reconciledWith", reconciledWith.templateValue),
            ("notComputed", notComputed.templateValue),
            ("hasNotComputed", hasNotComputed.templateValue),
            ("derivations", derivations.templateValue),
            ("hasDerivations", hasDerivations.templateValue),
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
            ("meta", meta.templateValue),
            ("name", name.templateValue),
            ("year", year.templateValue),
            ("regionHref", regionHref.templateValue),
            ("sections", sections.templateValue),
            ("commentary", commentary.templateValue),
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
            ("meta", meta.templateValue),
            ("areas", areas.templateValue),
            ("areaNotes", areaNotes.templateValue),
            ("change", change.templateValue),
            ("changeIntro", changeIntro.templateValue),
            ("scope", scope.templateValue),
            ("hasScope", hasScope.templateValue),
            ("statuses", statuses.templateValue),
            ("uncovered", uncovered.templateValue),
            ("hasUncovered", hasUncovered.templateValue),
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
            ("meta", meta.templateValue),
            ("heading", heading.templateValue),
            ("intro", intro.templateValue),
            ("table", table.templateValue),
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
            ("meta", meta.templateValue),
            ("heading", heading.templateValue),
            ("commentary", commentary.templateValue),
            ("sources", sources.templateValue),
            ("roundingNotes", roundingNotes.templateValue),
        ])
    }
}

/// The home page.
public struct HomePage: PageModel {
    public var meta: PageMeta
    public var latestTitle: String
    public var latestHref: String
    public var latestSummary: String?
    public var latestTotal: String
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
    public var total: String
    public var parties: [ItemVM]
    public var source: String
    public var pots: TableVM
    public var keys: [ItemVM]
    public var regionTable: TableVM?
    public var chart: ChartVM?
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
}

/// One region across agreements.
public struct RegionPage: PageModel {
    public var meta: PageMeta
    public var name: String
    public var county: String
    public var samverkansregion: String
    public var overview: TableVM
    public var chart: ChartVM?
    public var years: [Link]
    public var checklists: [Link]
    public var commentary: [CommentaryVM]
}

/// One agreement's money to one region.
public struct RegionAgreementSection: Sendable, Encodable {
    public var id: String
    public var title: String
    public var href: String
    public var checklistHref: String
    public var total: String
    public var perInhabitant: String
    public var rank: String
    public var countyTotal: String
    public var pots: TableVM
    public var reconciledWith: [ItemVM]
    public var notComputed: [ItemVM]
    public var hasNotComputed: Bool
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

/// Conditions and deadlines for one kind of recipient.
public struct ChecklistGroupVM: Sendable, Encodable {
    public var id: String
    public var title: String
    public var conditions: [ItemVM]
    public var hasConditions: Bool
    public var deadlines: TableVM
}

/// All conditions and deadlines of an agreement.
public struct AgreementChecklistPage: PageModel {
    public var meta: PageMeta
    public var title: String
    public var agreementHref: String
    public var matrixHref: String
    public var calendarHref: String
    public var asOf: String
    public var groups: [ChecklistGroupVM]
    public var previousTitle: String
    public var hasPrevious: Bool
    public var changes: TableVM?
}

/// One region's obligations under one agreement.
public struct RegionChecklistPage: PageModel {
    public var meta: PageMeta
    public var title: String
    public var regionName: String
    public var agreementTitle: String
    public var agreementHref: String
    public var calendarHref: String
    public var asOf: String
    public var summary: String
    public var deadlines: TableVM
    public var conditions: TableVM
}

/// The 21 regions against an agreement's deadlines.
public struct StatusMatrixPage: PageModel {
    public var meta: PageMeta
    public var title: String
    public var agreementHref: String
    public var asOf: String
    public var summary: String
    public var matrix: TableVM
    public var legend: [ItemVM]
}

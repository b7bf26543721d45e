// View models of the checklist and status pages: `TemplateRepresentable` as well as Sendable,
// so the renderer takes them as plain values; no stored `Any`.

/// One condition, listed once with everyone it binds and every section that states it.
public struct ConditionVM: Sendable {
    public var id: String
    public var summary: String
    /// "Gäller alla regioner och kommunerna via RSS."
    public var binds: String
    /// "Avsnitt 4.1.2 och 10.1 i …"
    public var sections: String
    /// The agreement page's source section.
    public var sourceHref: String
    /// "Fortsätter från …", "Ändrat: ersätter …" or "Nytt 2024: …".
    public var history: String
    public var hasHistory: Bool
    /// What changed, in Swedish; empty when nothing is said.
    public var change: String
    public var hasChange: Bool
}

extension ConditionVM: TemplateObject {
    public func templateFields(into tree: inout TemplateTree) {
        tree.field("id", id)
        tree.field("summary", summary)
        tree.field("binds", binds)
        tree.field("sections", sections)
        tree.field("sourceHref", sourceHref)
        tree.field("history", history)
        tree.field("hasHistory", hasHistory)
        tree.field("change", change)
        tree.field("hasChange", hasChange)
    }
}

/// The date rule and what the status file covers, stated once per page.
public struct DateRuleVM: Sendable {
    /// "Tidsfristerna bedöms mot webbplatsens datum, 23 november 2026."
    public var rule: String
    /// "Uppgifter om vad mottagarna har gjort är registrerade till och med 31 januari 2024." or that none are.
    public var recorded: String
}

extension DateRuleVM: TemplateObject {
    public func templateFields(into tree: inout TemplateTree) {
        tree.field("rule", rule)
        tree.field("recorded", recorded)
    }
}

/// All conditions and deadlines of an agreement.
public struct AgreementChecklistPage: PageModel {
    public var meta: PageMeta
    public var title: String
    public var agreementHref: String
    public var matrixHref: String
    public var calendarHref: String
    public var dates: DateRuleVM
    /// "32 villkor. Varje villkor står en gång, med alla som det binder."
    public var conditionCount: String
    public var conditions: [ConditionVM]
    public var deadlines: TableVM
    public var comparedWith: String
    public var hasComparison: Bool
    /// Conditions of the previous agreement of the series that nothing here continues.
    public var dropped: [ItemVM]
    public var hasDropped: Bool
}

extension AgreementChecklistPage: TemplateObject {
    public func templateFields(into tree: inout TemplateTree) {
        tree.field("meta", meta)
        tree.field("title", title)
        tree.field("agreementHref", agreementHref)
        tree.field("matrixHref", matrixHref)
        tree.field("calendarHref", calendarHref)
        tree.field("dates", dates)
        tree.field("conditionCount", conditionCount)
        tree.field("conditions", conditions)
        tree.field("deadlines", deadlines)
        tree.field("comparedWith", comparedWith)
        tree.field("hasComparison", hasComparison)
        tree.field("dropped", dropped)
        tree.field("hasDropped", hasDropped)
    }
}

/// One region's obligations under one agreement.
public struct RegionChecklistPage: PageModel {
    public var meta: PageMeta
    public var title: String
    public var regionName: String
    public var agreementTitle: String
    public var agreementHref: String
    public var calendarHref: String
    public var dates: DateRuleVM
    public var summary: String
    public var deadlines: TableVM
    public var conditions: TableVM
}

extension RegionChecklistPage: TemplateObject {
    public func templateFields(into tree: inout TemplateTree) {
        tree.field("meta", meta)
        tree.field("title", title)
        tree.field("regionName", regionName)
        tree.field("agreementTitle", agreementTitle)
        tree.field("agreementHref", agreementHref)
        tree.field("calendarHref", calendarHref)
        tree.field("dates", dates)
        tree.field("summary", summary)
        tree.field("deadlines", deadlines)
        tree.field("conditions", conditions)
    }
}

/// The 21 regions against an agreement's deadlines.
public struct StatusMatrixPage: PageModel {
    public var meta: PageMeta
    public var title: String
    public var agreementHref: String
    public var dates: DateRuleVM
    public var summary: String
    public var matrix: TableVM
    public var legend: [ItemVM]
}

extension StatusMatrixPage: TemplateObject {
    public func templateFields(into tree: inout TemplateTree) {
        tree.field("meta", meta)
        tree.field("title", title)
        tree.field("agreementHref", agreementHref)
        tree.field("dates", dates)
        tree.field("summary", summary)
        tree.field("matrix", matrix)
        tree.field("legend", legend)
    }
}

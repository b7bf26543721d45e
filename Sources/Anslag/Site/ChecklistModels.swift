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

extension ConditionVM: TemplateRepresentable {
    public var templateValue: TemplateValue {
        .object(ConditionVM.self, [
            .init("id", id.templateValue),
            .init("summary", summary.templateValue),
            .init("binds", binds.templateValue),
            .init("sections", sections.templateValue),
            .init("sourceHref", sourceHref.templateValue),
            .init("history", history.templateValue),
            .init("hasHistory", hasHistory.templateValue),
            .init("change", change.templateValue),
            .init("hasChange", hasChange.templateValue),
        ])
    }
}

/// The date rule and what the status file covers, stated once per page.
public struct DateRuleVM: Sendable {
    /// "Tidsfristerna bedöms mot webbplatsens datum, 23 november 2026."
    public var rule: String
    /// "Uppgifter om vad mottagarna har gjort är registrerade till och med 31 januari 2024." or that none are.
    public var recorded: String
}

extension DateRuleVM: TemplateRepresentable {
    public var templateValue: TemplateValue {
        .object(DateRuleVM.self, [
            .init("rule", rule.templateValue),
            .init("recorded", recorded.templateValue),
        ])
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

extension AgreementChecklistPage: TemplateRepresentable {
    public var templateValue: TemplateValue {
        .object(AgreementChecklistPage.self, [
            .init("meta", meta.templateValue),
            .init("title", title.templateValue),
            .init("agreementHref", agreementHref.templateValue),
            .init("matrixHref", matrixHref.templateValue),
            .init("calendarHref", calendarHref.templateValue),
            .init("dates", dates.templateValue),
            .init("conditionCount", conditionCount.templateValue),
            .init("conditions", conditions.templateValue),
            .init("deadlines", deadlines.templateValue),
            .init("comparedWith", comparedWith.templateValue),
            .init("hasComparison", hasComparison.templateValue),
            .init("dropped", dropped.templateValue),
            .init("hasDropped", hasDropped.templateValue),
        ])
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

extension RegionChecklistPage: TemplateRepresentable {
    public var templateValue: TemplateValue {
        .object(RegionChecklistPage.self, [
            .init("meta", meta.templateValue),
            .init("title", title.templateValue),
            .init("regionName", regionName.templateValue),
            .init("agreementTitle", agreementTitle.templateValue),
            .init("agreementHref", agreementHref.templateValue),
            .init("calendarHref", calendarHref.templateValue),
            .init("dates", dates.templateValue),
            .init("summary", summary.templateValue),
            .init("deadlines", deadlines.templateValue),
            .init("conditions", conditions.templateValue),
        ])
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

extension StatusMatrixPage: TemplateRepresentable {
    public var templateValue: TemplateValue {
        .object(StatusMatrixPage.self, [
            .init("meta", meta.templateValue),
            .init("title", title.templateValue),
            .init("agreementHref", agreementHref.templateValue),
            .init("dates", dates.templateValue),
            .init("summary", summary.templateValue),
            .init("matrix", matrix.templateValue),
            .init("legend", legend.templateValue),
        ])
    }
}

// The agreement page's facts of the source (who decides, who pays, when, to which budget post,
// what is followed up), the sums per kind of recipient the source states, and the inputs of the
// computation as tables with downloads.

/// One fact with the section that states it.
public struct FactVM: Sendable {
    public var id: String
    public var text: String
    /// "Avsnitt 13.1."
    public var section: String
}

extension FactVM: TemplateObject {
    public func templateFields(into tree: inout TemplateTree) {
        tree.field("id", id)
        tree.field("text", text)
        tree.field("section", section)
    }
}

/// The facts of one topic.
public struct FactGroupVM: Sendable {
    public var id: String
    public var title: String
    public var facts: [FactVM]
}

extension FactGroupVM: TemplateObject {
    public func templateFields(into tree: inout TemplateTree) {
        tree.field("id", id)
        tree.field("title", title)
        tree.field("facts", facts)
    }
}

/// One input table, with its date and source above it.
public struct InputTableVM: Sendable {
    public var id: String
    public var title: String
    public var intro: String
    public var table: TableVM
}

extension InputTableVM: TemplateObject {
    public func templateFields(into tree: inout TemplateTree) {
        tree.field("id", id)
        tree.field("title", title)
        tree.field("intro", intro)
        tree.field("table", table)
    }
}

/// Everything the facts partial shows.
public struct FactsVM: Sendable {
    /// Whether there are facts or stated sums to show.
    public var hasFacts: Bool
    public var source: String
    public var groups: [FactGroupVM]
    public var hasGroups: Bool
    public var totals: TableVM?
    public var inputs: [InputTableVM]
    public var hasInputs: Bool
    public var unavailable: [ItemVM]
    public var hasUnavailable: Bool
}

extension FactsVM: TemplateObject {
    public func templateFields(into tree: inout TemplateTree) {
        tree.field("hasFacts", hasFacts)
        tree.field("source", source)
        tree.field("groups", groups)
        tree.field("hasGroups", hasGroups)
        tree.field("totals", totals)
        tree.field("inputs", inputs)
        tree.field("hasInputs", hasInputs)
        tree.field("unavailable", unavailable)
        tree.field("hasUnavailable", hasUnavailable)
    }
}

extension PageBuilder {
    /// The facts section of an agreement page and the tables it offers as downloads.
    func facts(_ allocation: AgreementAllocation, path: String) -> (model: FactsVM, tables: [DataTable]) {
        let a = allocation.agreement
        var tables: [DataTable] = []
        let groups = Fact.topics.compactMap { topic -> FactGroupVM? in
            let facts = a.facts.enumerated().filter { $0.element.topic == topic.id }
            guard !facts.isEmpty else { return nil }
            return FactGroupVM(id: "fakta-\(topic.id)", title: topic.title, facts: facts.map { index, fact in
                FactVM(id: "fakta-\(index + 1)", text: fact.text,
                       section: (fact.section.first?.isNumber == true ? "Avsnitt \(fact.section)" : fact.section) + ".")
            })
        }

        var totals: DataTable?
        if !a.statedTotals.isEmpty {
            let table = DataTable(
                id: "belopp-per-mottagare", caption: "Summor som källan anger, räknade om ur överenskommelsens poster",
                note: "Summan är räknad ur överenskommelsens poster. Webbplatsen publiceras inte om summan skiljer sig från källans siffra.",
                columns: [("Vad", false), ("Enligt källan", true), ("Summan av posterna", true), ("Posterna", false), ("Avsnitt", false)],
                rows: a.statedTotals.enumerated().map { index, total in
                    let sum = checkedSum(total.pots.map { allocation.amounts[$0] })
                    return .init(id: "belopp-\(index + 1)", cells: [
                        .text(total.what, header: true), .kronor(total.amount), .kronor(sum),
                        .text(total.pots.compactMap { a.pot($0)?.title }.joined(separator: "; ")),
                        .text(total.section ?? "–"),
                    ])
                },
                source: statedSource(a, sections: a.statedTotals.map(\.section), from: SiteURL.agreement(a.id)))
            totals = table
            tables.append(table)
        }

        var inputs: [InputTableVM] = []
        var unavailable: [ItemVM] = []
        for input in a.inputs {
            if let reason = input.unavailable {
                unavailable.append(ItemVM(id: "underlag-\(input.id)", text: inputTitle(input, a), detail: reason))
                continue
            }
            let table = inputTable(input, a)
            tables.append(table)
            let date = input.date.map { $0.count == 4 ? "Uppgifterna avser \($0)." : "Uppgifterna avser \(SwedishFormat.date($0))." } ?? ""
            let source = input.source.map { "Källa: \($0) i \(a.source.title)." } ?? "Källa: \(a.source.title)."
            inputs.append(InputTableVM(id: "underlag-\(input.id)-avsnitt", title: inputTitle(input, a),
                                       intro: [date, source].filter { !$0.isEmpty }.joined(separator: " "), table: table.viewModel()))
        }
        let model = FactsVM(hasFacts: !groups.isEmpty || totals != nil, source: "Fakta ur \(a.source.title), med avsnittet som anger dem.",
                            groups: groups, hasGroups: !groups.isEmpty, totals: totals?.viewModel(),
                            inputs: inputs, hasInputs: !inputs.isEmpty, unavailable: unavailable, hasUnavailable: !unavailable.isEmpty)
        return (model, tables)
    }

    /// A sum of amounts, nil when one is missing or the sum would overflow.
    func checkedSum(_ amounts: [Int?]) -> Int? {
        var sum = 0
        for amount in amounts {
            guard let amount else { return nil }
            let (next, overflow) = sum.addingReportingOverflow(amount)
            if overflow { return nil }
            sum = next
        }
        return sum
    }

    func inputTitle(_ input: InputTable, _ a: Agreement) -> String {
        switch input.kind {
        case .population: return "Befolkning per region"
        case .careRecipients: return "Personer med insatser i kommunal hälso- och sjukvård per län"
        case .ruralPopulation: return "Invånare per typ av landsbygdskommun per region"
        case .amounts:
            let pots = a.pots.filter { if case .given(let id)? = $0.key { return id == input.id } else { return false } }
            let name = pots.map(\.title).joined(separator: ", ")
            return (name.isEmpty ? "Belopp per region" : name) + ": fördelning enligt källan (underlaget publiceras inte)"
        }
    }

    func inputTable(_ input: InputTable, _ a: Agreement) -> DataTable {
        let byCounty = input.kind == .careRecipients
        let columns: [(String, Bool)]
        switch input.kind {
        case .population: columns = [("Region", false), ("Befolkning", true)]
        case .careRecipients: columns = [("Län", false), ("Antal personer", true)]
        case .amounts: columns = [("Region", false), ("Belopp enligt källan", true)]
        case .ruralPopulation: columns = [("Region", false), ("Tätortsnära landsbygd", true), ("Landsbygd", true), ("Glesbygd", true)]
        }
        let cell: (Int) -> DataTable.Cell = input.kind == .amounts ? { .kronor($0) } : { .count($0) }
        let rows: [DataTable.Row] = context.regions.map { region in
            let values = input.values[region.id] ?? []
            return .init(id: "underlag-\(input.id)-\(region.id)", cells: [.text(byCounty ? region.county : region.name, header: true)] + values.map(cell))
        }
        let sums = (0..<input.kind.valueColumns).map { column in checkedSum(context.regions.map { input.values[$0.id].map { $0[column] } }) }
        let footer = DataTable.Row(id: "underlag-\(input.id)-totalt", cells: [.text("Totalt", header: true)]
                                   + sums.map { sum in sum.map(cell) ?? .text("–") })
        let note = input.kind == .amounts
            ? "Källan trycker fördelningen men inte underlaget för den. Tabellen används som den är och stäms därför inte av mot något."
            : nil
        let when = input.date.map { $0.count == 4 ? ", \($0)" : " den \(SwedishFormat.date($0))" } ?? ""
        return DataTable(id: "underlag-\(input.id)", caption: inputTitle(input, a) + when, note: note, columns: columns, rows: rows, footer: [footer],
                         source: statedSource(a, sections: [input.source], from: SiteURL.agreement(a.id)))
    }
}

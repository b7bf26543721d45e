extension SiteURL {
    public static func checklist(_ agreement: String) -> String { "/overenskommelser/\(agreement)/krav/" }
    public static func matrix(_ agreement: String) -> String { "/overenskommelser/\(agreement)/status/" }
    public static func calendar(_ agreement: String) -> String { "/overenskommelser/\(agreement)/tidsfrister.ics" }
    public static func regionChecklist(_ region: String, _ agreement: String) -> String { "/regioner/\(region)/krav/\(agreement)/" }
}

extension PageBuilder {
    static let groups: [(id: String, title: String)] = [("regions", "Regionerna"), ("municipalities", "Kommunerna via RSS"), ("skr", "SKR")]

    var asOf: String { context.config.asOf }

    /// Text and symbol for a state: never colour alone.
    static func stateText(_ state: DeadlineState, status: ItemStatus, days: Int?) -> String {
        switch state {
        case .done: return "✓ Klar"
        case .notApplicable: return "– Gäller inte"
        case .overdue: return status == .notDone ? "✗ Försenad: inte gjord" : "✗ Passerad: inte rapporterad som klar"
        case .dueSoon: return "! Snart: om \(days ?? 0) dagar"
        case .upcoming: return "○ Kommande"
        }
    }

    static func statusText(_ status: ItemStatus) -> String {
        switch status {
        case .done: return "Klar"
        case .notDone: return "Inte gjord"
        case .notApplicable: return "Gäller inte"
        case .unknown: return "Okänd"
        }
    }

    func state(_ deadline: Deadline, recipient: String?, in agreement: Agreement) -> (DeadlineState, ItemStatus, String) {
        let status = recipient.flatMap { agreement.status(of: deadline.id, for: $0)?.status } ?? .unknown
        let state = DeadlineClock.state(due: deadline.date, asOf: asOf, window: context.config.dueSoonDays, status: status)
        let days = (DeadlineClock.dayNumber(deadline.date) ?? 0) - (DeadlineClock.dayNumber(asOf) ?? 0)
        return (state, status, Self.stateText(state, status: status, days: days))
    }

    func evidence(_ entry: StatusEntry?) -> DataTable.Cell {
        guard let entry, entry.evidence != nil || entry.note != nil || entry.link != nil else { return .text("–") }
        let text = [entry.evidence, entry.date.map(SwedishFormat.date), entry.note].compactMap { $0 }.joined(separator: "; ")
        return .text(text, href: entry.link)
    }

    func checklistPages() -> [PageRecipe] {
        var pages: [PageRecipe] = []
        for allocation in context.allocations {
            let a = allocation.agreement
            pages.append { agreementChecklist(a) }
            pages.append { statusMatrix(a) }
            for region in context.regions { pages.append { regionChecklist(region, a) } }
        }
        return pages
    }

    func agreementChecklist(_ a: Agreement) -> PageSpec {
        let path = SiteURL.checklist(a.id)
        var tables: [DataTable] = []
        let groups = Self.groups.compactMap { group -> ChecklistGroupVM? in
            let conditions = a.conditions.filter { $0.appliesTo.contains(group.id) }
            let deadlines = a.deadlines.filter { $0.by.contains(group.id) }.sorted { ($0.date, $0.id) < ($1.date, $1.id) }
            guard !conditions.isEmpty || !deadlines.isEmpty else { return nil }
            let table = DataTable(
                id: "tidsfrister-\(group.id)", caption: "Tidsfrister för \(group.title.lowercased()) per \(SwedishFormat.date(asOf))",
                columns: [("Datum", false), ("Vad", false), ("Till", false), ("Avsnitt", false), ("Läge", false)],
                rows: deadlines.map { d in
                    let recipient = group.id == "skr" ? "skr" : nil
                    return .init(id: "frist-\(group.id)-\(d.id)", cells: [
                        DataTable.Cell(display: SwedishFormat.date(d.date), raw: d.date, numeric: false, header: true),
                        .text(d.what), .text(d.to ?? "–"), .text(d.section ?? "–"), .text(state(d, recipient: recipient, in: a).2),
                    ])
                })
            tables.append(table)
            return ChecklistGroupVM(id: "grupp-\(group.id)", title: group.title,
                                    conditions: conditions.map { c in
                                        ItemVM(id: "villkor-\(group.id)-\(c.id)", text: c.summary, detail: c.section.map { "Avsnitt \($0)." })
                                    },
                                    hasConditions: !conditions.isEmpty, deadlines: table.viewModel())
        }
        let previous = context.allocations.map(\.agreement).last { $0.series == a.series && $0.year < a.year }
        var changes: DataTable?
        if let previous {
            var rows: [DataTable.Row] = []
            var continued: Set<String> = []
            for c in a.conditions {
                let before = previous.conditions.first { $0.id == (c.previous ?? c.id) }
                if let before {
                    continued.insert(before.id)
                    rows.append(.init(id: "andring-\(c.id)", cells: [.text(c.summary, header: true), .text(c.change == nil ? "Fortsätter" : "Ändrat"),
                                                                     .text(c.change ?? "Villkoret fanns också \(previous.year).")]))
                } else {
                    rows.append(.init(id: "andring-\(c.id)", cells: [.text(c.summary, header: true), .text("Nytt"), .text(c.change ?? "Fanns inte \(previous.year).")]))
                }
            }
            for c in previous.conditions where !continued.contains(c.id) {
                rows.append(.init(id: "andring-borttaget-\(c.id)", cells: [.text(c.summary, header: true), .text("Borttaget"), .text("Fanns \(previous.year) men inte \(a.year).")]))
            }
            let table = DataTable(id: "andringar", caption: "Villkor jämfört med \(previous.title)",
                                  note: "Ett villkor räknas som fortsatt när det har samma id eller pekar ut sitt villkor från föregående år (previous i datat).",
                                  columns: [("Villkor", false), ("Jämfört med \(previous.year)", false), ("Kommentar", false)], rows: rows)
            changes = table
            tables.append(table)
        }
        let model = AgreementChecklistPage(
            meta: meta(path, title: "Villkor och tidsfrister: \(a.title)", description: "Alla villkor och tidsfrister i \(a.title), per mottagare.",
                       crumbs: [(SiteURL.agreements, "Överenskommelser"), (SiteURL.agreement(a.id), a.title), (path, "Villkor och tidsfrister")]),
            title: a.title, agreementHref: SiteURL.relative(from: path, to: SiteURL.agreement(a.id)),
            matrixHref: SiteURL.relative(from: path, to: SiteURL.matrix(a.id)),
            calendarHref: SiteURL.relative(from: path, to: SiteURL.calendar(a.id)), asOf: SwedishFormat.date(asOf),
            groups: groups, previousTitle: previous?.title ?? "", hasPrevious: previous != nil, changes: changes?.viewModel())
        return PageSpec(path: path, template: "checklist", model: model, tables: tables)
    }

    func regionChecklist(_ region: Region, _ a: Agreement) -> PageSpec {
        let path = SiteURL.regionChecklist(region.id, a.id)
        let recipients = [("regions", region.id, "Regionen"), ("municipalities", "rss:\(region.id)", "Kommunerna via RSS")]
        var rows: [DataTable.Row] = []
        var overdue = 0, soon = 0
        for (group, recipient, who) in recipients {
            for d in a.deadlines.filter({ $0.by.contains(group) }).sorted(by: { ($0.date, $0.id) < ($1.date, $1.id) }) {
                let (st, status, text) = state(d, recipient: recipient, in: a)
                if st == .overdue { overdue += 1 }
                if st == .dueSoon { soon += 1 }
                rows.append(.init(id: "frist-\(group)-\(d.id)", cells: [
                    DataTable.Cell(display: SwedishFormat.date(d.date), raw: d.date, numeric: false, header: true),
                    .text(d.what), .text(who), .text(d.to ?? "–"), .text(Self.statusText(status)), .text(text),
                    evidence(a.status(of: d.id, for: recipient)),
                ]))
            }
        }
        let deadlines = DataTable(id: "tidsfrister", caption: "Tidsfrister för \(region.name) per \(SwedishFormat.date(asOf))",
                                  columns: [("Datum", false), ("Vad", false), ("Vem", false), ("Till", false), ("Status", false), ("Läge", false), ("Underlag", false)],
                                  rows: rows)
        var conditionRows: [DataTable.Row] = []
        for (group, recipient, who) in recipients {
            for c in a.conditions where c.appliesTo.contains(group) {
                let entry = a.status(of: c.id, for: recipient)
                conditionRows.append(.init(id: "villkor-\(group)-\(c.id)", cells: [
                    .text(c.summary, header: true), .text(who), .text(c.section ?? "–"), .text(Self.statusText(entry?.status ?? .unknown)), evidence(entry),
                ]))
            }
        }
        let conditions = DataTable(id: "villkor", caption: "Villkor för \(region.name) och länets kommuner",
                                   note: "Okänd betyder att ingen status är registrerad; det betyder inte att villkoret är uppfyllt.",
                                   columns: [("Villkor", false), ("Vem", false), ("Avsnitt", false), ("Status", false), ("Underlag", false)],
                                   rows: conditionRows)
        let summary = "Per \(SwedishFormat.date(asOf)): \(overdue) passerade tidsfrister utan registrerad klarmarkering, \(soon) inom \(context.config.dueSoonDays) dagar."
        let model = RegionChecklistPage(
            meta: meta(path, title: "\(region.name): krav i \(a.title)", description: "Allt \(region.name) ska göra enligt \(a.title), och när.",
                       crumbs: [(SiteURL.regions, "Regioner"), (SiteURL.region(region.id), region.name), (path, "Krav i \(a.title)")]),
            title: "\(region.name): krav i \(a.title)", regionName: region.name, agreementTitle: a.title,
            agreementHref: SiteURL.relative(from: path, to: SiteURL.checklist(a.id)),
            calendarHref: SiteURL.relative(from: path, to: SiteURL.calendar(a.id)), asOf: SwedishFormat.date(asOf), summary: summary,
            deadlines: deadlines.viewModel(), conditions: conditions.viewModel())
        return PageSpec(path: path, template: "region-checklist", model: model, tables: [deadlines, conditions])
    }

    func statusMatrix(_ a: Agreement) -> PageSpec {
        let path = SiteURL.matrix(a.id)
        let deadlines = a.deadlines.filter { $0.by.contains("regions") }.sorted { ($0.date, $0.id) < ($1.date, $1.id) }
        var overdueRegions: Set<String> = []
        let rows: [DataTable.Row] = context.regions.map { region in
            .init(id: "status-\(region.id)", cells: [.text(region.name, href: SiteURL.relative(from: path, to: SiteURL.regionChecklist(region.id, a.id)), header: true)]
                  + deadlines.map { d in
                      let (st, _, text) = state(d, recipient: region.id, in: a)
                      if st == .overdue { overdueRegions.insert(region.id) }
                      return .text(text)
                  })
        }
        let matrix = DataTable(id: "status-per-region", caption: "Regionernas tidsfrister per \(SwedishFormat.date(asOf))",
                               columns: [("Region", false)] + deadlines.map { ("\($0.title ?? $0.what) (\(SwedishFormat.date($0.date)))", false) },
                               rows: rows)
        let legend = [DeadlineState.done, .overdue, .dueSoon, .upcoming, .notApplicable].map { state in
            ItemVM(id: "forklaring-\(state.rawValue)", text: Self.stateText(state, status: .unknown, days: context.config.dueSoonDays), detail: nil)
        }
        let model = StatusMatrixPage(
            meta: meta(path, title: "Status per region: \(a.title)", description: "De 21 regionerna mot tidsfristerna i \(a.title).",
                       crumbs: [(SiteURL.agreements, "Överenskommelser"), (SiteURL.agreement(a.id), a.title), (path, "Status per region")]),
            title: a.title, agreementHref: SiteURL.relative(from: path, to: SiteURL.agreement(a.id)), asOf: SwedishFormat.date(asOf),
            summary: deadlines.isEmpty ? "Överenskommelsen anger inga tidsfrister för regionerna."
                : "\(overdueRegions.count) av \(context.regions.count) regioner har minst en passerad tidsfrist som inte är registrerad som klar.",
            matrix: matrix.viewModel(), legend: legend)
        return PageSpec(path: path, template: "status-matrix", model: model, tables: [matrix])
    }
}

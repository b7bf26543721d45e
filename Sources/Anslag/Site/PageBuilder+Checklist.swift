extension SiteURL {
    public static func checklist(_ agreement: String) -> String { "/overenskommelser/\(agreement)/krav/" }
    public static func matrix(_ agreement: String) -> String { "/overenskommelser/\(agreement)/status/" }
    public static func calendar(_ agreement: String) -> String { "/overenskommelser/\(agreement)/tidsfrister.ics" }
    public static func regionChecklist(_ region: String, _ agreement: String) -> String { "/regioner/\(region)/krav/\(agreement)/" }
}

extension PageBuilder {
    var asOf: String { context.config.asOf }

    // MARK: - States in words

    /// Symbol and words for a state: never colour alone, and a cross only for what is recorded as not done.
    static func stateText(_ state: DeadlineState, days: Int?, onlyIf: String? = nil) -> String {
        switch state {
        case .done: return "✓ Klar"
        case .notDone: return "✗ Inte gjord enligt registrerad uppgift – tidsfristen har passerat"
        case .notApplicable: return "– Gäller inte enligt registrerad uppgift"
        case .passedNoRecord: return "? Tidsfristen har passerat – uppgift saknas"
        case .dueSoon:
            let d = days ?? 0
            return d == 0 ? "! I dag" : "! Om \(d) \(d == 1 ? "dag" : "dagar")"
        case .upcoming: return "○ Kommande"
        case .conditional: return "◇ Villkorad: gäller bara " + (onlyIf ?? "om villkoret inträffar")
        }
    }

    /// What is recorded, with the date it was done.
    static func recordText(_ entry: StatusEntry?) -> String {
        guard let entry, entry.status != .unknown else { return "Uppgift saknas" }
        let word: String
        switch entry.status {
        case .done: word = "Klar"
        case .notDone: word = "Inte gjord"
        case .notApplicable: word = "Gäller inte"
        case .unknown: word = "Uppgift saknas"
        }
        return entry.date.map { "\(word) (\(SwedishFormat.date($0)))" } ?? word
    }

    /// The one date rule of every checklist and status page, and what the status file covers.
    func dateRule(_ a: Agreement) -> DateRuleVM {
        let rule = "Tidsfristerna bedöms mot webbplatsens datum, \(SwedishFormat.date(asOf))."
        let recorded = a.statusRecordedThrough.map { "Uppgifter om vad mottagarna har gjort är registrerade till och med \(SwedishFormat.date($0))." }
            ?? "Ingen uppgift om vad mottagarna har gjort är registrerad för överenskommelsen."
        return DateRuleVM(rule: rule, recorded: recorded)
    }

    func state(_ deadline: Deadline, recipient: String?, in agreement: Agreement) -> (state: DeadlineState, entry: StatusEntry?, text: String) {
        let entry = recipient.flatMap { agreement.status(of: deadline.id, for: $0) }
        let state = DeadlineClock.state(due: deadline.date, asOf: asOf, window: context.config.dueSoonDays, status: entry?.status ?? .unknown,
                                        conditional: deadline.onlyIf != nil)
        let days = (DeadlineClock.dayNumber(deadline.date) ?? 0) - (DeadlineClock.dayNumber(asOf) ?? 0)
        return (state, entry, Self.stateText(state, days: days, onlyIf: deadline.onlyIf))
    }

    func evidence(_ entry: StatusEntry?) -> DataTable.Cell {
        guard let entry, entry.evidence != nil || entry.note != nil || entry.link != nil else { return .text("–") }
        let text = [entry.evidence, entry.note].compactMap { $0 }.joined(separator: "; ")
        return .text(text, href: entry.link)
    }

    func recordedOn(_ entry: StatusEntry?) -> DataTable.Cell {
        guard let entry else { return .text("–") }
        return entry.recorded.map { DataTable.Cell(display: SwedishFormat.date($0), raw: $0, numeric: false) } ?? .text("anges inte")
    }

    func sectionsText(_ sections: [String], _ a: Agreement) -> String {
        sections.isEmpty ? "Avsnitt anges inte." : "Källa: \(sections.count == 1 ? "avsnitt" : "avsnitten") \(BindingText.join(sections))."
    }

    /// "Avsnitt 13.1. Gäller alla regioner och SKR." for the agreement page's list.
    func conditionDetail(_ c: Condition, in a: Agreement) -> String {
        sectionsText(c.sections, a) + " Gäller " + BindingText.list(c.appliesTo, in: a, regions: context.content.regions, pots: c.pots) + "."
    }

    // MARK: - Pages

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

    /// The agreement a link points to, by id.
    func agreementTitle(_ id: String) -> String { context.allocation(id)?.agreement.title ?? id }

    /// How a condition relates to earlier agreements, in Swedish.
    func history(_ c: Condition, _ a: Agreement, previous: Agreement?) -> String {
        func describe(_ links: [ConditionLink]) -> String {
            BindingText.join(links.map { link in
                let section = context.allocation(link.agreement)?.agreement.conditions.first { $0.id == link.condition }?.section
                return agreementTitle(link.agreement) + (section.map { " (avsnitt \($0))" } ?? "")
            })
        }
        var parts: [String] = []
        if !c.continues.isEmpty { parts.append("Fortsätter från \(describe(c.continues)).") }
        if !c.replaces.isEmpty { parts.append("Ersätter villkor i \(describe(c.replaces)).") }
        if parts.isEmpty, let previous { parts.append("Nytt \(a.year): fanns inte i \(previous.title).") }
        return parts.joined(separator: " ")
    }

    func agreementChecklist(_ a: Agreement) -> PageSpec {
        let path = SiteURL.checklist(a.id)
        let regions = context.content.regions
        let previous = context.agreements.last { $0.series == a.series && $0.year < a.year }
        let sourceHref = SiteURL.relative(from: path, to: SiteURL.agreement(a.id)) + "#kalla"
        let conditions = a.conditions.map { c in
            let history = history(c, a, previous: previous)
            return ConditionVM(id: "villkor-\(c.id)", summary: c.summary,
                               binds: "Gäller " + BindingText.list(c.appliesTo, in: a, regions: regions, pots: c.pots) + ".",
                               sections: sectionsText(c.sections, a), sourceHref: sourceHref,
                               history: history, hasHistory: !history.isEmpty, change: c.change ?? "", hasChange: c.change != nil)
        }
        let deadlines = DataTable(
            id: "tidsfrister", caption: "Tidsfrister",
            note: "Läget gäller tidsfristen som sådan. Vad varje region har gjort står på regionens sida och i statusöversikten.",
            columns: [("Datum", false), ("Vad", false), ("Vem", false), ("Till", false), ("Avsnitt", false), ("Läge", false)],
            rows: a.deadlines.sorted { ($0.date, $0.id) < ($1.date, $1.id) }.map { d in
                // Only SKR is one recipient whose record can be shown here; the others are many.
                let recipient = d.by == [.skr] ? "skr" : nil
                return .init(id: "frist-\(d.id)", cells: [
                    DataTable.Cell(display: SwedishFormat.date(d.date), raw: d.date, numeric: false, header: true),
                    .text(d.what), .text(BindingText.list(d.by, in: a, regions: regions)), .text(d.to ?? "–"), .text(d.section ?? "–"),
                    .text(recipient == nil ? timeText(d) : state(d, recipient: recipient, in: a).text),
                ])
            },
            source: statedSource(a, sections: a.deadlines.map(\.section), from: path))
        var dropped: [ItemVM] = []
        if let previous {
            let linked = Set((context.incomingLinks[previous.id] ?? []).filter { $0.year > previous.year }.map(\.condition))
            dropped = previous.conditions.filter { !linked.contains($0.id) }.map { c in
                ItemVM(id: "borttaget-\(c.id)", text: c.summary, detail: "Avsnitt \(c.section ?? "–") i \(previous.title). Inget villkor i \(a.title) fortsätter det.")
            }
        }
        let model = AgreementChecklistPage(
            meta: meta(path, title: "Villkor och tidsfrister: \(a.title)", description: "Alla villkor och tidsfrister i \(a.title), med vem varje villkor gäller.",
                       crumbs: [(SiteURL.agreements, "Överenskommelser"), (SiteURL.agreement(a.id), a.title), (path, "Villkor och tidsfrister")], dataOf: [a]),
            title: a.title, agreementHref: SiteURL.relative(from: path, to: SiteURL.agreement(a.id)),
            matrixHref: SiteURL.relative(from: path, to: SiteURL.matrix(a.id)),
            calendarHref: SiteURL.relative(from: path, to: SiteURL.calendar(a.id)), dates: dateRule(a),
            conditionCount: "\(a.conditions.count) villkor. Varje villkor står en gång, med alla som det gäller och alla avsnitt som anger det.",
            conditions: conditions, deadlines: deadlines.viewModel(),
            comparedWith: previous.map { "Varje villkor säger hur det förhåller sig till tidigare överenskommelser. Villkor i \($0.title) som inget villkor här fortsätter:" } ?? "",
            hasComparison: previous != nil, dropped: dropped, hasDropped: !dropped.isEmpty)
        return PageSpec(path: path, template: "checklist", model: model, tables: [deadlines])
    }

    /// Where a deadline stands in time alone, for tables that cover many recipients.
    func timeText(_ d: Deadline) -> String {
        let st = DeadlineClock.state(due: d.date, asOf: asOf, window: context.config.dueSoonDays, status: .unknown, conditional: d.onlyIf != nil)
        let days = (DeadlineClock.dayNumber(d.date) ?? 0) - (DeadlineClock.dayNumber(asOf) ?? 0)
        return st == .passedNoRecord ? "Tidsfristen har passerat" : Self.stateText(st, days: days, onlyIf: d.onlyIf)
    }

    func regionChecklist(_ region: Region, _ a: Agreement) -> PageSpec {
        let path = SiteURL.regionChecklist(region.id, a.id)
        let recipients = [(region.id, "Regionen"), ("rss:\(region.id)", "Kommunerna i länet via RSS")]
        /// Who, for this region, a binding list means; nil when it does not bind the recipient.
        func who(_ bindings: [Binding], recipient: String, label: String) -> String? {
            switch a.match(bindings, recipient: recipient) {
            case .yes: return label
            case .unnamedGroup:
                let names = bindings.compactMap { b -> String? in if case .group(let id) = b { return a.group(id)?.name } else { return nil } }
                return "Regionen, om den hör till \(BindingText.join(names)) (källan namnger inte regionerna)"
            case .no: return nil
            }
        }
        var rows: [DataTable.Row] = []
        var passed = 0, notDone = 0, soon = 0
        // The same for every row: made once per page.
        let sourceHref = SiteURL.relative(from: path, to: SiteURL.agreement(a.id)) + "#kalla"
        let checklistHref = SiteURL.relative(from: path, to: SiteURL.checklist(a.id))
        for d in a.deadlines.sorted(by: { ($0.date, $0.id) < ($1.date, $1.id) }) {
            for (recipient, label) in recipients {
                guard let whom = who(d.by, recipient: recipient, label: label) else { continue }
                let (st, entry, text) = state(d, recipient: recipient, in: a)
                if st == .passedNoRecord { passed += 1 }
                if st == .notDone { notDone += 1 }
                if st == .dueSoon { soon += 1 }
                rows.append(.init(id: "frist-\(recipient.hasPrefix("rss:") ? "kommunerna" : "regionen")-\(d.id)", cells: [
                    DataTable.Cell(display: SwedishFormat.date(d.date), raw: d.date, numeric: false, header: true),
                    .text(d.what), .text(whom), .text(d.to ?? "–"), .text(text), .text(Self.recordText(entry)), evidence(entry), recordedOn(entry),
                    .text(d.section ?? "–", href: sourceHref),
                ]))
            }
        }
        let deadlines = DataTable(id: "tidsfrister", caption: "Tidsfrister för \(region.name) och länets kommuner",
                                  note: "Läge: tidsfristen mot webbplatsens datum. Registrerad uppgift: det som är registrerat om vad mottagaren har gjort. Uppgiften registrerad: när uppgiften skrevs in.",
                                  columns: [("Tidsfrist", false), ("Vad", false), ("Vem", false), ("Till", false), ("Läge", false),
                                            ("Registrerad uppgift", false), ("Underlag", false), ("Uppgiften registrerad", false), ("Avsnitt", false)],
                                  rows: rows, source: statedSource(a, sections: a.deadlines.map(\.section), from: path))
        var conditionRows: [DataTable.Row] = []
        for c in a.conditions {
            var whom: [String] = []
            var entries: [StatusEntry] = []
            for (recipient, label) in recipients {
                guard let w = who(c.appliesTo, recipient: recipient, label: label) else { continue }
                whom.append(w)
                if let entry = a.status(of: c.id, for: recipient) { entries.append(entry) }
            }
            guard !whom.isEmpty else { continue }
            let entry = entries.first
            conditionRows.append(.init(id: "villkor-\(c.id)", cells: [
                .text(c.summary, header: true),
                .text(BindingText.join(whom.enumerated().map { i, w in i == 0 ? w : w.prefix(1).lowercased() + w.dropFirst() })),
                .text(c.sections.joined(separator: ", "), href: checklistHref + "#villkor-\(c.id)"),
                .text(Self.recordText(entry)), evidence(entry), recordedOn(entry),
            ]))
        }
        let conditions = DataTable(id: "villkor", caption: "Villkor för \(region.name) och länets kommuner",
                                   note: "Bara villkor som gäller regionen eller länets kommuner. Uppgift saknas betyder att inget är registrerat, inte att villkoret är uppfyllt eller inte uppfyllt.",
                                   columns: [("Villkor", false), ("Vem", false), ("Avsnitt", false), ("Registrerad uppgift", false), ("Underlag", false), ("Uppgiften registrerad", false)],
                                   rows: conditionRows, source: statedSource(a, sections: a.conditions.flatMap(\.sections), from: path))
        let summary = Self.regionSummary(passed: passed, notDone: notDone, soon: soon, window: context.config.dueSoonDays)
        let model = RegionChecklistPage(
            meta: meta(path, title: "\(region.name): krav i \(a.title)", description: "Allt \(region.name) ska göra enligt \(a.title), och när.",
                       crumbs: [(SiteURL.regions, "Regioner"), (SiteURL.region(region.id), region.name), (path, "Krav i \(a.title)")], dataOf: [a]),
            title: "\(region.name): krav i \(a.title)", regionName: region.name, agreementTitle: a.title,
            agreementHref: checklistHref,
            calendarHref: SiteURL.relative(from: path, to: SiteURL.calendar(a.id)), dates: dateRule(a), summary: summary,
            deadlines: deadlines.viewModel(), conditions: conditions.viewModel())
        return PageSpec(path: path, template: "region-checklist", model: model, tables: [deadlines, conditions])
    }

    /// "4 tidsfrister har passerat utan registrerad uppgift och ingen infaller inom 30 dagar."
    static func regionSummary(passed: Int, notDone: Int, soon: Int, window: Int) -> String {
        let deadlines = passed == 0 ? "ingen tidsfrist" : passed == 1 ? "1 tidsfrist" : "\(passed) tidsfrister"
        var parts = ["\(deadlines) har passerat utan registrerad uppgift"]
        if notDone > 0 { parts.append(notDone == 1 ? "1 är registrerad som inte gjord" : "\(notDone) är registrerade som inte gjorda") }
        parts.append("\(soon == 0 ? "ingen" : String(soon)) infaller inom \(window) dagar")
        let text = BindingText.join(parts)
        return text.prefix(1).uppercased() + text.dropFirst() + "."
    }

    func statusMatrix(_ a: Agreement) -> PageSpec {
        let path = SiteURL.matrix(a.id)
        let deadlines = a.deadlines.filter { $0.by.contains(.allRegions) }.sorted { ($0.date, $0.id) < ($1.date, $1.id) }
        var passedRegions: Set<String> = []
        var counts: [DeadlineState: Int] = [:]
        let rows: [DataTable.Row] = context.regions.map { region in
            .init(id: "status-\(region.id)", cells: [.text(region.name, href: SiteURL.relative(from: path, to: SiteURL.regionChecklist(region.id, a.id)), header: true)]
                  + deadlines.map { d in
                      let (st, _, text) = state(d, recipient: region.id, in: a)
                      counts[st, default: 0] += 1
                      if st == .passedNoRecord { passedRegions.insert(region.id) }
                      return .text(text)
                  })
        }
        let matrix = DataTable(id: "status-per-region", caption: "Regionernas tidsfrister",
                               columns: [("Region", false)] + deadlines.map { ("\($0.title ?? $0.what) (\(SwedishFormat.date($0.date)))", false) },
                               rows: rows, source: statedSource(a, sections: deadlines.map(\.section), from: path))
        let legend = [DeadlineState.done, .notDone, .notApplicable, .passedNoRecord, .dueSoon, .upcoming, .conditional].map { state in
            ItemVM(id: "forklaring-\(state.rawValue)", text: Self.stateText(state, days: context.config.dueSoonDays, onlyIf: "om villkoret inträffar"),
                   detail: "Antal celler: \(counts[state, default: 0]).")
        }
        let summary = deadlines.isEmpty ? "Överenskommelsen anger inga tidsfrister för alla regioner."
            : "För \(passedRegions.count) av \(context.regions.count) regioner har minst en tidsfrist passerat utan att någon uppgift är registrerad. Det säger inget om vad regionerna har gjort."
        let model = StatusMatrixPage(
            meta: meta(path, title: "Status per region: \(a.title)", description: "De 21 regionerna mot tidsfristerna i \(a.title).",
                       crumbs: [(SiteURL.agreements, "Överenskommelser"), (SiteURL.agreement(a.id), a.title), (path, "Status per region")], dataOf: [a]),
            title: a.title, agreementHref: SiteURL.relative(from: path, to: SiteURL.agreement(a.id)), dates: dateRule(a),
            summary: summary, matrix: matrix.viewModel(), legend: legend)
        return PageSpec(path: path, template: "status-matrix", model: model, tables: [matrix])
    }
}

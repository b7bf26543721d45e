extension PageBuilder {
    func agreement(_ allocation: AgreementAllocation) -> PageSpec {
        let a = allocation.agreement
        let path = SiteURL.agreement(a.id)
        var tables: [DataTable] = []

        let pots = potsTable(allocation)
        tables.append(pots)

        let topRegion = context.topPots(allocation, kind: .regions)
        var regionTable: DataTable?
        var chart: ChartVM?
        if !topRegion.isEmpty {
            let table = regionTableFor(allocation, pots: topRegion, path: path)
            regionTable = table
            tables.append(table)
            chart = Charts.perInhabitant(allocation, context: context, tableID: table.id)
        }
        var breakdowns: [SectionVM] = []
        for parent in topRegion where !a.children(of: parent.id).isEmpty {
            let children = a.children(of: parent.id).filter { allocation.pots[$0.id]?.shares != nil }
            let table = DataTable(
                id: "fordelning-\(parent.id)", caption: "\(parent.title): delarna per region",
                columns: [("Region", false)] + children.map { ($0.title, true) } + [(parent.title, true)],
                rows: context.regions.map { region in
                    .init(id: "\(parent.id)-\(region.id)", cells: [.text(region.name, header: true)]
                          + children.map { .kronor(allocation.amount(of: $0.id, to: .region(region.id))) }
                          + [.kronor(allocation.amount(of: parent.id, to: .region(region.id)))])
                })
            tables.append(table)
            breakdowns.append(SectionVM(id: "del-\(parent.id)", title: parent.title,
                                        intro: children.map { "\($0.title): \(context.keyText($0.key!, a))" }.joined(separator: " "),
                                        table: table.viewModel()))
        }

        var countyTable: DataTable?
        let topCounty = context.topPots(allocation, kind: .municipalities)
        if !topCounty.isEmpty {
            let table = DataTable(
                id: "kommunerna-per-lan", caption: "Medel till kommunerna, länsvis via RSS",
                columns: [("Län", false)] + topCounty.map { ($0.title, true) } + (topCounty.count > 1 ? [("Totalt", true)] : []),
                rows: context.regions.map { region in
                    let amounts = topCounty.map { allocation.amount(of: $0.id, to: .county(region.id)) ?? 0 }
                    return .init(id: "lan-\(region.id)", cells: [.text(region.county, header: true)] + amounts.map { .kronor($0) }
                                 + (topCounty.count > 1 ? [.kronor(amounts.reduce(0, +))] : []))
                },
                footer: [.init(id: "lan-totalt", cells: [.text("Totalt", header: true)] + topCounty.map { .kronor(allocation.amounts[$0.id]) }
                               + (topCounty.count > 1 ? [.kronor(topCounty.compactMap { allocation.amounts[$0.id] }.reduce(0, +))] : []))])
            countyTable = table
            tables.append(table)
        }

        var groupTable: DataTable?
        let groupPots = a.pots.filter { $0.recipient == .samverkansregioner && allocation.pots[$0.id]?.shares != nil }
        if !groupPots.isEmpty {
            let groups = context.content.regions.samverkansregioner
            let table = DataTable(
                id: "samverkansregioner", caption: "Medel till samverkansregionerna",
                columns: [("Samverkansregion", false), ("Regioner", false)] + groupPots.map { ($0.title, true) },
                rows: groups.map { group in
                    .init(id: "samverkansregion-\(group.id)", cells: [
                        .text(group.name, header: true),
                        .text(context.regions.filter { $0.samverkansregion == group.id }.map(\.name).joined(separator: ", ")),
                    ] + groupPots.map { .kronor(allocation.amount(of: $0.id, to: .samverkansregion(group.id))) })
                })
            groupTable = table
            tables.append(table)
        }

        let notComputed = a.pots.compactMap { pot -> ItemVM? in
            switch allocation.pots[pot.id] {
            case .notComputable(let reason)?:
                return ItemVM(id: "saknas-\(pot.id)", text: "\(pot.title) (\(SwedishFormat.kronor(allocation.amounts[pot.id] ?? 0))): fördelningen per mottagare kan inte beräknas.", detail: reason)
            case .notDistributed(let reason)? where pot.parent.flatMap({ allocation.pots[$0] }).map({ if case .notDistributed = $0 { false } else { true } }) ?? true:
                return ItemVM(id: "saknas-\(pot.id)", text: "\(pot.title) (\(SwedishFormat.kronor(allocation.amounts[pot.id] ?? 0))): \(context.recipientText(pot)), ingen fördelning per mottagare.", detail: reason)
            default: return nil
            }
        }

        let reconciliations = context.site.reconciliations[a.id] ?? []
        var reconciliation: [SectionVM] = []
        for result in reconciliations {
            let table = DataTable(
                id: "avstamning-\(result.table.id)", caption: "Avrundningsskillnader mot \(result.table.title)",
                note: "Cellerna där den publicerade tabellen skiljer sig från beräkningen med 1 krona. Alla andra celler stämmer exakt.",
                columns: [("Rad", false), ("Kolumn", false), ("Publicerat", true), ("Beräknat", true), ("Skillnad", true)],
                rows: result.roundingNotes.map { note in
                    .init(id: "avrundning-\(result.table.id)-\(note.region)-\(Slug.make(note.column))", cells: [
                        .text(note.row, header: true), .text(note.column), .kronor(note.published), .kronor(note.computed),
                        .signedKronor(note.published - note.computed),
                    ])
                })
            tables.append(table)
            reconciliation.append(SectionVM(
                id: "avstamning-\(result.table.id)-avsnitt", title: result.table.title,
                intro: "\(result.cellsCompared) celler jämförda; \(result.roundingNotes.count) skiljer sig med 1 krona, inga med mer.",
                table: table.viewModel()))
        }
        let compared = reconciliations.map(\.cellsCompared).reduce(0, +)
        let reconciliationSummary = reconciliations.isEmpty
            ? "Källan publicerar ingen tabell per region eller län för den här överenskommelsen, så det finns inget att stämma av mot."
            : "Varje cell i de publicerade tabellerna har jämförts med beräkningen: \(compared) celler, varav \(reconciliations.flatMap(\.roundingNotes).count) skiljer sig med 1 krona (tabellerna avrundades för hand). Ingen cell skiljer sig med mer."

        let deadlines = DataTable(
            id: "tidsfrister", caption: "Tidsfrister",
            columns: [("Datum", false), ("Vad", false), ("Vem", false), ("Till", false), ("Avsnitt", false)],
            rows: a.deadlines.sorted { ($0.date, $0.id) < ($1.date, $1.id) }.map { d in
                .init(id: "frist-\(d.id)", cells: [
                    DataTable.Cell(display: SwedishFormat.date(d.date), raw: d.date, numeric: false, header: true),
                    .text(d.what), .text(d.by.map(groupName).joined(separator: ", ")), .text(d.to ?? "–"), .text(d.section ?? "–"),
                ])
            })
        tables.append(deadlines)

        let model = AgreementPage(
            meta: meta(path, title: a.title, description: a.summary ?? "Överenskommelsen \(a.title) mellan staten och SKR.",
                       crumbs: [(SiteURL.agreements, "Överenskommelser"), (path, a.title)]),
            title: a.title, subtitle: a.subtitle, summary: a.summary, statusNote: a.statusNote,
            total: SwedishFormat.kronor(allocation.amounts[rootPot(allocation).id] ?? 0),
            parties: a.parties.enumerated().map { i, p in
                let when = p.date.map(SwedishFormat.date) ?? p.datePrinted.map { "\($0) (datum som det är tryckt)" } ?? "datum anges inte"
                let who = [p.signatory, p.role].compactMap { $0 }.joined(separator: ", ")
                return ItemVM(id: "part-\(i + 1)", text: p.party, detail: "\(p.place.map { "\($0), " } ?? "")\(when)\(who.isEmpty ? "" : "; \(who)")")
            },
            source: "\(a.source.title) (\(a.source.sections.joined(separator: ", ")))",
            pots: pots.viewModel(),
            keys: a.pots.compactMap { pot in
                guard let key = pot.key else { return nil }
                return ItemVM(id: "nyckel-\(pot.id)", text: pot.title, detail: context.keyText(key, a))
            },
            regionTable: regionTable?.viewModel(), chart: chart, breakdowns: breakdowns,
            countyTable: countyTable?.viewModel(), groupTable: groupTable?.viewModel(),
            notComputed: notComputed, hasNotComputed: !notComputed.isEmpty,
            reconciliation: reconciliation, reconciliationSummary: reconciliationSummary,
            slips: a.slips.enumerated().map { i, s in
                ItemVM(id: "felskrivning-\(i + 1)", text: "\(s.whereInSource): tryckt ”\(s.printed)”", detail: s.meaning)
            },
            hasSlips: !a.slips.isEmpty,
            deadlines: deadlines.viewModel(),
            conditions: a.conditions.map { c in
                ItemVM(id: "villkor-\(c.id)", text: c.summary,
                       detail: (c.section.map { "Avsnitt \($0). " } ?? "") + "Gäller " + c.appliesTo.map(groupName).joined(separator: ", ") + ".")
            },
            commentary: context.commentary(agreement: a.id))
        return PageSpec(path: path, template: "agreement", model: model, tables: tables)
    }

    func groupName(_ group: String) -> String {
        switch group {
        case "regions": return "regionerna"
        case "municipalities": return "kommunerna (via RSS)"
        default: return "SKR"
        }
    }

    /// Every pot as a tree, root first, with recipient and how it is split.
    func potsTable(_ allocation: AgreementAllocation) -> DataTable {
        let a = allocation.agreement
        var depth: [String: Int] = [:]
        for pot in Allocator.preOrder(a) { depth[pot.id] = pot.parent.flatMap { depth[$0] }.map { $0 + 1 } ?? 0 }
        return DataTable(
            id: "potter", caption: "Överenskommelsens potter",
            note: "Varje pott med sina delar; delarna summerar exakt till pottens belopp.",
            columns: [("Pott", false), ("Belopp", true), ("Mottagare", false), ("Fördelning", false), ("Avsnitt", false)],
            rows: Allocator.preOrder(a).map { pot in
                let split: String
                switch allocation.pots[pot.id] {
                case .distributed(let shares)?:
                    split = shares.count > 1 ? (pot.key.map { context.keyText($0, a) } ?? "Summan av delarna.") : "Hela beloppet."
                case .notDistributed?: split = "Ingen fördelning per mottagare i källan."
                case .notComputable?: split = "Kan inte beräknas: underlaget saknas i källan."
                case .mixed?, nil: split = "Se delarna."
                }
                return .init(id: "pott-\(pot.id)", cells: [
                    .text(pot.title, header: true, level: depth[pot.id] ?? 0),
                    .kronor(allocation.amounts[pot.id]),
                    .text(context.recipientText(pot) + (pot.fundedByRegions ? " (regionernas egna medel)" : "")),
                    .text(split),
                    .text(pot.section ?? "–"),
                ])
            })
    }

    func regionTableFor(_ allocation: AgreementAllocation, pots: [Pot], path: String) -> DataTable {
        let a = allocation.agreement
        let hasPopulation = context.population(a) != nil
        var columns: [(String, Bool)] = [("Region", false)] + pots.map { ($0.title, true) }
        if pots.count > 1 { columns.append(("Totalt", true)) }
        if hasPopulation { columns += [("Kronor per invånare", true), ("Rang", true)] }
        let rows: [DataTable.Row] = context.regions.map { region in
            let amounts = pots.map { allocation.amount(of: $0.id, to: .region(region.id)) ?? 0 }
            let total = amounts.reduce(0, +)
            var cells: [DataTable.Cell] = [.text(region.name, href: SiteURL.relative(from: path, to: SiteURL.regionYear(region.id, a.year)), header: true)]
            cells += amounts.map { .kronor($0) }
            if pots.count > 1 { cells.append(.kronor(total)) }
            if hasPopulation {
                cells.append(.perInhabitant(context.perInhabitant(total, a, region.id)))
                let rank = rankOf(total, region.id, pots: pots, allocation)
                cells.append(DataTable.Cell(display: "\(rank)", raw: "\(rank)", numeric: true))
            }
            return .init(id: "region-\(region.id)", cells: cells)
        }
        var footer: [DataTable.Cell] = [.text("Totalt", header: true)] + pots.map { .kronor(allocation.amounts[$0.id]) }
        if pots.count > 1 { footer.append(.kronor(pots.compactMap { allocation.amounts[$0.id] }.reduce(0, +))) }
        if hasPopulation {
            let people = context.population(a)!.total
            footer.append(.perInhabitant(Fraction.ratio(pots.compactMap { allocation.amounts[$0.id] }.reduce(0, +), people)))
            footer.append(.text(""))
        }
        return DataTable(id: "regionerna", caption: "Medel till regionerna, beräknade per region",
                         note: hasPopulation ? "Rang 1 är flest kronor per invånare." : nil,
                         columns: columns, rows: rows, footer: [.init(id: "region-totalt", cells: footer)])
    }

    func rankOf(_ total: Int, _ region: String, pots: [Pot], _ allocation: AgreementAllocation) -> Int {
        let a = allocation.agreement
        guard let mine = context.perInhabitant(total, a, region) else { return 0 }
        let others = context.regions.compactMap { r in
            context.perInhabitant(pots.compactMap { allocation.amount(of: $0.id, to: .region(r.id)) }.reduce(0, +), a, r.id)
        }
        return others.filter { mine < $0 }.count + 1
    }
}

/// ASCII ids from Swedish text, for anchors.
enum Slug {
    static func make(_ text: String) -> String {
        let map: [Character: String] = ["å": "a", "ä": "a", "ö": "o", "é": "e", "Å": "a", "Ä": "a", "Ö": "o"]
        var out = ""
        for c in text.lowercased() {
            if let m = map[c] { out += m } else if c.isASCII && (c.isLetter || c.isNumber) { out.append(c) } else if !out.hasSuffix("-") { out += "-" }
        }
        return out.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
    }
}

import Foundation

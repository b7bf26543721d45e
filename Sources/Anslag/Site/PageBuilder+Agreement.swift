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
        var map: TileMapVM?
        if !topRegion.isEmpty {
            let table = regionTableFor(allocation, pots: topRegion, path: path)
            regionTable = table
            tables.append(table)
            chart = Charts.perInhabitant(allocation, context: context, tableID: table.id)
            map = TileMap.perInhabitant(allocation, context: context, tableID: table.id)
        }
        var breakdowns: [SectionVM] = []
        for parent in topRegion where a.hasChildren(parent.id) {
            let children = a.children(of: parent.id).filter { allocation.pots[$0.id]?.shares != nil }
            let table = DataTable(
                id: "fordelning-\(parent.id)", caption: context.strings.text(.breakdownCaption, ["pot": parent.title]),
                columns: [("Region", false)] + children.map { ($0.title, true) } + [(parent.title, true)],
                rows: context.regions.map { region in
                    .init(id: "\(parent.id)-\(region.id)", cells: [.text(region.name, header: true)]
                          + children.map { derivationLinked(.kronor(allocation.amount(of: $0.id, to: .region(region.id))), $0, region: region.id, allocation, from: path) }
                          + [derivationLinked(.kronor(allocation.amount(of: parent.id, to: .region(region.id))), parent, region: region.id, allocation, from: path)])
                },
                source: computedSource(a, pots: [parent] + children, from: path))
            tables.append(table)
            breakdowns.append(SectionVM(id: "del-\(parent.id)", title: parent.title,
                                        intro: children.map { "\($0.title): \(context.keyText($0.key!, a))" }.joined(separator: " "),
                                        table: table.viewModel()))
        }

        var countyTable: DataTable?
        let topCounty = context.topPots(allocation, kind: .municipalities)
        if !topCounty.isEmpty {
            let table = DataTable(
                id: "kommunerna-per-lan", caption: context.strings.text(.countyCaption),
                note: context.strings.text(.chooseAmount),
                columns: [(context.strings.text(.columnCounty), false)] + topCounty.map { ($0.title, true) } + (topCounty.count > 1 ? [(context.strings.text(.total), true)] : []),
                rows: context.regions.map { region in
                    // A county a split pot does not name gets nothing from it: 0 is the amount, not a stand-in.
                    let amounts = topCounty.map { allocation.amount(of: $0.id, to: .county(region.id)) ?? 0 }
                    return .init(id: "lan-\(region.id)", cells: [.text(region.county, header: true)]
                                 + zip(topCounty, amounts).map { derivationLinked(.kronor($1), $0, region: region.id, allocation, from: path) }
                                 + (topCounty.count > 1 ? [.kronor(amounts.reduce(0, +))] : []))
                },
                footer: [.init(id: "lan-totalt", cells: [.text(context.strings.text(.total), header: true)] + topCounty.map { .kronor(allocation.amounts[$0.id]) }
                               + (topCounty.count > 1 ? [.kronor(topCounty.compactMap { allocation.amounts[$0.id] }.reduce(0, +))] : []))],
                source: computedSource(a, pots: topCounty, from: path))
            countyTable = table
            tables.append(table)
        }

        var groupTable: DataTable?
        let groupPots = a.pots.filter { $0.recipient == .samverkansregioner && allocation.pots[$0.id]?.shares != nil }
        if !groupPots.isEmpty {
            let groups = context.content.regions.samverkansregioner
            let table = DataTable(
                id: "samverkansregioner", caption: context.strings.text(.groupCaption),
                columns: [(context.strings.text(.columnGroup), false), (context.strings.text(.columnRegions), false)] + groupPots.map { ($0.title, true) },
                rows: groups.map { group in
                    .init(id: "samverkansregion-\(group.id)", cells: [
                        .text(group.name, header: true),
                        .text(context.regions.filter { $0.samverkansregion == group.id }.map(\.name).joined(separator: ", ")),
                    ] + groupPots.map { .kronor(allocation.amount(of: $0.id, to: .samverkansregion(group.id))) })
                },
                source: computedSource(a, pots: groupPots, from: path))
            groupTable = table
            tables.append(table)
        }

        let notComputed = a.pots.compactMap { pot -> ItemVM? in
            switch allocation.pots[pot.id] {
            case .notComputable(let reason)?:
                return ItemVM(id: "saknas-\(pot.id)", text: context.strings.text(.notComputable, ["pot": pot.title, "amount": SwedishFormat.kronor(context.amount(of: pot.id, in: allocation))]), detail: reason)
            case .notDistributed(let reason)? where pot.parent.flatMap({ allocation.pots[$0] }).map({ if case .notDistributed = $0 { false } else { true } }) ?? true:
                return ItemVM(id: "saknas-\(pot.id)", text: context.strings.text(.notDistributed, ["pot": pot.title, "amount": SwedishFormat.kronor(context.amount(of: pot.id, in: allocation)), "recipient": context.recipientText(pot)]), detail: reason)
            default: return nil
            }
        }

        let reconciliations = context.site.reconciliations[a.id] ?? []
        var reconciliation: [SectionVM] = []
        for result in reconciliations {
            let table = DataTable(
                id: "avstamning-\(result.table.id)", caption: context.strings.text(.roundingCaption, ["table": result.table.title]),
                note: context.strings.text(.roundingNote),
                columns: [(context.strings.text(.columnRow), false), (context.strings.text(.columnColumn), false), (context.strings.text(.columnPublished), true), (context.strings.text(.columnComputed), true), (context.strings.text(.columnDifference), true)],
                rows: result.roundingNotes.map { note in
                    .init(id: "avrundning-\(result.table.id)-\(note.region)-\(Slug.make(note.column))", cells: [
                        .text(note.row, header: true), .text(note.column), .kronor(note.published), .kronor(note.computed),
                        .signedKronor(note.published - note.computed),
                    ])
                },
                source: computedSource(a, pots: Self.potsIn(result.table, a), from: path))
            tables.append(table)
            reconciliation.append(SectionVM(
                id: "avstamning-\(result.table.id)-avsnitt", title: result.table.title,
                intro: result.roundingNotes.isEmpty ? context.strings.text(.reconciledAllExact, ["cells": String(result.cellsCompared)])
                    : context.strings.text(.reconciledSomeOff, ["cells": String(result.cellsCompared), "notes": String(result.roundingNotes.count)]),
                table: table.viewModel()))
        }
        let compared = reconciliations.map(\.cellsCompared).reduce(0, +)
        let reconciliationSummary = reconciliations.isEmpty
            ? context.strings.text(.summaryNothing)
            : reconciliations.flatMap(\.roundingNotes).isEmpty ? context.strings.text(.summaryExact, ["cells": String(compared)])
            : context.strings.text(.summaryOff, ["cells": String(compared), "notes": String(reconciliations.flatMap(\.roundingNotes).count)])

        let deadlines = DataTable(
            id: "tidsfrister", caption: "Tidsfrister",
            columns: [("Datum", false), ("Vad", false), ("Vem", false), ("Till", false), ("Avsnitt", false)],
            rows: a.deadlines.sorted { ($0.date, $0.id) < ($1.date, $1.id) }.map { d in
                .init(id: "frist-\(d.id)", cells: [
                    DataTable.Cell(display: SwedishFormat.date(d.date), raw: d.date, numeric: false, header: true),
                    .text(d.what), .text(BindingText.list(d.by, in: a, regions: context.content.regions)), .text(d.to ?? "–"), .text(d.section ?? "–"),
                ])
            },
            source: statedSource(a, sections: a.deadlines.map(\.section), from: path))
        tables.append(deadlines)
        let facts = self.facts(allocation, path: path)
        tables += facts.tables

        let model = AgreementPage(
            meta: meta(path, title: a.title, description: a.summary ?? "Överenskommelsen \(a.title) mellan staten och SKR.",
                       crumbs: [(SiteURL.agreements, "Överenskommelser"), (path, a.title)], footer: .agreement(allocation)),
            title: a.title, subtitle: a.subtitle, summary: a.summary, statusNote: a.statusNote,
            total: AmountVM(context.amount(of: rootPot(allocation).id, in: allocation)),
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
            regionTable: regionTable?.viewModel(), chart: chart, map: map, breakdowns: breakdowns,
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
                       detail: conditionDetail(c, in: a))
            },
            commentary: context.commentary(agreement: a.id), facts: facts.model)
        return PageSpec(path: path, template: "agreement", model: model, tables: tables)
    }

    /// The pots a printed table's columns hold, in agreement order.
    static func potsIn(_ table: PublishedTable, _ a: Agreement) -> [Pot] {
        let ids = table.potIDs
        return a.pots.filter { ids.contains($0.id) }
    }

    func groupName(_ group: String) -> String {
        switch group {
        case "regions": return "regionerna"
        case "municipalities": return "kommunerna via RSS"
        default: return "SKR"
        }
    }

    /// Every pot as a tree, root first, with recipient and how it is split.
    func potsTable(_ allocation: AgreementAllocation) -> DataTable {
        let a = allocation.agreement
        var depth: [String: Int] = [:]
        for pot in context.preOrder(a) { depth[pot.id] = pot.parent.flatMap { depth[$0] }.map { $0 + 1 } ?? 0 }
        return DataTable(
            id: "potter", caption: context.strings.text(.potsCaption),
            note: context.strings.text(.potsNote),
            columns: [(context.strings.text(.columnPart), false), (context.strings.text(.columnAmount), true), (context.strings.text(.columnRecipient), false), (context.strings.text(.columnSplit), false), (context.strings.text(.columnSection), false)],
            rows: context.preOrder(a).map { pot in
                let split: String
                switch allocation.pots[pot.id] {
                case .distributed(let shares)?:
                    split = shares.count > 1 ? (context.keyText(of: pot, in: a) ?? context.strings.text(.derivationSumOfParts)) : context.strings.text(.splitWhole)
                case .notDistributed?: split = context.strings.text(.splitNotDistributed)
                case .notComputable?: split = context.strings.text(.splitMissing)
                case .mixed?, nil: split = context.strings.text(.splitSeeParts)
                }
                return .init(id: "pott-\(pot.id)", cells: [
                    .text(pot.title, header: true, level: depth[pot.id] ?? 0),
                    .kronor(allocation.amounts[pot.id]),
                    .text(context.recipientText(pot) + (pot.fundedByRegions ? context.strings.text(.ownMoney) : "")),
                    .text(split),
                    .text(pot.section ?? "–"),
                ])
            },
            source: statedSource(a, sections: a.pots.map(\.section), from: SiteURL.agreement(a.id)))
    }

    func regionTableFor(_ allocation: AgreementAllocation, pots: [Pot], path: String) -> DataTable {
        let a = allocation.agreement
        let hasPopulation = context.population(a) != nil
        var columns: [(String, Bool)] = [(context.strings.text(.columnRegion), false)] + pots.map { ($0.title, true) }
        if pots.count > 1 { columns.append((context.strings.text(.total), true)) }
        if hasPopulation { columns += [(context.strings.text(.columnPerInhabitant), true), (context.strings.text(.columnRank), true)] }
        let rows: [DataTable.Row] = context.regions.map { region in
            // A region a split pot does not name gets nothing from it: 0 is the amount, not a stand-in.
            let amounts = pots.map { allocation.amount(of: $0.id, to: .region(region.id)) ?? 0 }
            let total = amounts.reduce(0, +)
            var cells: [DataTable.Cell] = [.text(region.name, href: SiteURL.relative(from: path, to: SiteURL.regionYear(region.id, a.year)), header: true)]
            cells += zip(pots, amounts).map { pot, amount in
                derivationLinked(.kronor(amount), pot, region: region.id, allocation, from: path)
            }
            if pots.count > 1 { cells.append(.kronor(total)) }
            if hasPopulation {
                cells.append(.perInhabitant(context.perInhabitant(total, a, region.id)))
                let rank = rankOf(total, region.id, pots: pots, allocation)
                cells.append(DataTable.Cell(display: "\(rank)", raw: "\(rank)", numeric: true))
            }
            return .init(id: "region-\(region.id)", cells: cells)
        }
        var footer: [DataTable.Cell] = [.text(context.strings.text(.total), header: true)] + pots.map { .kronor(allocation.amounts[$0.id]) }
        if pots.count > 1 { footer.append(.kronor(pots.compactMap { allocation.amounts[$0.id] }.reduce(0, +))) }
        if hasPopulation {
            let people = context.population(a)!.total
            footer.append(.perInhabitant(Fraction.ratio(pots.compactMap { allocation.amounts[$0.id] }.reduce(0, +), people)))
            footer.append(.text(""))
        }
        return DataTable(id: "regionerna", caption: context.strings.text(.regionTableCaption),
                         note: (hasPopulation ? context.strings.text(.rankNote) + " " : "") + context.strings.text(.chooseAmount),
                         columns: columns, rows: rows, footer: [.init(id: "region-totalt", cells: footer)],
                         source: computedSource(a, pots: pots, from: path))
    }

    /// A computed amount cell that links to its derivation on the region-year page, when the pot is split.
    func derivationLinked(_ cell: DataTable.Cell, _ pot: Pot, region: String, _ allocation: AgreementAllocation, from path: String) -> DataTable.Cell {
        guard (allocation.pots[pot.id]?.shares?.count ?? 0) > 1 else { return cell }
        var linked = cell
        linked.href = SiteURL.relative(from: path, to: SiteURL.regionYear(region, allocation.agreement.year)) + "#" + Self.derivationID(allocation.agreement.id, pot.id)
        return linked
    }

    func rankOf(_ total: Int, _ region: String, pots: [Pot], _ allocation: AgreementAllocation) -> Int {
        let a = allocation.agreement
        guard let mine = context.perInhabitant(total, a, region) else { return 0 }
        // Every region's figure from these pots is the same on every page that ranks by them: made once.
        let others = context.perInhabitantMemo.value(for: a.id + "|" + pots.map(\.id).joined(separator: ",")) {
            context.regions.map { r in
                context.perInhabitant(pots.compactMap { allocation.amount(of: $0.id, to: .region(r.id)) }.reduce(0, +), a, r.id)
            }
        }
        return others.filter { other in other.map { mine < $0 } ?? false }.count + 1
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

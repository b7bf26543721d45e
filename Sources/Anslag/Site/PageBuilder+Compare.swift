import Foundation

extension String {
    /// The text with its first letter in lower case ("Ambulanssjukvård" -> "ambulanssjukvård"), unless it starts an acronym.
    var capitalizedFirst: String { first.map { $0.uppercased() + dropFirst() } ?? self }

    /// The text with its first letter in lower case, unless it starts an acronym.
    var lowercasedFirst: String {
        guard let first, count > 1, !self[index(after: startIndex)].isUppercase else { return self }
        return first.lowercased() + dropFirst()
    }
}

extension PageBuilder {
    func areaName(_ id: String) -> String { context.content.areas.area(id)?.name ?? id }

    /// The area a pot belongs to: its own, or its nearest ancestor's.
    func area(of pot: Pot, _ agreement: Agreement) -> String? {
        if let area = pot.area { return area }
        var current = pot.parent.flatMap(agreement.pot)
        while let p = current {
            if let area = p.area { return area }
            current = p.parent.flatMap(agreement.pot)
        }
        return nil
    }

    /// Leaf pots per area, summed, leaving out money to SKR (counted on a row of its own): each krona counted once.
    func areaTotals(_ allocation: AgreementAllocation) -> [String: Int] {
        var totals: [String: Int] = [:]
        for pot in allocation.leaves where pot.recipient != .skr {
            guard let area = area(of: pot, allocation.agreement) else { continue }
            // Leaves sum to at most the root pot, which the loader bounds, so this cannot overflow.
            totals[area, default: 0] += context.amount(of: pot.id, in: allocation)
        }
        return totals
    }

    /// Money to SKR (SKL in 2019) in an agreement, all areas together.
    func skrTotal(_ allocation: AgreementAllocation) -> Int {
        allocation.leaves.filter { $0.recipient == .skr }.compactMap { allocation.amounts[$0.id] }.reduce(0, +)
    }

    /// "Signed" with the dates, or "draft" when a signature's day is not filled in ("den x juni 2019").
    func statusText(_ agreement: Agreement) -> String {
        let s = context.strings
        func dayFilledIn(_ printed: String) -> Bool {
            printed.split(separator: " ").first { $0 != "den" }.map { Int($0) != nil } ?? false
        }
        if let blank = agreement.parties.first(where: { $0.date == nil && !dayFilledIn($0.datePrinted ?? "") }) {
            return s.text(.agreementDraft, ["printed": blank.datePrinted ?? "–"])
        }
        var dates: [String] = []
        for party in agreement.parties.sorted(by: { ($0.date ?? "") < ($1.date ?? "") }) {
            let date = party.date.map(SwedishFormat.date) ?? party.datePrinted ?? ""
            if !dates.contains(date) { dates.append(date) }
        }
        let withoutYear = agreement.parties.contains { $0.date == nil }
        return s.text(withoutYear ? .agreementSignedNoYear : .agreementSigned, ["dates": Self.list(dates)])
    }

    /// Swedish list: "a, b och c".
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " och " + items.last!
    }

    /// Areas that must be compared together because one agreement funds them in one pot without stating each part.
    func comparisonUnits(_ agreements: [Agreement]) -> [[String]] {
        var unit: [String: Int] = [:]
        var units: [[String]] = []
        let present = context.content.areas.areas.map(\.id).filter { id in
            agreements.contains { a in a.pots.contains { $0.area == id } || context.content.areas.inclusion(of: id, in: a.id) != nil }
        }
        for id in present { unit[id] = units.count; units.append([id]) }
        for a in agreements {
            for inclusion in context.content.areas.inclusions where inclusion.agreement == a.id && inclusion.amount == nil {
                guard let host = a.pot(inclusion.pot).flatMap({ area(of: $0, a) }), let from = unit[inclusion.area], let to = unit[host], from != to else { continue }
                units[to] += units[from]
                for id in units[from] { unit[id] = to }
                units[from] = []
            }
        }
        return units.filter { !$0.isEmpty }.map { ids in present.filter { ids.contains($0) } }
    }

    /// A region's money in `unit` from an agreement: leaf pots paid to it directly (not via SKR).
    func unitTotal(_ unit: [String], _ allocation: AgreementAllocation, _ region: String) -> Int {
        allocation.leaves.filter { !$0.viaSKR && area(of: $0, allocation.agreement).map(unit.contains) == true }
            .compactMap { allocation.amount(of: $0.id, to: .region(region)) }.reduce(0, +)
    }

    /// Whether a unit has money to the regions, computed per region, in the agreement.
    func unitHasRegionMoney(_ unit: [String], _ allocation: AgreementAllocation) -> Bool {
        allocation.leaves.contains { pot in
            !pot.viaSKR && area(of: pot, allocation.agreement).map(unit.contains) == true
                && context.regions.contains { allocation.amount(of: pot.id, to: .region($0.id)) != nil }
        }
    }

    func compare() -> PageSpec {
        let path = SiteURL.compare
        let s = context.strings
        let allocations = context.allocations
        let catalogue = context.content.areas
        let totals = allocations.map(areaTotals)
        let areas = catalogue.areas.map(\.id).filter { id in
            totals.contains { $0[id] != nil } || catalogue.inclusions.contains { $0.area == id }
        }
        let areaTable = DataTable(
            id: "omraden", caption: s.text(.compareAreasCaption),
            note: s.text(.compareAreasNote),
            columns: [(s.text(.columnArea), false)] + allocations.map { ("\($0.agreement.title)", true) },
            rows: areas.map { area in
                .init(id: "omrade-\(area)", cells: [.text(areaName(area), header: true)] + zip(allocations, totals).map { allocation, total in
                    if let inclusion = catalogue.inclusion(of: area, in: allocation.agreement.id) {
                        let host = allocation.agreement.pot(inclusion.pot)?.title ?? inclusion.pot
                        return .text(inclusion.amount.map { s.text(.compareIncludedAmount, ["pot": host, "amount": SwedishFormat.kronor($0), "section": inclusion.section]) }
                                     ?? s.text(.compareIncludedNotStated, ["pot": host, "section": inclusion.section]))
                    }
                    return .kronor(total[area])
                })
            } + [.init(id: "omrade-skr", cells: [.text(s.text(.compareSKRRow), header: true)] + allocations.map { .kronor(skrTotal($0)) })],
            footer: [.init(id: "omrade-totalt", cells: [.text(s.text(.total), header: true)] + allocations.map { .kronor($0.amounts[rootPot($0).id]) })],
            source: severalSources(allocations.map(\.agreement), from: path))
        // Areas that moved between series from one year to the next.
        var notes: [ItemVM] = []
        for area in areas {
            let holders = allocations.filter { areaTotals($0)[area] != nil }
            for (earlier, later) in zip(holders, holders.dropFirst()) where earlier.agreement.series != later.agreement.series && later.agreement.year > earlier.agreement.year {
                notes.append(ItemVM(id: "flyttat-\(area)-\(later.agreement.year)",
                                    text: s.text(.compareMoved, ["area": areaName(area), "earlierYear": String(earlier.agreement.year), "earlier": earlier.agreement.title,
                                                                 "laterYear": String(later.agreement.year), "later": later.agreement.title]),
                                    detail: nil))
            }
        }
        let statuses = allocations.map { ItemVM(id: "status-\($0.agreement.id)", text: $0.agreement.title, detail: statusText($0.agreement)) }
        let uncovered = catalogue.uncovered.enumerated().map { i, u in
            ItemVM(id: "ingar-inte-\(i + 1)", text: "\(u.years): \(u.text)", detail: s.text(.compareSource, ["source": u.source]))
        }
        // Each region's change between the two latest agreements of one series with a per-region split,
        // over the areas both fund with money to the regions, stated separately in both.
        let split = allocations.filter { context.hasRegionSplit($0) }
        var change: DataTable?
        var intro = s.text(.compareNoPair)
        var scope = ""
        if let later = split.last, let earlier = split.dropLast().last(where: { $0.agreement.series == later.agreement.series }) {
            let ea = earlier.agreement, la = later.agreement
            let units = comparisonUnits([ea, la])
            let common = units.filter { unitHasRegionMoney($0, earlier) && unitHasRegionMoney($0, later) }
            let left = units.filter { unit in !common.contains(unit) }.flatMap { $0 }
                .filter { id in [earlier, later].contains { areaTotals($0)[id] != nil } }
            let unitNames = common.map { unit -> String in
                guard unit.count > 1 else { return areaName(unit[0]).lowercasedFirst }
                let inclusion = catalogue.inclusions.first { unit.contains($0.area) && ($0.agreement == la.id || $0.agreement == ea.id) }
                return s.text(.compareTogether, ["areas": unit.map { areaName($0).lowercasedFirst }.joined(separator: " med "),
                                                 "year": inclusion.flatMap { i in [ea, la].first { $0.id == i.agreement } }.map { String($0.year) } ?? "",
                                                 "section": inclusion?.section ?? ""])
            }
            scope = s.text(.compareScope, ["areas": Self.list(unitNames), "earlier": String(ea.year), "later": String(la.year),
                                           "left": left.isEmpty ? s.text(.compareNothingLeft) : Self.list(left.map { areaName($0).lowercasedFirst }).capitalizedFirst])
            intro = s.text(.compareIntro, ["earlier": ea.title, "later": la.title])
            change = DataTable(
                id: "forandring-per-region", caption: s.text(.compareChangeCaption, ["earlier": String(ea.year), "later": String(la.year)]),
                note: scope,
                columns: [(s.text(.columnRegion), false), ("\(ea.year)", true), ("\(la.year)", true), (s.text(.columnChange), true),
                          (s.text(.columnPerInhabitantYear, ["year": String(ea.year)]), true), (s.text(.columnPerInhabitantYear, ["year": String(la.year)]), true),
                          (s.text(.columnChangePercent), true)],
                rows: context.regions.map { region in
                    let before = common.map { unitTotal($0, earlier, region.id) }.reduce(0, +)
                    let after = common.map { unitTotal($0, later, region.id) }.reduce(0, +)
                    // The scope is the same in both years by construction, so a percentage is meaningful.
                    let percent = before == 0 ? nil : Fraction.ratio(after - before, before)
                    return .init(id: "forandring-\(region.id)", cells: [
                        .text(region.name, href: SiteURL.relative(from: path, to: SiteURL.region(region.id)), header: true),
                        .kronor(before), .kronor(after), .signedKronor(after - before),
                        .perInhabitant(context.perInhabitant(before, ea, region.id)), .perInhabitant(context.perInhabitant(after, la, region.id)),
                        .percent(percent, signed: true),
                    ])
                },
                source: severalSources([ea, la], from: path))
        }
        let model = ComparePage(
            meta: meta(path, title: context.strings.text(.compareTitle), description: context.strings.text(.compareDescription),
                       crumbs: [(path, context.strings.text(.navCompare))]),
            areas: areaTable.viewModel(), areaNotes: notes, change: change?.viewModel(), changeIntro: intro,
            scope: scope, hasScope: !scope.isEmpty, statuses: statuses, uncovered: uncovered, hasUncovered: !uncovered.isEmpty)
        return PageSpec(path: path, template: "compare", model: model, tables: [areaTable] + (change.map { [$0] } ?? []))
    }

    func about() -> PageSpec {
        let path = SiteURL.about
        let sources = context.allocations.map { ItemVM(id: "kalla-\($0.agreement.id)", text: $0.agreement.source.title, detail: $0.agreement.title) }
        let notes = context.site.roundingNotes.count
        let cells = context.site.reconciliations.values.flatMap { $0 }.map(\.cellsCompared).reduce(0, +)
        let model = TextPage(meta: meta(path, title: context.strings.text(.aboutTitle), description: context.strings.text(.aboutDescription),
                                        crumbs: [(path, context.strings.text(.navAbout))], footer: .none),
                             heading: context.strings.text(.aboutTitle), commentary: context.commentary(site: true),
                             sources: sources,
                             roundingNotes: context.strings.text(.aboutRoundingNotes, ["cells": String(cells), "notes": String(notes)]))
        return PageSpec(path: path, template: "about", model: model, tables: [])
    }

    func accessibility() -> PageSpec {
        let path = SiteURL.accessibility
        let model = TextPage(meta: meta(path, title: "Tillgänglighetsredogörelse", description: "Hur webbplatsen uppfyller lagen om tillgänglighet till digital offentlig service.",
                                        crumbs: [(path, "Tillgänglighet")], footer: .none),
                             heading: "Tillgänglighetsredogörelse", commentary: [], sources: [], roundingNotes: "")
        return PageSpec(path: path, template: "accessibility", model: model, tables: [])
    }

    func glossary() -> PageSpec {
        let path = SiteURL.glossary
        let model = TextPage(meta: meta(path, title: context.strings.text(.glossaryTitle), description: context.strings.text(.glossaryDescription),
                                        crumbs: [(path, context.strings.text(.glossaryCrumb))], footer: .none),
                             heading: context.strings.text(.glossaryTitle), commentary: [], sources: [], roundingNotes: "")
        return PageSpec(path: path, template: "glossary", model: model, tables: [])
    }

    /// The search page: Pagefind's index of the built site, searched in the browser; without
    /// JavaScript it points to the lists instead.
    func search() -> PageSpec {
        let path = SiteURL.search
        let model = TextPage(meta: meta(path, title: context.strings.text(.searchTitle), description: context.strings.text(.searchDescription),
                                        crumbs: [(path, context.strings.text(.searchTitle))], footer: .none),
                             heading: context.strings.text(.searchTitle), commentary: [], sources: [], roundingNotes: "")
        return PageSpec(path: path, template: "search", model: model, tables: [])
    }

    func notFound() -> PageSpec {
        let path = "/404.html"
        var m = meta(path, title: context.strings.text(.notFoundTitle), description: context.strings.text(.notFoundDescription), footer: .none)
        // The 404 page is served at any depth, so its links are absolute from the site root.
        m.root = "/"
        m.nav = m.nav.map { NavItem(href: "/" + $0.href.replacingOccurrences(of: "./", with: ""), text: $0.text, current: false) }
        m.taglineSegments = m.taglineSegments.map { segment in
            var absolute = segment
            if segment.isAbbr { absolute.href = "/" + segment.href.replacingOccurrences(of: "./", with: "") }
            return absolute
        }
        let model = TextPage(meta: m, heading: context.strings.text(.notFoundTitle), commentary: [], sources: [], roundingNotes: "")
        return PageSpec(path: path, template: "404", model: model, tables: [], inSitemap: false)
    }
}

import Foundation

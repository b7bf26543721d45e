extension PageBuilder {
    static let areaNames = [
        "nara-vard": "Nära vård och primärvård", "ambulans": "Ambulanssjukvård", "vardens-medarbetare": "Vårdens medarbetare",
        "vidareutbildning": "Vidareutbildning för sjuksköterskor", "karriartjanster": "Karriärtjänster", "vfu": "VFU-satsning",
        "vision-e-halsa": "Vision e-hälsa", "skr-stod": "SKR:s stöd", "sallsynta": "Sällsynta hälsotillstånd",
        "kvalitetsregister": "Nationella kvalitetsregister", "antibiotika": "Antibiotikaanvändning",
        "lakemedelsinformation": "Strukturerad läkemedelsinformation", "vardforlopp": "Personcentrerade vårdförlopp",
    ]

    func areaName(_ id: String) -> String { Self.areaNames[id] ?? id }

    /// Leaf pots per area, summed: each krona counted once.
    func areaTotals(_ allocation: AgreementAllocation) -> [String: Int] {
        var totals: [String: Int] = [:]
        for pot in allocation.leaves {
            guard let area = pot.area ?? ancestorArea(pot, allocation.agreement) else { continue }
            totals[area, default: 0] += allocation.amounts[pot.id] ?? 0
        }
        return totals
    }

    func ancestorArea(_ pot: Pot, _ agreement: Agreement) -> String? {
        var current = pot.parent.flatMap(agreement.pot)
        while let p = current {
            if let area = p.area { return area }
            current = p.parent.flatMap(agreement.pot)
        }
        return nil
    }

    func compare() -> PageSpec {
        let path = SiteURL.compare
        let allocations = context.allocations
        let totals = allocations.map(areaTotals)
        var areas: [String] = []
        for t in totals { for key in t.keys.sorted() where !areas.contains(key) { areas.append(key) } }
        areas.sort { areaName($0) < areaName($1) }
        let areaTable = DataTable(
            id: "omraden", caption: "Belopp per område och överenskommelse",
            note: "Varje krona räknas en gång, i den minsta pott den tillhör. – betyder att området inte ingår.",
            columns: [("Område", false)] + allocations.map { ("\($0.agreement.title)", true) },
            rows: areas.map { area in
                .init(id: "omrade-\(area)", cells: [.text(areaName(area), header: true)] + totals.map { .kronor($0[area]) })
            },
            footer: [.init(id: "omrade-totalt", cells: [.text("Totalt", header: true)] + allocations.map { .kronor($0.amounts[rootPot($0).id]) })])
        // Areas that moved between series from one year to the next.
        var notes: [ItemVM] = []
        for area in areas {
            let holders = allocations.filter { areaTotals($0)[area] != nil }
            for (earlier, later) in zip(holders, holders.dropFirst()) where earlier.agreement.series != later.agreement.series && later.agreement.year > earlier.agreement.year {
                notes.append(ItemVM(id: "flyttat-\(area)-\(later.agreement.year)",
                                    text: "\(areaName(area)) ingick \(earlier.agreement.year) i \(earlier.agreement.title) och \(later.agreement.year) i \(later.agreement.title).",
                                    detail: nil))
            }
        }
        // Each region's change between the two latest agreements of one series with a per-region split.
        let split = allocations.filter { context.hasRegionSplit($0) }
        var change: DataTable?
        var intro = "Det finns inte två överenskommelser i samma serie med beräknad fördelning per region."
        if let later = split.last, let earlier = split.dropLast().last(where: { $0.agreement.series == later.agreement.series }) {
            let ea = earlier.agreement, la = later.agreement
            intro = "Förändringen för varje region mellan \(ea.title) och \(la.title): medel direkt till regionen, i kronor, per invånare och i procent."
            change = DataTable(
                id: "forandring-per-region", caption: "Förändring per region, \(ea.year)–\(la.year)",
                columns: [("Region", false), ("\(ea.year)", true), ("\(la.year)", true), ("Förändring", true),
                          ("Per invånare \(ea.year)", true), ("Per invånare \(la.year)", true), ("Förändring i procent", true)],
                rows: context.regions.map { region in
                    let before = context.regionTotal(earlier, region.id), after = context.regionTotal(later, region.id)
                    let percent = before == 0 ? nil : Fraction.ratio(after - before, before)
                    return .init(id: "forandring-\(region.id)", cells: [
                        .text(region.name, href: SiteURL.relative(from: path, to: SiteURL.region(region.id)), header: true),
                        .kronor(before), .kronor(after), .signedKronor(after - before),
                        .perInhabitant(context.perInhabitant(before, ea, region.id)), .perInhabitant(context.perInhabitant(after, la, region.id)),
                        .percent(percent, signed: true),
                    ])
                })
        }
        let model = ComparePage(
            meta: meta(path, title: "Jämför år", description: "Belopp per område och förändring per region mellan överenskommelserna.",
                       crumbs: [(path, "Jämför år")]),
            areas: areaTable.viewModel(), areaNotes: notes, change: change?.viewModel(), changeIntro: intro)
        return PageSpec(path: path, template: "compare", model: model, tables: [areaTable] + (change.map { [$0] } ?? []))
    }

    func about() -> PageSpec {
        let path = SiteURL.about
        let sources = context.allocations.map { ItemVM(id: "kalla-\($0.agreement.id)", text: $0.agreement.source.title, detail: $0.agreement.title) }
        let notes = context.site.roundingNotes.count
        let cells = context.site.reconciliations.values.flatMap { $0 }.map(\.cellsCompared).reduce(0, +)
        let model = TextPage(meta: meta(path, title: "Om webbplatsen och metoden", description: "Hur beloppen beräknas, avrundas och stäms av.",
                                        crumbs: [(path, "Om")]),
                             heading: "Om webbplatsen och metoden", commentary: context.commentary(site: true).filter { $0.id.contains("om") },
                             sources: sources,
                             roundingNotes: "\(cells) publicerade celler har jämförts med beräkningen; \(notes) skiljer sig med 1 krona och ingen med mer.")
        return PageSpec(path: path, template: "about", model: model, tables: [])
    }

    func accessibility() -> PageSpec {
        let path = SiteURL.accessibility
        let model = TextPage(meta: meta(path, title: "Tillgänglighetsredogörelse", description: "Hur webbplatsen uppfyller lagen om tillgänglighet till digital offentlig service.",
                                        crumbs: [(path, "Tillgänglighet")]),
                             heading: "Tillgänglighetsredogörelse", commentary: [], sources: [], roundingNotes: "")
        return PageSpec(path: path, template: "accessibility", model: model, tables: [])
    }

    func notFound() -> PageSpec {
        let path = "/404.html"
        var m = meta(path, title: "Sidan finns inte", description: "Sidan du sökte finns inte.")
        // The 404 page is served at any depth, so its links are absolute from the site root.
        m.root = "/"
        m.nav = m.nav.map { NavItem(href: "/" + $0.href.replacingOccurrences(of: "./", with: ""), text: $0.text, current: false) }
        let model = TextPage(meta: m, heading: "Sidan finns inte", commentary: [], sources: [], roundingNotes: "")
        return PageSpec(path: path, template: "404", model: model, tables: [], inSitemap: false)
    }
}

import Foundation

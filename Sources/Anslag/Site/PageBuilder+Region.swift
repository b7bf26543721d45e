extension PageBuilder {
    func region(_ region: Region) -> PageSpec {
        let path = SiteURL.region(region.id)
        let rows: [DataTable.Row] = context.allocations.map { allocation in
            let a = allocation.agreement
            let split = context.hasRegionSplit(allocation)
            let total = context.regionTotal(allocation, region.id)
            let county = allocation.total(for: .county(region.id))
            let rank = split && context.population(a) != nil ? rankOf(total, region.id, pots: context.topPots(allocation, kind: .regions), allocation) : nil
            return .init(id: "overenskommelse-\(a.id)", cells: [
                .text(a.title, href: SiteURL.relative(from: path, to: SiteURL.regionYear(region.id, a.year)), header: true),
                DataTable.Cell(display: String(a.year), raw: String(a.year), numeric: true),
                split ? .kronor(total) : .text(context.strings.text(.regionNotComputable)),
                .perInhabitant(split ? context.perInhabitant(total, a, region.id) : nil),
                rank.map { DataTable.Cell(display: context.strings.text(.rankOf, ["rank": String($0), "count": String(context.regions.count)]), raw: "\($0)", numeric: true) } ?? .text("–"),
                .kronor(county == 0 ? nil : county),
            ])
        }
        let overview = DataTable(
            id: "per-overenskommelse", caption: context.strings.text(.regionOverviewCaption, ["region": region.name]),
            note: context.strings.text(.regionOverviewNote),
            columns: [(context.strings.text(.columnAgreement), false), (context.strings.text(.columnYear), true), (context.strings.text(.columnToRegion), true), (context.strings.text(.columnPerInhabitant), true),
                      (context.strings.text(.columnRankPerInhabitant), true), (context.strings.text(.columnToCounty), true)],
            rows: rows, source: severalSources(context.agreements, from: path))
        let chart = Charts.regionSeries(region, context: context, tableID: overview.id)
        let years = context.agreementsByYear.keys.sorted().map {
            Link(href: SiteURL.relative(from: path, to: SiteURL.regionYear(region.id, $0)), text: String($0))
        }
        let group = context.content.regions.samverkansregioner.first { $0.id == region.samverkansregion }?.name ?? region.samverkansregion
        // Allocations are in year order: the last one with a per-region split is the latest figure.
        let latest = context.allocations.last { context.hasRegionSplit($0) }.map { allocation in
            LatestAmountVM(amount: AmountVM(context.regionTotal(allocation, region.id)), agreement: allocation.agreement.title,
                           href: SiteURL.relative(from: path, to: SiteURL.regionYear(region.id, allocation.agreement.year)))
        }
        let model = RegionPage(
            meta: meta(path, title: region.name, description: context.strings.text(.regionDescription, ["region": region.name]),
                       crumbs: [(SiteURL.regions, context.strings.text(.navRegions)), (path, region.name)]),
            name: region.name, county: region.county, samverkansregion: group, overview: overview.viewModel(), latest: latest, chart: chart,
            years: years,
            checklists: context.allocations.reversed().map {
                Link(href: SiteURL.relative(from: path, to: SiteURL.regionChecklist(region.id, $0.agreement.id)), text: $0.agreement.title)
            },
            commentary: context.commentary(region: region.id))
        return PageSpec(path: path, template: "region", model: model, tables: [overview])
    }

    func regionYear(_ region: Region, _ year: Int) -> PageSpec {
        let path = SiteURL.regionYear(region.id, year)
        var tables: [DataTable] = []
        let sections = (context.allocationsByYear[year] ?? []).map { allocation -> RegionAgreementSection in
            let a = allocation.agreement
            let me = Recipient.region(region.id), county = Recipient.county(region.id)
            var rows: [DataTable.Row] = []
            var derivations: [DerivationVM] = []
            // The pots with an amount for the region or its county, by id (each amount looked up once).
            // A few dozen at most: a list is searched faster than a set is hashed.
            var shown: [String] = []
            let pots = context.preOrder(a)
            // By index: most pots are not the region's, and a pot is copied only when it is.
            for index in pots.indices {
                let toMe = allocation.amount(of: pots[index].id, to: me)
                guard let amount = toMe ?? allocation.amount(of: pots[index].id, to: county) else { continue }
                let pot = pots[index]
                shown.append(pot.id)
                let parentCounted = pot.parent.map { shown.contains($0) } ?? false
                let label = parentCounted ? context.strings.text(.partOf, ["pot": pot.title.lowercasedFirst]) : pot.title
                let toRegion = toMe != nil
                let receiver = context.strings.text(toRegion ? (pot.viaSKR ? .receiverRegionViaSKR : .receiverRegion) : .receiverCounty)
                var amountCell = DataTable.Cell.kronor(amount)
                if let derivation = derivationVM(pot, for: toRegion ? me : county, name: toRegion ? region.name : context.strings.text(.countyMunicipalities, ["county": region.county]),
                                                 place: region.county, allocation: allocation) {
                    derivations.append(derivation)
                    amountCell.href = "#" + derivation.id
                }
                rows.append(.init(id: "\(a.id)-\(pot.id)", cells: [
                    .text(label, header: true, level: parentCounted ? 1 : 0), amountCell, .text(receiver),
                    .text(context.keyText(of: pot, in: a) ?? context.strings.text(a.hasChildren(pot.id) ? .derivationSumOfParts : .splitWhole)),
                ]))
            }
            let table = DataTable(id: "medel-\(a.id)", caption: context.strings.text(.regionYearCaption, ["region": region.name, "agreement": a.title]),
                                  columns: [(context.strings.text(.columnPart), false), (context.strings.text(.columnAmount), true), (context.strings.text(.columnRecipient), false), (context.strings.text(.columnKey), false)],
                                  rows: rows, source: computedSource(a, pots: a.pots.filter { shown.contains($0.id) }, from: path))
            // A table with a header only says nothing and offers nothing to download: say why instead.
            if !table.isEmpty { tables.append(table) }
            let split = context.hasRegionSplit(allocation)
            let total = context.regionTotal(allocation, region.id)
            let perInhabitant = split ? context.perInhabitant(total, a, region.id) : nil
            let rank = split && perInhabitant != nil ? rankOf(total, region.id, pots: context.topPots(allocation, kind: .regions), allocation) : nil
            let reconciled = a.published.filter { table in
                table.columns.contains { if case .pots = $0.meaning { true } else { false } }
            }.map { ItemVM(id: "avstamd-\(a.id)-\($0.id)", text: $0.title, detail: nil) }
            let missing = a.pots.compactMap { pot -> ItemVM? in
                guard pot.recipient == .regions || pot.recipient == .municipalities || pot.recipient == .regionsAndMunicipalities else { return nil }
                switch allocation.pots[pot.id] {
                case .notComputable(let reason)?: return ItemVM(id: "saknas-\(a.id)-\(pot.id)", text: context.strings.text(.regionPotNotComputable, ["pot": pot.title]), detail: reason)
                case .notDistributed(let reason)?: return ItemVM(id: "saknas-\(a.id)-\(pot.id)", text: context.strings.text(.regionPotNotDistributed, ["pot": pot.title]), detail: reason)
                default: return nil
                }
            }
            let countyTotal = allocation.total(for: county)
            return RegionAgreementSection(
                id: a.id, title: a.title, href: SiteURL.relative(from: path, to: SiteURL.agreement(a.id)),
                checklistHref: SiteURL.relative(from: path, to: SiteURL.regionChecklist(region.id, a.id)),
                total: split ? AmountVM(total) : nil,
                totalUnknown: split ? nil : context.strings.text(.regionYearNotComputable),
                perInhabitant: perInhabitant.map(SwedishFormat.perInhabitant) ?? "–",
                rank: rank.map { context.strings.text(.rankOf, ["rank": String($0), "count": String(context.regions.count)]) } ?? "–",
                countyTotal: countyTotal == 0 ? nil : AmountVM(countyTotal),
                pots: table.isEmpty ? nil : table.viewModel(),
                noTable: table.isEmpty ? context.strings.text(.regionYearNoTable, ["region": region.name, "agreement": a.title]) : nil,
                reconciledWith: reconciled, notComputed: missing, hasNotComputed: !missing.isEmpty,
                derivations: derivations, hasDerivations: !derivations.isEmpty)
        }
        let model = RegionYearPage(
            meta: meta(path, title: "\(region.name) \(year)", description: context.strings.text(.regionYearDescription, ["region": region.name, "year": String(year)]),
                       crumbs: [(SiteURL.regions, context.strings.text(.navRegions)), (SiteURL.region(region.id), region.name), (path, String(year))], footer: .year(year)),
            name: region.name, year: year, regionHref: SiteURL.relative(from: path, to: SiteURL.region(region.id)),
            sections: sections,
            commentary: context.commentary(region: region.id, year: year))
        return PageSpec(path: path, template: "region-year", model: model, tables: tables)
    }
}

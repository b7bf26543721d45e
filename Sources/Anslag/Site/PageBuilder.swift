/// A page to render: its path, template, view model and the tables to offer as downloads.
struct PageSpec: Sendable {
    var path: String
    var template: String
    var model: any PageModel
    var tables: [DataTable]
    /// Listed in the sitemap (not the 404 page).
    var inSitemap = true
}

/// Builds one page's view model and tables when called.
typealias PageRecipe = @Sendable () -> PageSpec

/// Builds every page's view model from the checked content. Pure: no I/O.
struct PageBuilder {
    let context: SiteContext

    /// What the footer may say a page's figures are: computed and reconciled only where they are.
    enum FooterScope {
        /// Pages across agreements: name which are reconciled and which have no per-region split.
        case site
        /// One agreement's figures.
        case agreement(AgreementAllocation)
        /// The agreements of one year.
        case year(Int)
        /// Pages without computed figures.
        case none
    }

    /// Whether an agreement has any pot split among several recipients.
    func computed(_ allocation: AgreementAllocation) -> Bool {
        allocation.pots.values.contains { ($0.shares?.count ?? 0) > 1 }
    }

    /// Whether a computed split was compared with a published table cell by cell.
    func reconciled(_ allocation: AgreementAllocation) -> Bool {
        (context.site.reconciliations[allocation.agreement.id] ?? []).contains { result in
            result.cellsCompared > 0 && result.table.columns.contains { if case .pots = $0.meaning { true } else { false } }
        }
    }

    /// The footer's note for `scope`: the same on every page of that scope, so made once each.
    func footerNote(_ scope: FooterScope) -> String {
        let key: String
        switch scope {
        case .site: key = "site"
        case .agreement(let allocation): key = "agreement:" + allocation.agreement.id
        case .year(let year): key = "year:\(year)"
        case .none: key = "none"
        }
        return context.siteTexts.value(for: "footer:" + key) { makeFooterNote(scope) }
    }

    private func makeFooterNote(_ scope: FooterScope) -> String {
        let s = context.strings
        let date = s.text(.footerDate, ["date": SwedishFormat.date(context.config.buildDate)])
        func one(_ allocation: AgreementAllocation) -> String {
            reconciled(allocation) ? s.text(.footerReconciled) : computed(allocation) ? s.text(.footerComputedNotReconciled) : s.text(.footerNoSplit)
        }
        switch scope {
        case .none: return date
        case .agreement(let allocation): return one(allocation) + " " + date
        case .year(let year):
            let here = context.allocationsByYear[year] ?? []
            if here.count == 1 { return one(here[0]) + " " + date }
            return s.text(.footerSite, ["reconciled": Self.list(here.filter(reconciled).map(\.agreement.title)),
                                        "unsplit": Self.list(here.filter { !reconciled($0) }.map(\.agreement.title))]) + " " + date
        case .site:
            let yes = context.allocations.filter(reconciled).map { String($0.agreement.year) }
            let no = context.allocations.filter { !reconciled($0) }.map { String($0.agreement.year) }
            if no.isEmpty { return s.text(.footerReconciledAll) + " " + date }
            return s.text(.footerSite, ["reconciled": Self.list(yes), "unsplit": Self.list(no)]) + " " + date
        }
    }

    /// The agreements whose data a page shows, by its footer's scope.
    func agreements(of scope: FooterScope) -> [Agreement] {
        switch scope {
        case .none: return []
        case .agreement(let allocation): return [allocation.agreement]
        case .year(let year): return context.agreementsByYear[year] ?? []
        case .site: return context.agreements
        }
    }

    /// The latest `updated` of `agreements`, or nil when there are none or one does not say.
    static func lastChanged(_ agreements: [Agreement]) -> String? {
        let dates = agreements.map(\.updated)
        guard !dates.isEmpty, !dates.contains(nil) else { return nil }
        return dates.compactMap { $0 }.max()
    }

    /// `dataOf`: the agreements whose data the page shows, when its footer scope says otherwise
    /// (a checklist shows one agreement's duties under the site-wide footer).
    func meta(_ path: String, title: String, description: String, crumbs: [(String, String)] = [], footer: FooterScope = .site,
              dataOf: [Agreement]? = nil) -> PageMeta {
        let config = context.config
        let updated = Self.lastChanged(dataOf ?? agreements(of: footer))
        let banner = draftNotice
        let sections: [(String, String)] = [(SiteURL.home, context.strings.text(.navHome)), (SiteURL.agreements, context.strings.text(.navAgreements)),
                                            (SiteURL.regions, context.strings.text(.navRegions)), (SiteURL.compare, context.strings.text(.navCompare)), (SiteURL.about, context.strings.text(.navAbout))]
        let nav = sections.map { href, text in
            NavItem(href: SiteURL.relative(from: path, to: href), text: text,
                    current: href == SiteURL.home ? path == href : path.hasPrefix(href))
        }
        let breadcrumbs = crumbs.isEmpty ? [] : ([(SiteURL.home, context.strings.text(.navHome))] + crumbs).map {
            Link(href: SiteURL.relative(from: path, to: $0.0), text: $0.1)
        }
        return PageMeta(path: path, title: title, description: description, siteTitle: config.title, tagline: config.tagline,
                        root: SiteURL.relative(from: path, to: "/"), canonical: config.baseURL + path, nav: nav,
                        breadcrumbs: breadcrumbs, hasBreadcrumbs: !breadcrumbs.isEmpty,
                        // One date rules the site: the as-of date deadlines are judged against is the date the footer names.
                        buildDate: context.siteTexts.value(for: "build-date") { SwedishFormat.date(config.asOf) }, taglineSegments: segments(config.tagline, path: path),
                        footerNote: footerNote(footer), draftNotice: banner, hasDraftNotice: !banner.isEmpty,
                        updated: updated.map(SwedishFormat.date) ?? "", updatedISO: updated ?? "", hasUpdated: updated != nil,
                        publisher: config.publisher ?? "", hasPublisher: config.publisher != nil,
                        contact: config.contact ?? "", contactHref: config.contactHref ?? "", hasContact: config.contact != nil)
    }

    /// The banner for a site that shows drafts, naming them; empty when it shows none.
    var draftNotice: String {
        context.siteTexts.value(for: "draft-notice") { makeDraftNotice() }
    }

    private func makeDraftNotice() -> String {
        let titles = context.agreements.filter(\.isDraft).map(\.title)
        return titles.isEmpty ? "" : context.strings.text(.draftBanner, ["titles": Self.list(titles)])
    }

    func allPages() -> [PageSpec] { pageRecipes().map { $0() } }

    /// Every page, in site order, as a recipe that builds it: pages are built, rendered and
    /// written a batch at a time, so the site's view models are never all in memory at once.
    func pageRecipes() -> [PageRecipe] {
        var pages: [PageRecipe] = [home, agreementsIndex, regionsIndex, compare, about, accessibility, glossary, search, notFound]
        pages += context.allocations.map { allocation in { agreement(allocation) } }
        pages += checklistPages()
        for region in context.regions {
            pages.append { self.region(region) }
            for year in context.agreementsByYear.keys.sorted() {
                pages.append { regionYear(region, year) }
            }
        }
        return pages
    }

    // MARK: - Home and lists

    func home() -> PageSpec {
        let latest = context.allocations.last!
        let agreements = agreementsTable(id: "overenskommelser", from: SiteURL.home)
        let regions = regionsTable(id: "regioner", from: SiteURL.home, latest: latest)
        let model = HomePage(
            meta: meta(SiteURL.home, title: context.strings.text(.homeTitle), description: context.config.tagline),
            latestTitle: latest.agreement.title, latestHref: SiteURL.relative(from: SiteURL.home, to: SiteURL.agreement(latest.agreement.id)),
            latestSummary: latest.agreement.summary, latestTotal: AmountVM(context.amount(of: rootPot(latest).id, in: latest)),
            agreements: agreements.viewModel(), regions: regions.viewModel(), commentary: context.commentary(site: true))
        return PageSpec(path: SiteURL.home, template: "home", model: model, tables: [agreements, regions])
    }

    func rootPot(_ allocation: AgreementAllocation) -> Pot { allocation.agreement.pots.first { $0.parent == nil }! }

    func agreementsTable(id: String, from path: String) -> DataTable {
        DataTable(id: id, caption: context.strings.text(.agreementsCaption),
                  columns: [(context.strings.text(.columnAgreement), false), (context.strings.text(.columnYear), true), (context.strings.text(.columnTotalAmount), true), (context.strings.text(.columnSplitPerRegion), false)],
                  rows: context.allocations.reversed().map { allocation in
                      let a = allocation.agreement
                      return .init(id: a.id, cells: [
                          .text(a.title, href: SiteURL.relative(from: path, to: SiteURL.agreement(a.id)), header: true),
                          .count(a.year).with(display: String(a.year)),
                          .kronor(allocation.amounts[rootPot(allocation).id]),
                          .text(context.strings.text(context.hasRegionSplit(allocation) ? .splitComputed : .splitNotComputable)),
                      ])
                  },
                  source: severalSources(context.agreements, from: path))
    }

    func regionsTable(id: String, from path: String, latest: AgreementAllocation) -> DataTable {
        let computed = context.hasRegionSplit(latest)
        return DataTable(
            id: id, caption: context.strings.text(.regionsCaption, ["agreement": latest.agreement.title]),
            columns: [(context.strings.text(.columnRegion), false), (context.strings.text(.columnCounty), false), (context.strings.text(.columnToRegion), true), (context.strings.text(.columnPerInhabitant), true), (context.strings.text(.columnToCounty), true)],
            rows: context.regions.map { region in
                .init(id: region.id, cells: [
                    .text(region.name, href: SiteURL.relative(from: path, to: SiteURL.region(region.id)), header: true),
                    .text(region.county),
                    .kronor(computed ? context.regionTotal(latest, region.id) : nil),
                    .perInhabitant(computed ? context.perInhabitant(context.regionTotal(latest, region.id), latest.agreement, region.id) : nil),
                    .kronor(latest.total(for: .county(region.id)) == 0 ? nil : latest.total(for: .county(region.id))),
                ])
            },
            source: computed ? computedSource(latest.agreement, pots: context.topPots(latest, kind: .regions) + context.topPots(latest, kind: .municipalities), from: path)
                : statedSource(latest.agreement, sections: latest.agreement.pots.map(\.section), from: path))
    }

    func agreementsIndex() -> PageSpec {
        let table = agreementsTable(id: "overenskommelser", from: SiteURL.agreements)
        let model = ListPage(meta: meta(SiteURL.agreements, title: context.strings.text(.agreementsTitle), description: context.strings.text(.agreementsDescription),
                                        crumbs: [(SiteURL.agreements, context.strings.text(.navAgreements))]),
                             heading: context.strings.text(.agreementsTitle),
                             intro: context.strings.text(.agreementsIntro),
                             table: table.viewModel())
        return PageSpec(path: SiteURL.agreements, template: "list", model: model, tables: [table])
    }

    func regionsIndex() -> PageSpec {
        let table = regionsTable(id: "regioner", from: SiteURL.regions, latest: context.allocations.last!)
        let model = ListPage(meta: meta(SiteURL.regions, title: context.strings.text(.regionsTitle), description: context.strings.text(.regionsDescription),
                                        crumbs: [(SiteURL.regions, context.strings.text(.navRegions))]),
                             heading: context.strings.text(.regionsTitle), intro: context.strings.text(.regionsIntro),
                             table: table.viewModel())
        return PageSpec(path: SiteURL.regions, template: "list", model: model, tables: [table])
    }
}

extension DataTable.Cell {
    func with(display: String) -> DataTable.Cell {
        var copy = self
        copy.display = display
        return copy
    }
}

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

    func meta(_ path: String, title: String, description: String, crumbs: [(String, String)] = []) -> PageMeta {
        let config = context.config
        let sections: [(String, String)] = [(SiteURL.home, "Start"), (SiteURL.agreements, "Överenskommelser"),
                                            (SiteURL.regions, "Regioner"), (SiteURL.compare, "Jämför år"), (SiteURL.about, "Om")]
        let nav = sections.map { href, text in
            NavItem(href: SiteURL.relative(from: path, to: href), text: text,
                    current: href == SiteURL.home ? path == href : path.hasPrefix(href))
        }
        let breadcrumbs = crumbs.isEmpty ? [] : ([(SiteURL.home, "Start")] + crumbs).map {
            Link(href: SiteURL.relative(from: path, to: $0.0), text: $0.1)
        }
        return PageMeta(path: path, title: title, description: description, siteTitle: config.title, tagline: config.tagline,
                        root: SiteURL.relative(from: path, to: "/"), canonical: config.baseURL + path, nav: nav,
                        breadcrumbs: breadcrumbs, hasBreadcrumbs: !breadcrumbs.isEmpty,
                        buildDate: SwedishFormat.date(config.buildDate))
    }

    func allPages() -> [PageSpec] { pageRecipes().map { $0() } }

    /// Every page, in site order, as a recipe that builds it: pages are built, rendered and
    /// written a batch at a time, so the site's view models are never all in memory at once.
    func pageRecipes() -> [PageRecipe] {
        var pages: [PageRecipe] = [home, agreementsIndex, regionsIndex, compare, about, accessibility, notFound]
        pages += context.allocations.map { allocation in { agreement(allocation) } }
        pages += checklistPages()
        for region in context.regions {
            pages.append { self.region(region) }
            for year in Set(context.allocations.map(\.agreement.year)).sorted() {
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
            meta: meta(SiteURL.home, title: context.config.title, description: context.config.tagline),
            latestTitle: latest.agreement.title, latestHref: SiteURL.relative(from: SiteURL.home, to: SiteURL.agreement(latest.agreement.id)),
            latestSummary: latest.agreement.summary, latestTotal: SwedishFormat.kronor(latest.amounts[rootPot(latest).id] ?? 0),
            agreements: agreements.viewModel(), regions: regions.viewModel(), commentary: context.commentary(site: true))
        return PageSpec(path: SiteURL.home, template: "home", model: model, tables: [agreements, regions])
    }

    func rootPot(_ allocation: AgreementAllocation) -> Pot { allocation.agreement.pots.first { $0.parent == nil }! }

    func agreementsTable(id: String, from path: String) -> DataTable {
        DataTable(id: id, caption: "Överenskommelser, nyaste först",
                  columns: [("Överenskommelse", false), ("År", true), ("Totalt belopp", true), ("Fördelning per region", false)],
                  rows: context.allocations.reversed().map { allocation in
                      let a = allocation.agreement
                      return .init(id: a.id, cells: [
                          .text(a.title, href: SiteURL.relative(from: path, to: SiteURL.agreement(a.id)), header: true),
                          .count(a.year).with(display: String(a.year)),
                          .kronor(allocation.amounts[rootPot(allocation).id]),
                          .text(context.hasRegionSplit(allocation) ? "Beräknad" : "Kan inte beräknas ur källan"),
                      ])
                  })
    }

    func regionsTable(id: String, from path: String, latest: AgreementAllocation) -> DataTable {
        let computed = context.hasRegionSplit(latest)
        return DataTable(
            id: id, caption: "Regionerna och \(latest.agreement.title)",
            columns: [("Region", false), ("Län", false), ("Till regionen", true), ("Kronor per invånare", true), ("Till länets kommuner via RSS", true)],
            rows: context.regions.map { region in
                .init(id: region.id, cells: [
                    .text(region.name, href: SiteURL.relative(from: path, to: SiteURL.region(region.id)), header: true),
                    .text(region.county),
                    .kronor(computed ? context.regionTotal(latest, region.id) : nil),
                    .perInhabitant(computed ? context.perInhabitant(context.regionTotal(latest, region.id), latest.agreement, region.id) : nil),
                    .kronor(latest.total(for: .county(region.id)) == 0 ? nil : latest.total(for: .county(region.id))),
                ])
            })
    }

    func agreementsIndex() -> PageSpec {
        let table = agreementsTable(id: "overenskommelser", from: SiteURL.agreements)
        let model = ListPage(meta: meta(SiteURL.agreements, title: "Överenskommelser", description: "Alla överenskommelser mellan staten och SKR på webbplatsen.",
                                        crumbs: [(SiteURL.agreements, "Överenskommelser")]),
                             heading: "Överenskommelser",
                             intro: "Varje överenskommelse med sina potter, fördelningsnycklar, tabeller och villkor.",
                             table: table.viewModel())
        return PageSpec(path: SiteURL.agreements, template: "list", model: model, tables: [table])
    }

    func regionsIndex() -> PageSpec {
        let table = regionsTable(id: "regioner", from: SiteURL.regions, latest: context.allocations.last!)
        let model = ListPage(meta: meta(SiteURL.regions, title: "Regioner", description: "De 21 regionerna och vad de får.",
                                        crumbs: [(SiteURL.regions, "Regioner")]),
                             heading: "Regioner", intro: "Välj en region för att se vad den och länets kommuner får i varje överenskommelse.",
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

import Foundation

/// Site settings from `Content/site.yaml`.
public struct SiteConfig: Sendable {
    public var title: String
    public var tagline: String
    /// Absolute URL of the published site, for the sitemap, feed and canonical links.
    public var baseURL: String
    /// The date the build is for (an input, never the clock).
    public var buildDate: String
    /// The date deadlines are judged against: `--as-of`, else `as_of` in site.yaml, else the build date.
    public var asOf: String
    /// Deadlines within this many days count as due soon.
    public var dueSoonDays: Int
    /// Who publishes the site (`publisher`), or nil when `site.yaml` names no one.
    public var publisher: String? = nil
    /// Where readers report problems (`contact`: an e-mail address or an https URL), or nil.
    public var contact: String? = nil
    /// Where `base_url` is written, for warnings about it.
    public var baseURLLocation = SourceLocation.file("site.yaml")

    /// The contact as a link target: `mailto:` for an e-mail address.
    public var contactHref: String? { contact.map { $0.contains("@") && !$0.hasPrefix("https://") ? "mailto:" + $0 : $0 } }

    /// Warnings for a build meant for publishing (not `serve`): an address reserved for examples
    /// in `base_url`, which then goes into every canonical link, the feed and the sitemap; and no
    /// publisher or contact, which the accessibility statement needs (lag 2018:1937).
    public func publishingWarnings() -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        let host = URL(string: baseURL)?.host?.lowercased() ?? ""
        let labels = host.split(separator: ".")
        let reservedTopLevel: Set<Substring> = ["example", "test", "invalid", "localhost"]
        if labels.contains("example") || labels.last.map(reservedTopLevel.contains) == true {
            warnings.append(Diagnostic(.warning, .placeholderBaseUrl, at: baseURLLocation,
                                       "base_url '\(baseURL)' is an example address: every canonical link, the feed and the sitemap will point there",
                                       notes: ["set base_url in site.yaml to the address the site is published at"]))
        }
        if publisher == nil || contact == nil {
            let missing = [publisher == nil ? "publisher" : nil, contact == nil ? "contact" : nil].compactMap { $0 }
            warnings.append(Diagnostic(.warning, .missingPublisher, at: .file("site.yaml"),
                                       "site.yaml names no \(missing.joined(separator: " and ")): the pages say the publisher is not stated and the accessibility statement gives no contact",
                                       notes: ["add 'publisher: Name of the organisation' and 'contact: e-mail address or https URL' to site.yaml"]))
        }
        return warnings
    }
}

/// Everything the page builders need: the checked content and derived figures.
struct SiteContext {
    let site: CheckedSite
    let content: Content
    let config: SiteConfig
    /// The fixed wording from `Templates/strings.yaml`.
    let strings: SiteStrings
    /// Problems found while building pages (a figure that cannot be computed); they fail the build.
    let problems = ProblemLog()
    /// Texts split into runs of plain text and abbreviations, once each (see `PageBuilder.segments`).
    let segmentCache = SiteMemo<[TextRun]>()
    /// Texts that are the same on every page that shows them (footer notes, the draft banner), made once each.
    let siteTexts = SiteMemo<String>()
    /// `topPots` per agreement and kind, and each region's kronor per inhabitant from an
    /// agreement's pots (for ranks), found once each.
    let topPotsMemo = SiteMemo<[Pot]>()
    let perInhabitantMemo = SiteMemo<[Fraction?]>()
    /// "Document, avsnitt …" for a document and its sections (`PageBuilder.place`), once each:
    /// each region's checklist and region-year page names the same few.
    let placeMemo = Memo<PlaceKey, String>()
    /// A document and its sections, as `placeMemo` tells them apart.
    struct PlaceKey: Hashable {
        let document: String
        let sections: [String?]
    }
    /// Each agreement's pots, parents before children (`Allocator.preOrder`), found once: every
    /// region-year page walks them for each agreement of its year.
    let preOrderMemo = SiteMemo<[Pot]>()
    /// Each pot's key in words (`keyText(of:in:)`), by agreement and pot.
    let keyTextMemo = SiteMemo<String>()
    /// Each input's sum over the regions, for the derivations on region-year pages.
    let derivationTotals = Derivations.Totals()

    /// `Allocator.preOrder(agreement)`, made once per agreement.
    func preOrder(_ agreement: Agreement) -> [Pot] {
        preOrderMemo.value(for: agreement.id) { Allocator.preOrder(agreement) }
    }

    /// Every agreement on the site, in site order, and those of each year: taken once, since
    /// every page asks (a search per page grew the build with the square of the agreements).
    let agreements: [Agreement]
    let agreementsByYear: [Int: [Agreement]]
    let allocationsByYear: [Int: [AgreementAllocation]]
    private let allocationIndex: [String: Int]

    init(site: CheckedSite, content: Content, config: SiteConfig, strings: SiteStrings) {
        self.site = site
        self.content = content
        self.config = config
        self.strings = strings
        agreements = site.allocations.map(\.agreement)
        agreementsByYear = Dictionary(grouping: agreements, by: \.year)
        allocationsByYear = Dictionary(grouping: site.allocations, by: \.agreement.year)
        // Ids are unique among loaded agreements; should one repeat, the first is the one found, as before.
        allocationIndex = Dictionary(site.allocations.enumerated().map { ($1.agreement.id, $0) }, uniquingKeysWith: { first, _ in first })
        var incoming: [String: [(year: Int, condition: String)]] = [:]
        for agreement in agreements {
            for condition in agreement.conditions {
                for link in condition.links { incoming[link.agreement, default: []].append((agreement.year, link.condition)) }
            }
        }
        incomingLinks = incoming
    }

    /// For each agreement id, the conditions of it that other agreements' conditions continue or
    /// replace, with the year of the agreement that links: gathered once, since each agreement's
    /// checklist asks about the one before it (a search per page grew with the square of the agreements).
    let incomingLinks: [String: [(year: Int, condition: String)]]

    var regions: [Region] { content.regions.regions }
    var allocations: [AgreementAllocation] { site.allocations }

    func allocation(_ id: String) -> AgreementAllocation? { allocationIndex[id].map { allocations[$0] } }

    func population(_ agreement: Agreement) -> InputTable? { agreement.population }

    /// Pots split among the regions whose parent is not itself split among the regions.
    func topPots(_ allocation: AgreementAllocation, kind: RecipientKind) -> [Pot] {
        // Asked for by many pages of each agreement; found once per agreement and kind.
        topPotsMemo.value(for: allocation.agreement.id + "|" + OpenData.recipientCode(kind)) { findTopPots(allocation, kind: kind) }
    }

    private func findTopPots(_ allocation: AgreementAllocation, kind: RecipientKind) -> [Pot] {
        allocation.agreement.pots.filter { pot in
            guard pot.recipient == kind, allocation.pots[pot.id]?.shares != nil else { return false }
            guard let parent = pot.parent.flatMap(allocation.agreement.pot) else { return true }
            return !(parent.recipient == kind && allocation.pots[parent.id]?.shares != nil)
        }
    }

    /// A region's money from an agreement paid to it directly (not via SKR), from split and named pots.
    func regionTotal(_ allocation: AgreementAllocation, _ region: String) -> Int {
        allocation.total(for: .region(region), includingViaSKR: false)
    }

    /// Whether any region money in the agreement is computed per region.
    func hasRegionSplit(_ allocation: AgreementAllocation) -> Bool {
        !topPots(allocation, kind: .regions).isEmpty
    }

    /// Kronor per inhabitant, exact; nil (shown as unknown) when the agreement has no population
    /// for the region or it is zero. A ratio of two whole numbers cannot overflow.
    func perInhabitant(_ amount: Int, _ agreement: Agreement, _ region: String) -> Fraction? {
        guard let people = population(agreement)?.value(for: region) else { return nil }
        return Fraction.ratio(amount, people)
    }

    /// Records a problem found while building a page; `SiteFiles.make` reports it as a diagnostic.
    func report(_ diagnostic: Diagnostic) { problems.append(diagnostic) }

    /// A pot's amount. The allocator sets one for every pot of an allocation that passed, and
    /// pages are built only for those; a missing one is reported as an internal error, which
    /// fails the build, so the 0 returned then is never shown or written.
    func amount(of pot: String, in allocation: AgreementAllocation) -> Int {
        if let amount = allocation.amounts[pot] { return amount }
        report(.error(.internal, at: allocation.agreement.location, "pot '\(pot)' of \(allocation.agreement.id) has no amount while its pages are built"))
        return 0
    }

    /// The commentary a page shows, as view models: the one way pages read commentary, so the
    /// preview can record which commentary each page read (`CommentaryReads`).
    func commentary(agreement: String? = nil, region: String? = nil, year: Int? = nil, site: Bool = false) -> [CommentaryVM] {
        let query = CommentaryQuery(agreement: agreement, region: region, year: year, site: site)
        CommentaryReads.current?.record(query)
        return commentaryItems(query).map { item in
            let name = item.file.split(separator: "/").last.map { String($0.dropLast(3)) } ?? "kommentar"
            return CommentaryVM(id: "kommentar-\(name)", title: item.title, html: Markdown.html(item.markdown),
                                source: item.source, date: item.date.map(SwedishFormat.date))
        }
    }

    /// The commentary items `query` selects, in content order.
    func commentaryItems(_ query: CommentaryQuery) -> [Commentary] {
        content.commentary.filter { item in
            if query.site { return item.file.hasPrefix("site/") }
            if let year = query.year, item.agreement.flatMap(allocation)?.agreement.year != year { return false }
            if let region = query.region, item.region != region { return false }
            if let agreement = query.agreement, item.agreement != agreement { return false }
            return query.region != nil || (item.region == nil && item.agreement == query.agreement)
        }
    }

    func recipientText(_ pot: Pot) -> String {
        let base: String
        switch pot.recipient {
        case .regions: base = strings.text(.recipientRegions)
        case .municipalities: base = strings.text(.recipientMunicipalities)
        case .skr: base = strings.text(.recipientSKR)
        case .region(let id): base = content.regions.region(id: id)?.name ?? id
        case .samverkansregioner: base = strings.text(.recipientGroups)
        case .regionsAndMunicipalities: base = strings.text(.recipientBoth)
        case .mixed: base = strings.text(.recipientMixed)
        }
        return pot.viaSKR ? strings.text(.viaSKR, ["recipient": base]) : base
    }

    /// `keyText` of `pot`'s key, made once per pot (every region's pages of a year name the same
    /// keys); nil when the pot has no key of its own.
    func keyText(of pot: Pot, in agreement: Agreement) -> String? {
        guard let key = pot.key else { return nil }
        return keyTextMemo.value(for: agreement.id + "\u{1F}" + pot.id) { keyText(key, agreement) }
    }

    /// The key in plain Swedish, with its inputs and their dates.
    func keyText(_ key: KeySpec, _ agreement: Agreement) -> String {
        func input(_ id: String) -> String {
            guard let table = agreement.input(id) else { return id }
            let what: String
            switch table.kind {
            case .population: what = strings.text(.keyPopulation)
            case .careRecipients: what = strings.text(.keyCareRecipients)
            case .amounts: what = strings.text(.keyAmounts)
            case .ruralPopulation: what = strings.text(.keyRural)
            }
            let date = table.date.map { " (\(SwedishFormat.date($0)))" } ?? ""
            // The reason is a sentence of its own; the caller's full stop must not double it.
            let missing = table.unavailable.map { strings.text(.keyMissing, ["reason": $0.trimmingCharacters(in: CharacterSet(charactersIn: ". "))]) } ?? ""
            return what + date + missing
        }
        switch key {
        case .proportional(let id): return strings.text(.keyProportional, ["input": input(id)])
        case .basePlusProportional(let base, let id):
            return strings.text(.keyBasePlus, ["base": SwedishFormat.kronor(base), "input": input(id)])
        case .blend(let parts):
            return parts.map { part in
                let weight = part.weight == Fraction.ratio(1, 2) ? strings.text(.keyHalf) : strings.text(.keyWeight, ["weight": "\(part.weight)"])
                return "\(weight) " + keyText(part.key, agreement).prefix(1).lowercased() + keyText(part.key, agreement).dropFirst()
            }.joined(separator: " ")
        case .equal: return strings.text(.keyEqual)
        case .given(let id): return strings.text(.keyGiven, ["input": input(id)])
        case .ruralWeighted(let id, let w):
            return strings.text(.keyRuralWeighted, ["input": input(id), "urbanNear": String(w.urbanNear), "sparse": String(w.sparse), "verySparse": String(w.verySparse)])
        case .notDistributed(let reason): return strings.text(.keyNotDistributed, ["reason": reason])
        }
    }
}

/// Diagnostics collected while page models are built, which have no other way to fail.
final class ProblemLog: @unchecked Sendable {
    private var items: [Diagnostic] = []
    private let lock = NSLock()

    func append(_ diagnostic: Diagnostic) {
        lock.lock(); defer { lock.unlock() }
        items.append(diagnostic)
    }

    var all: [Diagnostic] {
        lock.lock(); defer { lock.unlock() }
        return items
    }
}

/// Which commentary a page asks for (the arguments of `SiteContext.commentary`).
struct CommentaryQuery: Hashable, Sendable {
    var agreement: String?
    var region: String?
    var year: Int?
    var site: Bool
}

/// The commentary queries made while one page is built, when someone listens: the preview's
/// incremental rebuild sets one per page (`$current`), so that after an edit that changed only
/// commentary it can tell which pages read what changed.
final class CommentaryReads: @unchecked Sendable {
    // Unchecked: every access holds `lock`.
    private let lock = NSLock()
    private var made: [CommentaryQuery] = []
    /// The recorder of the page being built on this thread, if any.
    @TaskLocal static var current: CommentaryReads?

    func record(_ query: CommentaryQuery) { lock.withLock { made.append(query) } }
    var queries: [CommentaryQuery] { lock.withLock { made } }
}

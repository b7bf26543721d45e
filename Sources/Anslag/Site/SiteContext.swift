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
}

/// Everything the page builders need: the checked content and derived figures.
struct SiteContext {
    let site: CheckedSite
    let content: Content
    let config: SiteConfig
    /// Problems found while building pages (a figure that cannot be computed); they fail the build.
    let problems = ProblemLog()

    var regions: [Region] { content.regions.regions }
    var allocations: [AgreementAllocation] { site.allocations }

    func allocation(_ id: String) -> AgreementAllocation? { allocations.first { $0.agreement.id == id } }

    func population(_ agreement: Agreement) -> InputTable? { agreement.population }

    /// Pots split among the regions whose parent is not itself split among the regions.
    func topPots(_ allocation: AgreementAllocation, kind: RecipientKind) -> [Pot] {
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

    func commentary(agreement: String? = nil, region: String? = nil, year: Int? = nil, site: Bool = false) -> [CommentaryVM] {
        content.commentary.filter { item in
            if site { return item.file.hasPrefix("site/") }
            if let year, item.agreement.flatMap(allocation)?.agreement.year != year { return false }
            if let region, item.region != region { return false }
            if let agreement, item.agreement != agreement { return false }
            return region != nil || (item.region == nil && item.agreement == agreement)
        }.map { item in
            let name = item.file.split(separator: "/").last.map { String($0.dropLast(3)) } ?? "kommentar"
            return CommentaryVM(id: "kommentar-\(name)", title: item.title, html: Markdown.html(item.markdown),
                                source: item.source, date: item.date.map(SwedishFormat.date))
        }
    }

    func recipientText(_ pot: Pot) -> String {
        let base: String
        switch pot.recipient {
        case .regions: base = "Regionerna"
        case .municipalities: base = "Kommunerna via RSS"
        case .skr: base = "SKR"
        case .region(let id): base = content.regions.region(id: id)?.name ?? id
        case .samverkansregioner: base = "Samverkansregionerna"
        case .regionsAndMunicipalities: base = "Regioner och kommuner"
        case .mixed: base = "Flera mottagare"
        }
        return pot.viaSKR ? base + " via SKR" : base
    }

    /// The key in plain Swedish, with its inputs and their dates.
    func keyText(_ key: KeySpec, _ agreement: Agreement) -> String {
        func input(_ id: String) -> String {
            guard let table = agreement.input(id) else { return id }
            let what: String
            switch table.kind {
            case .population: what = "befolkningen"
            case .careRecipients: what = "antalet personer med insatser i kommunal hälso- och sjukvård"
            case .amounts: what = "ett publicerat utfall"
            case .ruralPopulation: what = "invånarna på landsbygd"
            }
            let date = table.date.map { " (\(SwedishFormat.date($0)))" } ?? ""
            let missing = table.unavailable.map { " – uppgifterna saknas i källan: \($0)" } ?? ""
            return what + date + missing
        }
        switch key {
        case .proportional(let id): return "Efter andel av \(input(id))."
        case .basePlusProportional(let base, let id):
            return "Ett grundbelopp på \(SwedishFormat.kronor(base)) per region; resten efter andel av \(input(id))."
        case .blend(let parts):
            return parts.map { part in
                let weight = part.weight == Fraction.ratio(1, 2) ? "Hälften" : "Andelen \(part.weight)"
                return "\(weight) " + keyText(part.key, agreement).prefix(1).lowercased() + keyText(part.key, agreement).dropFirst()
            }.joined(separator: " ")
        case .equal: return "Lika stort belopp till var och en av de sex samverkansregionerna."
        case .given(let id): return "Enligt \(input(id)) av en viktad landsbygdsnyckel; underlaget publiceras inte."
        case .ruralWeighted(let id, let w):
            return "Efter \(input(id)), viktat \(w.urbanNear) för tätortsnära, \(w.sparse) för gles och \(w.verySparse) för mycket gles landsbygd."
        case .notDistributed(let reason): return "Ingen fördelning per mottagare anges: \(reason)"
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

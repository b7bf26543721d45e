import Foundation

/// The files of the built site, made from checked content and the templates. No I/O: files go to a sink.
public enum SiteFiles {
    /// Pages built, rendered and handed to the sink per batch: enough to keep every core busy,
    /// few enough that memory does not grow with the size of the site.
    static let batchSize = 128

    /// Renders every page and download into `sink`, in bounded batches on all cores.
    ///
    /// `sink` is called from several threads at once, each file exactly once; what it receives
    /// does not depend on timing, and the diagnostics come in page order. Template problems are
    /// returned as diagnostics (the pages that have them are not passed on); an error thrown by
    /// `sink` stops rendering and is rethrown.
    public static func render(_ site: CheckedSite, templates: TemplateLibrary, strings: SiteStrings,
                              into sink: @Sendable (OutputFile) throws -> Void) throws -> [Diagnostic] {
        guard let content = site.content, !site.allocations.isEmpty else { return [] }
        let context = SiteContext(site: site, content: content, config: content.config, strings: strings)
        let recipes = PageBuilder(context: context).pageRecipes()
        var diagnostics: [Diagnostic] = []
        var sitemap: [String] = []
        var start = 0
        while start < recipes.count {
            let batch = Array(recipes[start..<min(start + batchSize, recipes.count)])
            let results = Results(count: batch.count)
            DispatchQueue.concurrentPerform(iterations: batch.count) { index in
                let page = batch[index]()
                let outcome: PageOutcome
                do {
                    let html = try templates.renderBytes(try TemplateValue.encoding(page.model), template: page.template)
                    try sink(OutputFile(path: SiteURL.file(for: page.path), bytes: html))
                    for file in downloads(of: page) { try sink(file) }
                    outcome = .written(page.inSitemap ? page.path : nil)
                } catch let d as Diagnostic {
                    outcome = .diagnostic(d)
                } catch {
                    outcome = .sinkFailed(error)
                }
                results.set(index, outcome)
            }
            for outcome in results.values {
                switch outcome! {
                case .written(let path): if let path { sitemap.append(path) }
                case .diagnostic(let d): if !diagnostics.contains(d) { diagnostics.append(d) }
                case .sinkFailed(let error): throw error
                }
            }
            start += batchSize
        }
        // Figures that could not be computed while building pages (an overflow) fail the build.
        for problem in context.problems.all where !diagnostics.contains(problem) { diagnostics.append(problem) }
        let allocationsJSON: String?
        do { allocationsJSON = try OpenData.json(site, regions: content.regions) } catch {
            allocationsJSON = nil
            diagnostics.append(.error("json-encoding", at: .file("data/anslag.json"), "the allocations could not be written as JSON: \(error)"))
        }
        if let allocationsJSON { try sink(OutputFile(path: "data/anslag.json", contents: allocationsJSON)) }
        for allocation in site.allocations {
            try sink(OutputFile(path: SiteURL.file(for: SiteURL.calendar(allocation.agreement.id)),
                                contents: ICalendar.ics(allocation.agreement, config: content.config, regions: content.regions)))
        }
        try sink(OutputFile(path: "data/schema.json", contents: OpenData.schema))
        for allocation in site.allocations {
            for pot in allocation.agreement.pots {
                guard let shares = allocation.pots[pot.id]?.shares, shares.count > 1 else { continue }
                try sink(OutputFile(path: "data/\(allocation.agreement.id)/\(pot.id).csv", contents: OpenData.csv(shares, regions: content.regions)))
            }
        }
        try sink(OutputFile(path: "sitemap.xml", contents: Feeds.sitemap(sitemap, config: content.config)))
        try sink(OutputFile(path: "feed.xml", contents: Feeds.atom(site.allocations, config: content.config)))
        try sink(OutputFile(path: "robots.txt", contents: "User-agent: *\nAllow: /\nSitemap: \(content.config.baseURL)/sitemap.xml\n"))
        for (path, bytes) in templates.assets.sorted(by: { $0.key < $1.key }) {
            try sink(OutputFile(path: path, bytes: bytes))
        }
        return diagnostics
    }

    /// Renders everything into memory, sorted by path: for tests and small sites.
    public static func make(_ site: CheckedSite, templates: TemplateLibrary, strings: SiteStrings) -> (files: [OutputFile], diagnostics: [Diagnostic]) {
        let collected = Collected()
        let diagnostics: [Diagnostic]
        do {
            diagnostics = try render(site, templates: templates, strings: strings, into: collected.append)
        } catch {
            // The collecting sink never throws; should it ever, the failure is reported, not hidden.
            diagnostics = [.error("internal", at: .file("Templates"), "rendering into memory failed: \(error)")]
        }
        return (collected.files.sorted { $0.path < $1.path }, diagnostics)
    }

    /// The CSV and JSON beside a page, one pair per downloadable table.
    static func downloads(of page: PageSpec) -> [OutputFile] {
        let folder = SiteURL.file(for: page.path).split(separator: "/").dropLast().joined(separator: "/")
        let prefix = folder.isEmpty ? "" : folder + "/"
        return page.tables.filter(\.downloadable).flatMap { table in
            [OutputFile(path: "\(prefix)\(table.id).csv", contents: table.csv()),
             OutputFile(path: "\(prefix)\(table.id).json", contents: table.json())]
        }
    }

    enum PageOutcome {
        /// Written; the path to list in the sitemap, if any.
        case written(String?)
        case diagnostic(Diagnostic)
        case sinkFailed(any Error)
    }

    /// One batch's outcomes, filled from several threads.
    private final class Results: @unchecked Sendable {
        // Unchecked: every access holds `lock`.
        private(set) var values: [PageOutcome?]
        private let lock = NSLock()
        init(count: Int) { values = Array(repeating: nil, count: count) }
        func set(_ index: Int, _ outcome: PageOutcome) { lock.withLock { values[index] = outcome } }
    }

    /// A sink that keeps every file.
    private final class Collected: @unchecked Sendable {
        // Unchecked: every access holds `lock`.
        private(set) var files: [OutputFile] = []
        private let lock = NSLock()
        @Sendable func append(_ file: OutputFile) { lock.withLock { files.append(file) } }
    }
}

extension OpenData {
    /// A JSON Schema for `data/anslag.json`.
    static let schema = """
    {
      "$schema": "https://json-schema.org/draft/2020-12/schema",
      "title": "anslag-allocations/1",
      "description": "Every computed allocation of every agreement. Amounts are whole kronor.",
      "type": "object",
      "required": ["schema", "agreements"],
      "properties": {
        "schema": {"const": "anslag-allocations/1"},
        "agreements": {"type": "array", "items": {
          "type": "object",
          "required": ["id", "title", "year", "series", "pots", "published_cells_compared", "rounding_notes"],
          "properties": {
            "id": {"type": "string", "description": "Stable id, also the URL segment /overenskommelser/<id>/"},
            "title": {"type": "string"}, "year": {"type": "integer"}, "series": {"type": "string"},
            "published_cells_compared": {"type": "integer"},
            "rounding_notes": {"type": "array", "items": {"type": "object", "properties": {
              "table": {"type": "string"}, "row": {"type": "string"}, "column": {"type": "string"},
              "published": {"type": "integer"}, "computed": {"type": "integer"}}}},
            "pots": {"type": "array", "items": {
              "type": "object",
              "required": ["id", "title", "recipient", "status", "shares", "via_skr"],
              "properties": {
                "id": {"type": "string"}, "title": {"type": "string"},
                "parent": {"type": ["string", "null"]},
                "amount": {"type": ["integer", "null"], "description": "Whole kronor"},
                "recipient": {"type": "string", "description": "regions, municipalities, skr, region:<id>, samverkansregioner, regions-and-municipalities or mixed"},
                "via_skr": {"type": "boolean"},
                "status": {"enum": ["distributed", "not-distributed", "not-computable", "mixed"]},
                "reason": {"type": ["string", "null"]},
                "shares": {"type": "array", "items": {"type": "object", "required": ["recipient", "name", "amount"], "properties": {
                  "recipient": {"type": "string", "description": "region:<id>, county:<id> (the county's municipalities via RSS), skr or samverkansregion:<id>"},
                  "name": {"type": "string"}, "amount": {"type": "integer"},
                  "derivation": {"type": "object", "description": "How the amount was computed: key, inputs, exact share and amount (fractions as strings of integers, decimals with a point), largest-remainder rounding and the printed cells it was reconciled with",
                    "required": ["pot", "recipient", "key", "pot_amount", "recipients", "split_by_share", "inputs", "exact_numerator", "exact_denominator", "exact_decimal", "floor", "leftover_kronor", "got_leftover_krona", "amount", "parts", "published"],
                    "properties": {
                      "key": {"enum": ["proportional", "base-plus-proportional", "rural-weighted", "blend", "equal", "given", "sum-of-parts"]},
                      "pot_amount": {"type": "integer"}, "base_per_recipient": {"type": "integer"}, "recipients": {"type": "integer"},
                      "split_by_share": {"type": "integer"},
                      "inputs": {"type": "array", "items": {"type": "object", "properties": {"what": {"type": "string"}, "value": {"type": "integer"}}}},
                      "share_numerator": {"type": "string"}, "share_denominator": {"type": "string"}, "share_decimal": {"type": "string"},
                      "exact_numerator": {"type": "string"}, "exact_denominator": {"type": "string"}, "exact_decimal": {"type": "string"},
                      "floor": {"type": "integer"}, "leftover_kronor": {"type": "integer"}, "got_leftover_krona": {"type": "boolean"},
                      "amount": {"type": "integer"},
                      "parts": {"type": "array", "items": {"type": "object", "properties": {"pot": {"type": "string"}, "title": {"type": "string"}, "amount": {"type": "integer"}}}},
                      "published": {"type": "array", "items": {"type": "object", "properties": {"table": {"type": "string"}, "table_title": {"type": "string"}, "column": {"type": "string"}, "printed": {"type": "integer"}, "difference": {"type": "integer"}}}}
                    }}}}}
              }}}
          }}}
      }
    }

    """
}

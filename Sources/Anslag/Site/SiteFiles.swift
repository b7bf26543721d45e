import Foundation

/// The files of the built site, made from checked content and the templates. No I/O: files go to a sink.
public enum SiteFiles {
    /// Pages built, rendered and handed to the sink per batch: enough to keep every core busy,
    /// few enough that memory does not grow with the size of the site.
    static let batchSize = 512

    /// Renders every page and download into `sink`, in bounded batches on all cores.
    ///
    /// `sink` is called from several threads at once, each file exactly once; what it receives
    /// does not depend on timing, and the diagnostics come in page order. Template problems are
    /// returned as diagnostics (the pages that have them are not passed on); an error thrown by
    /// `sink` stops rendering (the batch already under way is finished) and is rethrown.
    public static func render(_ site: CheckedSite, templates: TemplateLibrary, strings: SiteStrings,
                              into sink: @escaping @Sendable (OutputFile) throws -> Void) throws -> [Diagnostic] {
        try render(site, templates: templates, strings: strings, previous: nil, into: sink).diagnostics
    }

    /// What a render gave besides its files.
    public struct Rendered: Sendable {
        /// Template problems and figures that could not be computed, in page order.
        public var diagnostics: [Diagnostic]
        /// Every file of the site and the digest of what it is made from; empty unless digests were asked for.
        public var digests: [String: ContentDigest]
        /// How many pages the site has (those with a template problem not counted).
        public var pages: Int
        /// How many of them were rendered and passed to the sink.
        public var renderedPages: Int
    }

    /// Renders the site, or with `previous` (the digests of an earlier render of which the caller
    /// keeps the files) only what changed: every page's view model is built, but a page is rendered
    /// and passed to `sink` only when the digest of its path, its template with the partials and
    /// parents it includes, and its view model differs from `previous`; a page's downloads only
    /// when its tables' data changed; the site-wide files (open data, calendars, feed, sitemap,
    /// assets) are made every time but passed on only when their bytes changed. The files not
    /// passed on are the caller's from before, byte for byte, and files missing from the returned
    /// digests are gone. Without `previous` every file is passed on and no digest is computed.
    ///
    /// With `spillFolders` (and no `previous`), `datapackage.json` and `data/anslag.json` are
    /// made in `SpillFile`s in the first of them where one can be made, instead of in memory, and
    /// passed on as such: `sink` must take spilled files (the staging folder does). The first grows
    /// with every table and was a third of a large build's memory; the second is 30 MB at 10 000
    /// pages.
    public static func render(_ site: CheckedSite, templates: TemplateLibrary, strings: SiteStrings,
                              previous: [String: ContentDigest]?, reuse: PageReuse? = nil, spillFolders: [String] = [],
                              into sink: @escaping @Sendable (OutputFile) throws -> Void) throws -> Rendered {
        guard let content = site.content, !site.allocations.isEmpty else { return Rendered(diagnostics: [], digests: [:], pages: 0, renderedPages: 0) }
        let context = SiteContext(site: site, content: content, config: content.config, strings: strings)
        let recipes = PageBuilder(context: context).pageRecipes()
        reuse?.begin(context, pages: recipes.count, previous: previous)
        let templateDigests = previous == nil ? [:] : Dictionary(uniqueKeysWithValues: templates.sources.keys.map { ($0, templates.closureDigest(of: $0)) })
        // The data package is written as tables come, never held as a tree (see `DataPackage.Writer`).
        let spills = previous == nil && !spillFolders.isEmpty
        let package = try DataPackage.Writer(config: content.config, pages: recipes.count,
                                             spill: spills ? SpillFile(inFirstOf: spillFolders) : nil)
        let openDataSpill = spills ? try SpillFile(inFirstOf: spillFolders) : nil
        let schemas = DataPackage.TableFile.Schemas()
        // All allocations as JSON, made on another thread beside the first batch of pages (it
        // needs only the model) and handed on right after that batch, before the data package
        // has grown, so the two never coexist on a large site (when neither is spilled).
        let intake = Intake(previous: previous, sink: sink, package: package,
                            openData: Pending { Result { try OpenData.file(site, regions: content.regions, path: "data/anslag.json", spill: openDataSpill) } })
        // Each batch's outcomes are taken in order on a queue of their own while the next batch renders.
        let taking = DispatchQueue(label: "anslag.page-outcomes")
        var start = 0
        // A sink that failed stops the batches; the failure is rethrown after the last one taken.
        while start < recipes.count, !intake.hasFailed {
            let batch = Array(recipes[start..<min(start + batchSize, recipes.count)])
            let results = ParallelResults<PageOutcome>(count: batch.count)
            let first = start
            DispatchQueue.concurrentPerform(iterations: batch.count) { index in
                if let kept = reuse?.reused(first + index) { return results.set(index, kept) }
                let reads = reuse.map { _ in CommentaryReads() }
                let page = CommentaryReads.$current.withValue(reads) { batch[index]() }
                let outcome: PageOutcome
                do {
                    let tree = TemplateTree(page.model)
                    let file = SiteURL.file(for: page.path)
                    var made: [(String, ContentDigest)] = []
                    var renderedThis = true
                    if let previous {
                        var hasher = DigestHasher()
                        hasher.add(file)
                        hasher.add(page.template)
                        hasher.add(templateDigests[page.template] ?? templates.closureDigest(of: page.template))
                        tree.feed(&hasher)
                        let digest = hasher.finish()
                        made.append((file, digest))
                        renderedThis = previous[file] != digest
                    }
                    if renderedThis {
                        try sink(OutputFile(path: file, bytes: try templates.renderBytes(tree, template: page.template)))
                    }
                    // A table with no rows is neither shown nor offered (the page says why).
                    var tableFiles: [DataPackage.TableFile] = []
                    for table in page.tables where table.downloadable && !table.isEmpty {
                        let paths = downloadPaths(of: page, table: table)
                        tableFiles.append(DataPackage.TableFile(folder: paths.folder, table: table, schemas: schemas))
                        if previous != nil {
                            let digest = table.digest()
                            made.append((paths.csv, digest))
                            made.append((paths.spreadsheet, digest))
                            made.append((paths.json, digest))
                            if previous?[paths.csv] == digest, previous?[paths.spreadsheet] == digest, previous?[paths.json] == digest { continue }
                        }
                        // The same bytes whose sizes the page's links show (made once per table).
                        let files = table.downloadFiles()
                        try sink(OutputFile(path: paths.csv, bytes: files.csv))
                        try sink(OutputFile(path: paths.spreadsheet, bytes: files.spreadsheet))
                        try sink(OutputFile(path: paths.json, bytes: files.json))
                    }
                    outcome = .written(page.inSitemap ? (page.path, page.model.meta.updatedISO) : nil, made, rendered: renderedThis, tables: tableFiles)
                } catch let d as Diagnostic {
                    outcome = .diagnostic(d)
                } catch {
                    outcome = .sinkFailed(error)
                }
                reuse?.record(first + index, outcome, reads: reads)
                results.set(index, outcome)
            }
            let outcomes = results.values.map { $0! }
            taking.async { intake.take(outcomes) }
            start += batchSize
        }
        taking.sync {}
        try intake.failure.map { throw $0 }
        try intake.emitOpenData()
        var diagnostics = intake.diagnostics
        let emit = intake.emit
        // Figures that could not be computed while building pages (an overflow) fail the build.
        for problem in context.problems.all where !diagnostics.contains(problem) { diagnostics.append(problem) }
        reuse?.finish(succeeded: diagnostics.isEmpty, pages: recipes.count)
        // Calendars and each pot's shares as CSV: made on all cores, passed on in order.
        let calendars = inParallel(site.allocations) { allocation in
            OutputFile(path: SiteURL.file(for: SiteURL.calendar(allocation.agreement.id)),
                       contents: ICalendar.ics(allocation.agreement, config: content.config, regions: content.regions))
        }
        for calendar in calendars { try emit(calendar) }
        try emit(OutputFile(path: "data/schema.json", contents: OpenData.schema))
        let potTables = site.allocations.flatMap { allocation in
            allocation.agreement.pots.compactMap { pot -> (path: String, title: String, shares: [Share])? in
                guard let shares = allocation.pots[pot.id]?.shares, shares.count > 1 else { return nil }
                return ("data/\(allocation.agreement.id)/\(pot.id).csv", "\(allocation.agreement.title): \(pot.title)", shares)
            }
        }
        let potFiles = inParallel(potTables) { OutputFile(path: $0.path, contents: OpenData.csv($0.shares, regions: content.regions)) }
        for (table, file) in zip(potTables, potFiles) {
            try emit(file)
            try intake.package.addPot(path: table.path, title: table.title)
        }
        try emit(intake.package.finish(path: "datapackage.json"))
        try emit(OutputFile(path: "sitemap.xml", contents: Feeds.sitemap(intake.sitemap, config: content.config)))
        try emit(OutputFile(path: "feed.xml", contents: Feeds.atom(site.allocations, config: content.config)))
        try emit(OutputFile(path: "robots.txt", contents: "User-agent: *\nAllow: /\nSitemap: \(content.config.baseURL)/sitemap.xml\n"))
        for (path, bytes) in templates.assets.sorted(by: { $0.key < $1.key }) {
            try emit(OutputFile(path: path, bytes: bytes))
        }
        return Rendered(diagnostics: diagnostics, digests: intake.digests, pages: intake.pages, renderedPages: intake.rendered)
    }

    /// Renders everything into memory, sorted by path: for tests and small sites.
    public static func make(_ site: CheckedSite, templates: TemplateLibrary, strings: SiteStrings) -> (files: [OutputFile], diagnostics: [Diagnostic]) {
        let collected = CollectedFiles()
        let diagnostics: [Diagnostic]
        do {
            diagnostics = try render(site, templates: templates, strings: strings, into: collected.append)
        } catch {
            // The collecting sink never throws; should it ever, the failure is reported, not hidden.
            diagnostics = [.error(.internal, at: .file("Templates"), "rendering into memory failed: \(error)")]
        }
        return (collected.files.sorted { $0.path < $1.path }, diagnostics)
    }

    /// Where a downloadable table's CSV and JSON go: beside its page.
    static func downloadPaths(of page: PageSpec, table: DataTable) -> (folder: String, csv: String, spreadsheet: String, json: String) {
        let file = SiteURL.file(for: page.path)
        let folder = file.utf8.lastIndex(of: UInt8(ascii: "/")).map { String(file[..<$0]) } ?? ""
        let prefix = folder.isEmpty ? "" : folder + "/"
        return (folder, prefix + table.csvName, prefix + table.spreadsheetName, prefix + table.jsonName)
    }

    /// What the pages' outcomes add up to, taken in page order on one queue (`take`), then read
    /// by `render` once the queue is done; the site-wide files go through `emit`.
    final class Intake: @unchecked Sendable {
        // Unchecked: everything but `failure` is touched by one thread at a time (the taking queue,
        // then `render` after waiting for it); `failure` is written under `lock`, and `render`
        // reads it under `lock` while batches are taken.
        let previous: [String: ContentDigest]?
        let sink: @Sendable (OutputFile) throws -> Void
        var package: DataPackage.Writer
        var openData: Pending<Result<OutputFile, any Error>>?
        var diagnostics: [Diagnostic] = []
        var digests: [String: ContentDigest] = [:]
        var sitemap: [(path: String, updated: String)] = []
        var pages = 0, rendered = 0
        private(set) var failure: (any Error)?
        private let lock = NSLock()

        init(previous: [String: ContentDigest]?, sink: @escaping @Sendable (OutputFile) throws -> Void,
             package: consuming DataPackage.Writer, openData: Pending<Result<OutputFile, any Error>>) {
            self.previous = previous
            self.sink = sink
            self.package = package
            self.openData = openData
        }

        /// Whether a sink failure was taken: no more batches need rendering.
        var hasFailed: Bool { lock.withLock { failure != nil } }

        /// One batch's outcomes, in page order; after the first batch, `data/anslag.json`.
        func take(_ outcomes: [PageOutcome]) {
            guard failure == nil else { return }
            do {
                for outcome in outcomes {
                    switch outcome {
                    case .written(let entry, let made, let renderedThis, let tables):
                        if let entry { sitemap.append(entry) }
                        for table in tables { try package.add(table) }
                        for (file, digest) in made { digests[file] = digest }
                        pages += 1
                        if renderedThis { rendered += 1 }
                    case .diagnostic(let d): if !diagnostics.contains(d) { diagnostics.append(d) }
                    case .sinkFailed(let error): throw error
                    }
                }
                try emitOpenData()
            } catch {
                lock.withLock { failure = error }
            }
        }

        /// A site-wide file, passed on when new or changed.
        func emit(_ file: OutputFile) throws {
            if let previous {
                var hasher = DigestHasher()
                hasher.add(file.path)
                hasher.add(file.contents)
                let digest = hasher.finish()
                digests[file.path] = digest
                if previous[file.path] == digest { return }
            }
            try sink(file)
        }

        func emitOpenData() throws {
            guard let made = openData else { return }
            openData = nil
            try emit(made.value().get())
        }
    }

    enum PageOutcome {
        /// Written (or unchanged); the path to list in the sitemap, if any, the files' digests
        /// when asked for, and whether the page itself was rendered.
        case written((path: String, updated: String)?, [(String, ContentDigest)], rendered: Bool, tables: [DataPackage.TableFile])
        case diagnostic(Diagnostic)
        case sinkFailed(any Error)
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

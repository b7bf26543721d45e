import Foundation

/// The files of the built site, made from checked content and the templates. No I/O.
public enum SiteFiles {
    /// Renders every page (concurrently: pages are independent) and every download.
    public static func make(_ site: CheckedSite, templates: TemplateLibrary, strings: SiteStrings) -> (files: [OutputFile], diagnostics: [Diagnostic]) {
        guard let content = site.content, !site.allocations.isEmpty else { return ([], []) }
        let context = SiteContext(site: site, content: content, config: content.config, strings: strings)
        let pages = PageBuilder(context: context).allPages()
        var diagnostics = context.problems.all
        let results = ConcurrentMap.map(pages) { page -> Result<String, Diagnostic> in
            do { return .success(try templates.render(page.model, template: page.template)) } catch let d as Diagnostic {
                return .failure(d)
            } catch {
                return .failure(.error("internal", at: .file("Templates/\(page.template).mustache"), "\(error)"))
            }
        }
        var files: [OutputFile] = []
        var packaged: [DataPackage.TableFile] = []
        for (page, result) in zip(pages, results) {
            switch result {
            case .success(let html): files.append(OutputFile(path: SiteURL.file(for: page.path), contents: html))
            case .failure(let d): if !diagnostics.contains(d) { diagnostics.append(d) }
            }
            let folder = SiteURL.file(for: page.path).split(separator: "/").dropLast().joined(separator: "/")
            for table in page.tables where table.downloadable && !table.isEmpty {
                let prefix = folder.isEmpty ? "" : folder + "/"
                files.append(OutputFile(path: prefix + table.csvName, contents: table.csv()))
                files.append(OutputFile(path: prefix + table.spreadsheetName, contents: table.spreadsheetCSV()))
                files.append(OutputFile(path: prefix + table.jsonName, contents: table.json()))
                packaged.append(DataPackage.TableFile(folder: folder, table: table))
            }
        }
        do {
            files.append(OutputFile(path: "data/anslag.json", contents: try OpenData.json(site, regions: content.regions)))
        } catch {
            diagnostics.append(.error("json-encoding", at: .file("data/anslag.json"), "the allocations could not be written as JSON: \(error)"))
        }
        for allocation in site.allocations {
            files.append(OutputFile(path: SiteURL.file(for: SiteURL.calendar(allocation.agreement.id)),
                                    contents: ICalendar.ics(allocation.agreement, config: content.config, regions: content.regions)))
        }
        files.append(OutputFile(path: "data/schema.json", contents: OpenData.schema))
        var potFiles: [(path: String, title: String)] = []
        for allocation in site.allocations {
            for pot in allocation.agreement.pots {
                guard let shares = allocation.pots[pot.id]?.shares, shares.count > 1 else { continue }
                let path = "data/\(allocation.agreement.id)/\(pot.id).csv"
                files.append(OutputFile(path: path, contents: OpenData.csv(shares, regions: content.regions)))
                potFiles.append((path, "\(allocation.agreement.title): \(pot.title)"))
            }
        }
        files.append(OutputFile(path: "datapackage.json", contents: DataPackage.descriptor(tables: packaged, potFiles: potFiles, config: content.config)))
        files.append(OutputFile(path: "sitemap.xml", contents: Feeds.sitemap(pages.filter(\.inSitemap).map(\.path), config: content.config)))
        files.append(OutputFile(path: "feed.xml", contents: Feeds.atom(site.allocations, config: content.config)))
        files.append(OutputFile(path: "robots.txt", contents: "User-agent: *\nAllow: /\nSitemap: \(content.config.baseURL)/sitemap.xml\n"))
        for (path, bytes) in templates.assets.sorted(by: { $0.key < $1.key }) {
            files.append(OutputFile(path: path, bytes: bytes))
        }
        return (files.sorted { $0.path < $1.path }, diagnostics)
    }
}

/// Runs independent work on all cores, keeping the input order.
enum ConcurrentMap {
    private final class Results<R>: @unchecked Sendable {
        var values: [R?]
        let lock = NSLock()
        init(count: Int) { values = Array(repeating: nil, count: count) }
    }

    static func map<T: Sendable, R>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        let results = Results<R>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            let value = transform(items[index])
            results.lock.lock()
            results.values[index] = value
            results.lock.unlock()
        }
        return results.values.map { $0! }
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

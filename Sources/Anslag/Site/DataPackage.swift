/// A Frictionless data package (`datapackage.json`, Data Package v1 with a Table Schema per
/// table) that describes every download: each table's machine CSV, spreadsheet CSV and JSON,
/// each pot's CSV and `data/anslag.json`.
///
/// It sits at the root of the site, because Frictionless refuses a resource path that climbs
/// out of the descriptor's folder (`..`), and the table downloads lie beside their pages.
enum DataPackage {
    /// One table download: where it is (a path from the site's root) and what it holds.
    ///
    /// It keeps only what the descriptor reads, not the table, so that the tables of pages already
    /// written (and their downloads' bytes) are not held until the end of the build.
    struct TableFile {
        var folder: String
        var csvName: String
        var spreadsheetName: String
        var jsonName: String
        var caption: String
        var sourceText: String
        var labels: [String]
        /// The Table Schema type of each column (`DataTable.fieldTypes`).
        var types: [String]

        init(folder: String, table: DataTable) {
            self.folder = folder
            csvName = table.csvName
            spreadsheetName = table.spreadsheetName
            jsonName = table.jsonName
            caption = table.caption
            sourceText = table.source.text
            labels = table.columns.map(\.label)
            types = table.fieldTypes()
        }
    }

    /// Writes `datapackage.json` a resource at a time into one byte buffer, in the layout of
    /// `JSONText.Value.text()` (two-space indentation), so the descriptor of a large site is never
    /// held as a tree of values: at 10 000 pages it is tens of megabytes of text, and the tree of
    /// small strings it was built from took several times that.
    struct Writer {
        private var out: [UInt8] = []
        private var names = Set<String>()
        private var resources = 0

        /// `pages`: how many pages the site has, for the buffer's first capacity.
        init(config: SiteConfig, pages: Int) {
            // Room for about 16 KB of resources per page (a page has a few tables; about 5 KB
            // each on the bundled content and on 10 000 generated pages), taken at once: a buffer
            // that doubles as it grows holds its old and new copies together at the end of a large
            // build, half again the file's size. Capacity not yet written is never touched, so
            // it costs address space, not memory. A larger site just grows past it.
            let (estimate, overflow) = pages.multipliedReportingOverflow(by: 16 * 1024)
            out.reserveCapacity(overflow ? 1 << 20 : min(estimate, 1 << 32) + (1 << 16))
            out.append(UInt8(ascii: "{"))
            for (key, value) in [("name", "anslag"), ("title", config.title), ("homepage", config.baseURL + "/")] {
                newline(1)
                JSONText.appendString(key, to: &out)
                UTF8Bytes.appendLiteral(" : ", to: &out)
                JSONText.appendString(value, to: &out)
                out.append(UInt8(ascii: ","))
            }
            newline(1)
            JSONText.appendString("resources", to: &out)
            UTF8Bytes.appendLiteral(" : [", to: &out)
        }

        private mutating func newline(_ level: Int) { JSONText.appendNewline(indent: level, to: &out) }

        /// Appends one resource, an element of the `resources` list: an object two levels deep whose
        /// members `body` writes, straight to bytes (no tree of values per resource).
        private mutating func append(_ body: (inout PrettyJSON) -> Void) {
            if resources > 0 { out.append(UInt8(ascii: ",")) }
            resources += 1
            newline(2)
            var json = PrettyJSON(depth: 2)
            json.open("{")
            body(&json)
            json.close("}")
            out += json.out
        }

        /// A unique resource name from a path: lower-case ASCII, `-`, `.`, `_` (paths are ASCII already, docs/urls.md).
        private mutating func name(_ path: String) -> String {
            var base: String
            if path.utf8.allSatisfy({ $0 < 0x80 }) {
                base = String(decoding: path.utf8.map { byte -> UInt8 in
                    switch byte {
                    case UInt8(ascii: "A")...UInt8(ascii: "Z"): return byte + 0x20
                    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                         UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"): return byte
                    default: return UInt8(ascii: "-")
                    }
                }, as: UTF8.self)
            } else {
                base = String(path.lowercased().map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" || $0 == "-" ? $0 : "-" })
            }
            while names.contains(base) { base += "_" }
            names.insert(base)
            return base
        }

        /// The three downloads of one table: machine CSV, spreadsheet CSV and JSON.
        mutating func add(_ table: TableFile) {
            let prefix = table.folder.isEmpty ? "" : table.folder + "/"
            func schema(_ json: inout PrettyJSON, decimalComma: Bool) {
                json.member("schema"); json.open("{")
                json.member("fields"); json.open("[")
                json.element(); json.open("{")
                json.member("name"); json.string("rad")
                json.member("type"); json.string("string")
                json.member("description"); json.string("radens ankare på sidan")
                json.close("}")
                for (label, type) in zip(table.labels, table.types) {
                    json.element(); json.open("{")
                    json.member("name"); json.string(label)
                    json.member("type"); json.string(type)
                    if type == "number" && decimalComma { json.member("decimalChar"); json.string(",") }
                    json.close("}")
                }
                json.close("]")
                json.member("missingValues"); json.open("["); json.element(); json.string(""); json.close("]")
                json.close("}")
            }
            let csvPath = prefix + table.csvName
            let csvName = name(csvPath)
            append { json in
                json.member("name"); json.string(csvName)
                json.member("path"); json.string(csvPath)
                json.member("title"); json.string(table.caption)
                json.member("description"); json.string(table.sourceText)
                json.member("format"); json.string("csv")
                json.member("mediatype"); json.string("text/csv")
                json.member("encoding"); json.string("utf-8")
                schema(&json, decimalComma: false)
            }
            let sheetPath = prefix + table.spreadsheetName
            let sheetName = name(sheetPath)
            append { json in
                json.member("name"); json.string(sheetName)
                json.member("path"); json.string(sheetPath)
                json.member("title"); json.string(table.caption + " (för kalkylblad)")
                json.member("description"); json.string(table.sourceText)
                json.member("format"); json.string("csv")
                json.member("mediatype"); json.string("text/csv")
                json.member("encoding"); json.string("utf-8-sig")
                json.member("dialect"); json.open("{"); json.member("delimiter"); json.string(";"); json.close("}")
                schema(&json, decimalComma: true)
            }
            let jsonPath = prefix + table.jsonName
            let jsonName = name(jsonPath)
            append { json in
                json.member("name"); json.string(jsonName)
                json.member("path"); json.string(jsonPath)
                json.member("title"); json.string(table.caption + " (JSON)")
                json.member("description"); json.string(table.sourceText)
                json.member("format"); json.string("json")
                json.member("mediatype"); json.string("application/json")
            }
        }

        /// One pot's CSV under `data/`.
        mutating func addPot(path: String, title: String) {
            let potName = name(path)
            append { json in
                json.member("name"); json.string(potName)
                json.member("path"); json.string(path)
                json.member("title"); json.string(title)
                json.member("format"); json.string("csv")
                json.member("mediatype"); json.string("text/csv")
                json.member("encoding"); json.string("utf-8")
                json.member("schema"); json.open("{")
                json.member("fields"); json.open("[")
                for (field, type) in [("mottagare", "string"), ("namn", "string"), ("belopp_kr", "integer")] {
                    json.element(); json.open("{")
                    json.member("name"); json.string(field)
                    json.member("type"); json.string(type)
                    json.close("}")
                }
                json.close("]")
                json.close("}")
            }
        }

        /// Adds `data/anslag.json`, closes the list and the object, and returns the bytes.
        mutating func finish() -> [UInt8] {
            let allName = name("data/anslag.json")
            append { json in
                json.member("name"); json.string(allName)
                json.member("path"); json.string("data/anslag.json")
                json.member("title"); json.string("Alla beräknade fördelningar")
                json.member("format"); json.string("json")
                json.member("mediatype"); json.string("application/json")
            }
            newline(1)
            out.append(UInt8(ascii: "]"))
            newline(0)
            out.append(UInt8(ascii: "}"))
            out.append(0x0A)
            return out
        }
    }
}

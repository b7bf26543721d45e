/// A Frictionless data package (`datapackage.json`, Data Package v1 with a Table Schema per
/// table) that describes every download: each table's machine CSV, spreadsheet CSV and JSON,
/// each pot's CSV and `data/anslag.json`.
///
/// It sits at the root of the site, because Frictionless refuses a resource path that climbs
/// out of the descriptor's folder (`..`), and the table downloads lie beside their pages.
enum DataPackage {
    /// One table's three resources (machine CSV, spreadsheet CSV, JSON), made on the thread that
    /// rendered the table's page: each resource's path and its bytes after the `name` member, which
    /// only the writer can give, since a name is made unique against all names before it.
    ///
    /// It keeps only these bytes, not the table, so that the tables of pages already written (and
    /// their downloads' bytes) are not held until the end of the build.
    struct TableFile: Sendable {
        var resources: [(name: String, rest: [UInt8])]

        /// `schemas`: the `schema` members already written, shared by the tables with the same
        /// columns (most of a large site's tables have one of a few layouts).
        init(folder: String, table: DataTable, schemas: Schemas) {
            let prefix = folder.isEmpty ? "" : folder + "/"
            let labels = table.columns.map(\.label), types = table.fieldTypes()
            func schema(_ json: inout PrettyJSON, decimalComma: Bool) {
                json.appendWritten(schemas.value(for: SchemaKey(labels: labels, types: types, decimalComma: decimalComma)) {
                    var json = PrettyJSON(insideObjectAt: 3)
                    Self.schema(&json, labels: labels, types: types, decimalComma: decimalComma)
                    return json.bytes()
                })
            }
            let source = table.source.text
            resources = [
                Writer.resource(path: prefix + table.csvName, title: table.caption, description: source,
                                format: "csv", mediatype: "text/csv", encoding: "utf-8") { schema(&$0, decimalComma: false) },
                Writer.resource(path: prefix + table.spreadsheetName, title: table.caption + " (för kalkylblad)", description: source,
                                format: "csv", mediatype: "text/csv", encoding: "utf-8-sig") { json in
                    json.member("dialect")
                    json.object { $0.member("delimiter", ";") }
                    schema(&json, decimalComma: true)
                },
                Writer.resource(path: prefix + table.jsonName, title: table.caption + " (JSON)", description: source,
                                format: "json", mediatype: "application/json", encoding: nil),
            ]
        }

        /// The columns a `schema` member is written from.
        struct SchemaKey: Hashable {
            var labels: [String]
            var types: [String]
            var decimalComma: Bool
        }

        /// Each `schema` member written so far, as bytes written at a resource's level (three
        /// deep, after its first member), for every thread of a build.
        typealias Schemas = Memo<SchemaKey, [UInt8]>

        /// The `schema` member of a CSV resource: the row's anchor, then the table's columns.
        static func schema(_ json: inout PrettyJSON, labels: [String], types: [String], decimalComma: Bool) {
            json.member("schema")
            json.object { json in
                json.member("fields")
                let fields: [(name: String, type: String, description: String?)] = [("rad", "string", "radens ankare på sidan")]
                    + zip(labels, types).map { ($0, $1, nil) }
                json.objects(fields) { json, field in
                    json.member("name", field.name)
                    json.member("type", field.type)
                    if let description = field.description { json.member("description", description) }
                    if field.type == "number" && decimalComma { json.member("decimalChar", ",") }
                }
                json.member("missingValues")
                json.open("[")
                json.element()
                json.string("")
                json.close("]")
            }
        }
    }

    /// Writes `datapackage.json` a resource at a time into one byte buffer (or, for a build that
    /// writes to disk, a megabyte at a time into a `SpillFile`), with two spaces per level and
    /// `"key" : value` (`JSONText.appendNewline`), so the descriptor of a large site is never
    /// held as a tree of values: at 10 000 pages it is tens of megabytes of text, and the tree of
    /// small strings it was built from took several times that.
    struct Writer: ~Copyable {
        private var out = ByteWriter()
        private var names = Set<String>()
        private var resources = 0
        /// Where the bytes go once `out` holds a megabyte, if anywhere.
        private let spill: SpillFile?

        /// `pages`: how many pages the site has, for the buffer's first capacity. With `spill`,
        /// the bytes are moved there a megabyte at a time, and `finish` gives a spilled file.
        init(config: SiteConfig, pages: Int, spill: SpillFile? = nil) {
            self.spill = spill
            if spill != nil {
                out.reserveCapacity(2 << 20)
            } else {
                reserve(pages: pages)
            }
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

        private mutating func reserve(pages: Int) {
            // Room for about 16 KB of resources per page (a page has a few tables; about 5 KB
            // each on the bundled content and on 10 000 generated pages), taken at once: a buffer
            // that doubles as it grows holds its old and new copies together at the end of a large
            // build, half again the file's size. Capacity not yet written is never touched, so
            // it costs address space, not memory. A larger site just grows past it.
            let (estimate, overflow) = pages.multipliedReportingOverflow(by: 16 * 1024)
            out.reserveCapacity(overflow ? 1 << 20 : min(estimate, 1 << 32) + (1 << 16))
        }

        /// Moves the bytes made so far to the spill file once they are a megabyte.
        private mutating func spillIfFull() throws {
            if let spill { try out.move(to: spill, atLeast: SpillFile.pieceSize) }
        }

        private mutating func newline(_ level: Int) { JSONText.appendNewline(indent: level, to: &out) }

        /// One resource, an element of the `resources` list (an object two levels deep, written
        /// straight to bytes, no tree of values): the name its path gives (`baseName`; the writer
        /// makes it unique), and its bytes after the `name` member. `description` and `encoding`
        /// are left out when nil; `more` writes what follows.
        static func resource(path: String, title: String, description: String?, format: String, mediatype: String,
                             encoding: String?, more: (inout PrettyJSON) -> Void = { _ in }) -> (name: String, rest: [UInt8]) {
            var json = PrettyJSON(insideObjectAt: 3)
            json.member("path", path)
            json.member("title", title)
            if let description { json.member("description", description) }
            json.member("format", format)
            json.member("mediatype", mediatype)
            if let encoding { json.member("encoding", encoding) }
            more(&json)
            json.close("}")
            return (baseName(path), json.bytes())
        }

        /// Appends a resource made by `resource(...)`, with its name made unique.
        private mutating func append(_ resource: (name: String, rest: [UInt8])) {
            if resources > 0 { out.append(UInt8(ascii: ",")) }
            resources += 1
            newline(2)
            out.append(UInt8(ascii: "{"))
            newline(3)
            UTF8Bytes.appendLiteral("\"name\" : ", to: &out)
            JSONText.appendString(unique(resource.name), to: &out)
            out.append(contentsOf: resource.rest)
        }

        /// A resource name from a path: lower-case ASCII, `-`, `.`, `_` (paths are ASCII already,
        /// docs/urls.md). Made where the resource is, on the rendering threads.
        static func baseName(_ path: String) -> String {
            // Byte by byte into a buffer of the path's size (mapping through the `utf8` view's
            // generic collection code took a hundred instructions per byte).
            let ascii = UTF8Bytes.with(path) { bytes -> String? in
                var out = ByteWriter(capacity: bytes.count)
                for byte in bytes {
                    switch byte {
                    case UInt8(ascii: "A")...UInt8(ascii: "Z"): out.append(byte + 0x20)
                    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                         UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"): out.append(byte)
                    case 0x80...: return nil
                    default: out.append(UInt8(ascii: "-"))
                    }
                }
                return out.string()
            }
            if let ascii { return ascii }
            return String(path.lowercased().map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" || $0 == "-" ? $0 : "-" })
        }

        /// `base`, or `base` with as many `_` appended as make it a name not given before.
        private mutating func unique(_ base: String) -> String {
            var name = base
            while !names.insert(name).inserted { name += "_" }
            return name
        }

        /// The three downloads of one table: machine CSV, spreadsheet CSV and JSON.
        mutating func add(_ table: TableFile) throws {
            for resource in table.resources { append(resource) }
            try spillIfFull()
        }

        /// One pot's CSV under `data/`.
        mutating func addPot(path: String, title: String) throws {
            append(Self.resource(path: path, title: title, description: nil, format: "csv", mediatype: "text/csv", encoding: "utf-8") { json in
                json.member("schema")
                json.object { json in
                    json.member("fields")
                    json.objects([("mottagare", "string"), ("namn", "string"), ("belopp_kr", "integer")]) { json, field in
                        json.member("name", field.0)
                        json.member("type", field.1)
                    }
                }
            })
            try spillIfFull()
        }

        /// Adds `data/anslag.json`, closes the list and the object, and returns the file at `path`.
        mutating func finish(path: String) throws -> OutputFile {
            append(Self.resource(path: "data/anslag.json", title: "Alla beräknade fördelningar", description: nil,
                                 format: "json", mediatype: "application/json", encoding: nil))
            newline(1)
            out.append(UInt8(ascii: "]"))
            newline(0)
            out.append(UInt8(ascii: "}"))
            out.append(0x0A)
            guard let spill else { return OutputFile(path: path, bytes: out.withBytes { Array($0) }) }
            try out.move(to: spill)
            return OutputFile(path: path, spilled: spill)
        }
    }
}

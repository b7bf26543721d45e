import Foundation

/// The line under a table that says where its figures come from: the document and its
/// sections, whether the figures are the source's own or computed from its keys, and a link to
/// the description of the source on the site (the sources give no web address of their own).
struct TableSource {
    var text: String
    var href: String
    var linkText: String
}

/// A table as data: each cell has its Swedish display text and a raw value for downloads.
struct DataTable {
    struct Cell {
        var display: String
        /// The machine-readable value: a plain integer, a decimal with a point, or text.
        var raw: String
        var numeric: Bool
        var header: Bool = false
        var href: String? = nil
        var level: Int = 0

        static func text(_ text: String, href: String? = nil, header: Bool = false, level: Int = 0) -> Cell {
            Cell(display: text, raw: text, numeric: false, header: header, href: href, level: level)
        }
        static func kronor(_ amount: Int?) -> Cell {
            guard let amount else { return Cell(display: "–", raw: "", numeric: true) }
            return Cell(display: SwedishFormat.kronor(amount), raw: String(amount), numeric: true)
        }
        static func signedKronor(_ amount: Int) -> Cell {
            Cell(display: SwedishFormat.signedKronor(amount), raw: String(amount), numeric: true)
        }
        static func count(_ value: Int?) -> Cell {
            guard let value else { return Cell(display: "–", raw: "", numeric: true) }
            return Cell(display: SwedishFormat.grouped(value), raw: String(value), numeric: true)
        }
        static func perInhabitant(_ value: Fraction?) -> Cell {
            guard let value else { return Cell(display: "–", raw: "", numeric: true) }
            let text = SwedishFormat.perInhabitant(value)
            return Cell(display: text, raw: decimal(value, 2), numeric: true)
        }
        static func percent(_ value: Fraction?, signed: Bool = false) -> Cell {
            guard let value else { return Cell(display: "–", raw: "", numeric: true) }
            return Cell(display: SwedishFormat.percent(value, signed: signed), raw: decimal(value, 2, shift: 2), numeric: true)
        }

        /// A decimal with a point and `places` decimals, rounded half away from zero, of the
        /// value times `10^shift` (2 for per cent). Exact for every fraction; cannot overflow.
        static func decimal(_ value: Fraction, _ places: Int, shift: Int = 0) -> String {
            let (negative, whole, fraction) = SwedishFormat.scaled(value, shift: shift, decimals: places)
            return (negative ? "-" : "") + whole + (places > 0 ? "." + fraction : "")
        }
    }

    struct Row {
        var id: String
        var cells: [Cell]
    }

    // A change to what the downloads are made of forgets the files made before it.
    var id: String { didSet { downloadCache = DownloadCache() } }
    var caption: String { didSet { downloadCache = DownloadCache() } }
    var note: String? = nil
    var columns: [(label: String, numeric: Bool)] { didSet { downloadCache = DownloadCache() } }
    var rows: [Row] { didSet { downloadCache = DownloadCache() } }
    var footer: [Row] = [] { didSet { downloadCache = DownloadCache() } }
    var downloadable = true
    /// Where the figures come from, printed under the table (required: every table names its source).
    var source: TableSource
    /// The downloads once made: the page's links (with sizes) and the files written share them,
    /// so each is generated once. Copies of the table share it until one of them changes.
    /// (Not private, which would hide the memberwise initializer; never set by hand.)
    var downloadCache = DownloadCache()

    func viewModel() -> TableVM {
        func row(_ r: Row) -> RowVM {
            RowVM(id: r.id, cells: r.cells.map { CellVM(text: $0.display, isHeader: $0.header, numeric: $0.numeric, href: $0.href ?? "", hasLink: $0.href != nil, level: $0.level) })
        }
        return TableVM(id: id, caption: caption, note: note, headers: columns.map { HeaderVM(text: $0.label, numeric: $0.numeric) },
                       rows: rows.map(row), footer: footer.map(row), hasFooter: !footer.isEmpty,
                       downloads: downloadable && !isEmpty ? downloads() : nil,
                       source: SourceLineVM(text: source.text, href: source.href, linkText: source.linkText))
    }

    // MARK: - Downloads

    /// The file names of the three downloads, beside the page (documented in docs/urls.md).
    var csvName: String { "\(id).csv" }
    var spreadsheetName: String { "\(id)-kalkylblad.csv" }
    var jsonName: String { "\(id).json" }

    /// The download links with each file's size, measured on the bytes that are written.
    func downloads() -> DownloadsVM {
        let files = downloadFiles()
        return DownloadsVM(csv: csvName, csvSize: SwedishFormat.fileSize(files.csv.count),
                           spreadsheet: spreadsheetName, spreadsheetSize: SwedishFormat.fileSize(files.spreadsheet.count),
                           json: jsonName, jsonSize: SwedishFormat.fileSize(files.json.count))
    }

    /// The bytes of the three downloads.
    struct Downloads: Sendable {
        var csv: [UInt8]
        var spreadsheet: [UInt8]
        var json: [UInt8]
    }

    /// The three downloads, made on first use and kept with the table (and its copies).
    func downloadFiles() -> Downloads {
        downloadCache.value {
            let (csv, spreadsheet) = csvAndSpreadsheetBytes()
            return Downloads(csv: csv, spreadsheet: spreadsheet, json: jsonBytes())
        }
    }

    /// The digest of everything `csv()` and `json()` read, to tell whether they changed.
    func digest() -> ContentDigest {
        var hasher = DigestHasher()
        hasher.add(id)
        hasher.add(caption)
        hasher.add(columns.count)
        for column in columns { hasher.add(column.label) }
        for group in [rows, footer] {
            hasher.add(group.count)
            for row in group {
                hasher.add(row.id)
                hasher.add(row.cells.count)
                for cell in row.cells { hasher.add(cell.raw) }
            }
        }
        return hasher.finish()
    }

    /// The table as CSV (RFC 4180, CR LF line ends, formula-neutralised: see `CSVText`).
    func csv() -> String { String(decoding: downloadFiles().csv, as: UTF8.self) }

    /// The table for Swedish spreadsheets: UTF-8 with a byte-order mark, semicolons, decimal
    /// commas (`CSVText.spreadsheetRow`), so Excel and LibreOffice open it as columns of numbers.
    func spreadsheetCSV() -> String { String(decoding: downloadFiles().spreadsheet, as: UTF8.self) }

    /// A guess at a download's size, to reserve its buffer once: a few bytes per cell.
    private var estimatedSize: Int { 64 + 16 * (columns.count + 1) * (rows.count + footer.count + 1) }

    /// The bytes of `csv()` and `spreadsheetCSV()` (generated: use `downloadFiles()` for the kept
    /// copies): the header (`rad` and the column labels), then every row (its id and raw cells),
    /// one line each, as `CSVText.row` and `CSVText.spreadsheetRow` write them (tested). One pass
    /// over the cells, each cell's bytes read once: a plain number is written as it is and with a
    /// decimal comma, and any other text is escaped once (`CSVText.appendCell`; both files quote
    /// the same cells) and the same bytes copied into the spreadsheet file.
    func csvAndSpreadsheetBytes() -> (csv: [UInt8], spreadsheet: [UInt8]) {
        var csv = ByteWriter(capacity: estimatedSize)
        var sheet = ByteWriter(capacity: estimatedSize + 3)
        UTF8Bytes.append(CSVText.byteOrderMark, to: &sheet)
        Self.appendBoth("rad", csv: &csv, sheet: &sheet)
        for column in columns {
            csv.append(UInt8(ascii: ","))
            sheet.append(UInt8(ascii: ";"))
            Self.appendBoth(column.label, csv: &csv, sheet: &sheet)
        }
        UTF8Bytes.append(CSVText.lineEnd, to: &csv)
        UTF8Bytes.append(CSVText.lineEnd, to: &sheet)
        for group in [rows, footer] {
            for row in group.indices {
                Self.appendBoth(group[row].id, csv: &csv, sheet: &sheet)
                for index in group[row].cells.indices {
                    csv.append(UInt8(ascii: ","))
                    sheet.append(UInt8(ascii: ";"))
                    Self.appendBoth(group[row].cells[index].raw, csv: &csv, sheet: &sheet)
                }
                UTF8Bytes.append(CSVText.lineEnd, to: &csv)
                UTF8Bytes.append(CSVText.lineEnd, to: &sheet)
            }
        }
        return (csv.bytes(), sheet.bytes())
    }

    /// One cell in both files (see `csvAndSpreadsheetBytes`).
    private static func appendBoth(_ text: String, csv: inout ByteWriter, sheet: inout ByteWriter) {
        UTF8Bytes.with(text) { bytes in
            if CSVText.isPlainNumber(bytes) {
                csv.append(contentsOf: bytes)
                CSVText.appendWithDecimalComma(bytes, to: &sheet)
            } else {
                let start = csv.count
                CSVText.appendCell(bytes, to: &csv)
                csv.withBytes { sheet.append(contentsOf: UnsafeBufferPointer(rebasing: $0[start...])) }
            }
        }
    }

    /// Whether the table has any row to offer: a table with a header only is never published.
    var isEmpty: Bool { rows.isEmpty && footer.isEmpty }

    /// The Table Schema type of each column after `rad`: `integer` when every value is a
    /// whole number, `number` when some has a decimal point, otherwise `string`. Empty cells are
    /// missing values and do not decide the type.
    func fieldTypes() -> [String] {
        columns.indices.map { index in
            guard columns[index].numeric else { return "string" }
            var any = false, point = false
            for group in [rows, footer] {
                for row in group where index < row.cells.count && !row.cells[index].raw.isEmpty {
                    let raw = row.cells[index].raw
                    guard CSVText.isPlainNumber(raw) else { return "string" }
                    any = true
                    if raw.utf8.contains(UInt8(ascii: ".")) { point = true }
                }
            }
            return !any ? "string" : point ? "number" : "integer"
        }
    }

    /// The table as JSON: id, caption, column labels, and one object per row keyed by label
    /// (keys sorted; where two columns share a label, the first one's value is kept).
    func json() -> String { String(decoding: downloadFiles().json, as: UTF8.self) }

    /// `json()` as UTF-8: two spaces per level, `"key" : value`, an empty list as `[]`.
    func jsonBytes() -> [UInt8] {
        let keys = ["rad"] + columns.map(\.label)
        // Each distinct key (as a Swift dictionary tells keys apart) with the first position that
        // has it, sorted: the same for every row. Position 0 is the row's id, n the n-th cell.
        // A table has a handful of columns: a linear search is cheaper than hashing each label.
        var first: [(key: String, position: Int)] = []
        for (position, key) in keys.enumerated() where !first.contains(where: { $0.key == key }) { first.append((key, position)) }
        // Each key written once as JSON (`"key" : `), all in one buffer, then copied into every row.
        var keyBytes = ByteWriter()
        let order = first.sorted { $0.key < $1.key }.map { entry -> (start: Int, end: Int, position: Int) in
            let start = keyBytes.count
            JSONText.appendString(entry.key, to: &keyBytes)
            UTF8Bytes.appendLiteral(" : ", to: &keyBytes)
            return (start, keyBytes.count, entry.position)
        }
        var out = ByteWriter(capacity: 2 * estimatedSize)
        UTF8Bytes.appendLiteral("{\n  \"caption\" : ", to: &out)
        JSONText.appendString(caption, to: &out)
        UTF8Bytes.appendLiteral(",\n  \"columns\" : [", to: &out)
        // One level deep, each label on a line of its own (never empty: `rad` is first).
        for (index, key) in keys.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONText.appendNewline(indent: 2, to: &out)
            JSONText.appendString(key, to: &out)
        }
        JSONText.appendNewline(indent: 1, to: &out)
        out.append(UInt8(ascii: "]"))
        UTF8Bytes.appendLiteral(",\n  \"id\" : ", to: &out)
        JSONText.appendString(id, to: &out)
        UTF8Bytes.appendLiteral(",\n  \"rows\" : ", to: &out)
        if isEmpty {
            UTF8Bytes.appendLiteral("[]", to: &out)
        } else {
            out.append(UInt8(ascii: "["))
            var firstRow = true
            func write(_ rows: [Row], to out: inout ByteWriter) {
                for row in rows.indices {
                    UTF8Bytes.appendLiteral(firstRow ? "\n    {" : ",\n    {", to: &out)
                    firstRow = false
                    var firstKey = true
                    // A row shorter than the columns has no value for the columns it lacks.
                    for (start, end, position) in order where position <= rows[row].cells.count {
                        UTF8Bytes.appendLiteral(firstKey ? "\n      " : ",\n      ", to: &out)
                        firstKey = false
                        keyBytes.withBytes { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[start..<end])) }
                        JSONText.appendString(position == 0 ? rows[row].id : rows[row].cells[position - 1].raw, to: &out)
                    }
                    UTF8Bytes.appendLiteral("\n    }", to: &out)
                }
            }
            write(rows, to: &out)
            write(footer, to: &out)
            UTF8Bytes.appendLiteral("\n  ]", to: &out)
        }
        UTF8Bytes.appendLiteral("\n}\n", to: &out)
        return out.bytes()
    }
}

/// The downloads of a table once made; shared by copies of the table, replaced when it changes.
final class DownloadCache: @unchecked Sendable {
    // Unchecked: `files` is read and written only while holding `lock`.
    private let lock = NSLock()
    private var files: DataTable.Downloads?

    /// The files made before, or those `make` returns now (kept for the next call).
    func value(_ make: () -> DataTable.Downloads) -> DataTable.Downloads {
        lock.withLock {
            if let files { return files }
            let made = make()
            files = made
            return made
        }
    }
}

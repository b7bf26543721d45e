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

    var id: String
    var caption: String
    var note: String? = nil
    var columns: [(label: String, numeric: Bool)]
    var rows: [Row]
    var footer: [Row] = []
    var downloadable = true
    /// Where the figures come from, printed under the table (required: every table names its source).
    var source: TableSource

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
        DownloadsVM(csv: csvName, csvSize: SwedishFormat.fileSize(csv().utf8.count),
                    spreadsheet: spreadsheetName, spreadsheetSize: SwedishFormat.fileSize(spreadsheetCSV().utf8.count),
                    json: jsonName, jsonSize: SwedishFormat.fileSize(json().utf8.count))
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
    func csv() -> String {
        var text = CSVText.row(["rad"] + columns.map(\.label))
        for row in rows + footer { text += CSVText.row([row.id] + row.cells.map(\.raw)) }
        return text
    }

    /// The table for Swedish spreadsheets: UTF-8 with a byte-order mark, semicolons, decimal
    /// commas (`CSVText.spreadsheetRow`), so Excel and LibreOffice open it as columns of numbers.
    func spreadsheetCSV() -> String {
        var text = CSVText.byteOrderMark + CSVText.spreadsheetRow(["rad"] + columns.map(\.label))
        for row in rows + footer { text += CSVText.spreadsheetRow([row.id] + row.cells.map(\.raw)) }
        return text
    }

    /// Whether the table has any row to offer: a table with a header only is never published.
    var isEmpty: Bool { rows.isEmpty && footer.isEmpty }

    /// The Table Schema type of each column after `rad`: `integer` when every value is a
    /// whole number, `number` when some has a decimal point, otherwise `string`. Empty cells are
    /// missing values and do not decide the type.
    func fieldTypes() -> [String] {
        columns.indices.map { index in
            let values = (rows + footer).compactMap { index < $0.cells.count ? $0.cells[index].raw : nil }.filter { !$0.isEmpty }
            guard columns[index].numeric, !values.isEmpty, values.allSatisfy(CSVText.isPlainNumber) else { return "string" }
            return values.contains { $0.contains(".") } ? "number" : "integer"
        }
    }

    /// The table as JSON: id, caption, column labels, and one object per row keyed by label
    /// (keys sorted; where two columns share a label, the first one's value is kept).
    func json() -> String {
        let keys = ["rad"] + columns.map(\.label)
        let records = (rows + footer).map { row -> JSONText.Value in
            var values: [String: String] = [:]
            for (key, value) in zip(keys, [row.id] + row.cells.map(\.raw)) where values[key] == nil { values[key] = value }
            return .object(values.keys.sorted().map { ($0, .string(values[$0]!)) })
        }
        let root = JSONText.Value.object([
            ("caption", .string(caption)), ("columns", .array(keys.map { .string($0) })),
            ("id", .string(id)), ("rows", .array(records)),
        ])
        return root.text() + "\n"
    }
}

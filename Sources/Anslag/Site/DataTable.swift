import Foundation

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

    func viewModel() -> TableVM {
        func row(_ r: Row) -> RowVM {
            RowVM(id: r.id, cells: r.cells.map { CellVM(text: $0.display, isHeader: $0.header, numeric: $0.numeric, href: $0.href ?? "", hasLink: $0.href != nil, level: $0.level) })
        }
        return TableVM(id: id, caption: caption, note: note, headers: columns.map { HeaderVM(text: $0.label, numeric: $0.numeric) },
                       rows: rows.map(row), footer: footer.map(row), hasFooter: !footer.isEmpty,
                       downloads: downloadable ? DownloadsVM(csv: "\(id).csv", json: "\(id).json") : nil)
    }

    func csv() -> String {
        var lines = [(["rad"] + columns.map(\.label)).map(OpenData.escape).joined(separator: ",")]
        for row in rows + footer {
            lines.append(([row.id] + row.cells.map(\.raw)).map(OpenData.escape).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The table as JSON; an encoding failure is thrown, never written as an empty file.
    func json() throws -> String {
        struct Record: Encodable {
            var id: String, caption: String, columns: [String], rows: [[String: String]]
        }
        let keys = ["rad"] + columns.map(\.label)
        let rows = (rows + footer).map { row in Dictionary(zip(keys, [row.id] + row.cells.map(\.raw)), uniquingKeysWith: { first, _ in first }) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let data = try encoder.encode(Record(id: id, caption: caption, columns: keys, rows: rows))
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

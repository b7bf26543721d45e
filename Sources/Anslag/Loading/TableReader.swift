/// A CSV table with a header row whose first column names a region or county.
struct RegionTable {
    var headings: [CSVCell]
    var rows: [(name: CSVCell, cells: [String: CSVCell], location: SourceLocation, region: Region?)]
    var total: (name: CSVCell, cells: [String: CSVCell], location: SourceLocation)?

    /// Reads a table, resolving each row's name; `totalRow` is the label of a printed totals row.
    /// Every region must appear exactly once. A bad row does not hide the next: every row's
    /// problem is reported, and the check for missing regions runs only when every row was read.
    static func read(_ file: String, root: URL, regions: RegionRegistry, nameColumn: String?, totalRow: String?,
                     requiredColumns: [String]? = nil) throws -> RegionTable {
        let source = try SourceText.read(file, root: root)
        let records = try CSVReader.read(source)
        guard let header = records.first else { throw Diagnostic.error(.emptyFile, at: .file(file), "file is empty") }
        let headings = header.cells
        if let nameColumn, RegionRegistry.normalized(headings[0].text) != RegionRegistry.normalized(nameColumn) {
            throw Diagnostic.error(.wrongHeading, at: headings[0].location,
                                   "the first column must be '\(nameColumn)', found '\(headings[0].text)'")
        }
        var seenHeadings: Set<String> = []
        for heading in headings {
            if !seenHeadings.insert(heading.text).inserted {
                throw Diagnostic.error(.duplicateColumn, at: heading.location, "column '\(heading.text)' appears twice")
            }
        }
        if let requiredColumns {
            for column in requiredColumns where !seenHeadings.contains(column) {
                throw Diagnostic.error(.missingColumn, at: header.location, "missing column '\(column)'",
                                       notes: ["the header has: " + headings.map(\.text).joined(separator: ", ")])
            }
        }
        var table = RegionTable(headings: headings, rows: [], total: nil)
        var seen: [String: SourceLocation] = [:]
        var problems = Diagnostics()
        for record in records.dropFirst() {
            _ = problems.capture { try table.add(record, headings: headings, totalRow: totalRow, regions: regions, seen: &seen) }
        }
        // A row that could not be read would also count as missing: report only what is wrong.
        guard !problems.hasErrors else { throw DiagnosticList(problems.all) }
        let missing = regions.regions.filter { seen[$0.id] == nil }
        if !missing.isEmpty {
            throw Diagnostic.error(.missingRow, at: SourceLocation(file: file, line: (records.last?.location.line ?? 1) + 1, column: 1),
                                   "the table has no row for " + missing.map(\.name).joined(separator: ", "),
                                   notes: ["every one of the \(regions.regions.count) regions needs a row"])
        }
        if let totalRow, table.total == nil {
            throw Diagnostic.error(.missingRow, at: SourceLocation(file: file, line: (records.last?.location.line ?? 1) + 1, column: 1),
                                   "the totals row '\(totalRow)' is missing")
        }
        return table
    }

    /// Adds one row (or the totals row), or throws what is wrong with it.
    private mutating func add(_ record: CSVRecord, headings: [CSVCell], totalRow: String?, regions: RegionRegistry,
                              seen: inout [String: SourceLocation]) throws {
        guard record.cells.count == headings.count else {
            let where_ = record.cells.count > headings.count ? record.cells[headings.count].location : record.location
            throw Diagnostic.error(.columnCount, at: where_,
                                   "row has \(record.cells.count) cells, expected \(headings.count) as in the header")
        }
        var cells: [String: CSVCell] = [:]
        for (heading, cell) in zip(headings, record.cells) { cells[heading.text] = cell }
        let name = record.cells[0]
        if let totalRow, RegionRegistry.normalized(name.text) == RegionRegistry.normalized(totalRow) {
            if total != nil {
                throw Diagnostic.error(.duplicateRow, at: name.location, "the totals row '\(totalRow)' appears twice")
            }
            total = (name, cells, record.location)
            return
        }
        if total != nil {
            throw Diagnostic.error(.rowAfterTotal, at: name.location, "row '\(name.text)' comes after the totals row")
        }
        let region = try regions.resolve(name.text, at: name.location)
        if let first = seen[region.id] {
            throw Diagnostic.error(.duplicateRow, at: name.location, "\(region.name) has a second row here",
                                   notes: ["first row at \(first)"])
        }
        seen[region.id] = name.location
        rows.append((name, cells, record.location, region))
    }
}

import Foundation

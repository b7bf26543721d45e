import Foundation

extension AgreementLoader {
    // MARK: - Input tables

    static func input(_ value: YAMLValue, folder: String, root: URL, regions: RegionRegistry) throws -> InputTable {
        let map = try value.mapping()
        let kindValue = try map.required("kind")
        let kindText = try kindValue.string()
        guard let kind = InputKind(rawValue: kindText) else {
            throw Diagnostic.error(.unknownInputKind, at: kindValue.location, "unknown input kind '\(kindText)'",
                                   notes: ["expected one of: " + InputKind.allCases.map(\.rawValue).joined(separator: ", ")])
        }
        var table = InputTable(id: try map.required("id").identifier(), kind: kind, date: try map.optional("date")?.dateOrYear(),
                               file: nil, source: try map.optional("source")?.string(),
                               unavailable: try map.optional("unavailable")?.string(),
                               totalRow: try map.optional("total_row")?.string(), values: [:], rowLocations: [:],
                               location: value.location)
        let fileValue = map.optional("file")
        try map.finish()
        switch (fileValue, table.unavailable) {
        case (nil, nil):
            throw Diagnostic.error(.missingKey, at: value.location, "input '\(table.id)' needs a 'file' or an 'unavailable' reason")
        case (.some(let f), .some):
            throw Diagnostic.error(.conflictingKeys, at: f.location, "input '\(table.id)' has both a file and an 'unavailable' reason")
        case (nil, .some):
            return table
        case (.some(let f), nil):
            let path = try safePath(f, folder: folder)
            table.file = path
            let csv = try atFileValue(f) { try RegionTable.read(path, root: root, regions: regions, nameColumn: nil, totalRow: table.totalRow) }
            guard csv.headings.count == 1 + kind.valueColumns else {
                throw Diagnostic.error(.columnCount, at: csv.headings[0].location,
                                       "an input of kind \(kind.rawValue) has \(1 + kind.valueColumns) columns (a name and \(kind.valueColumns == 1 ? "one value" : "three counts")), found \(csv.headings.count)")
            }
            var sums = Array(repeating: 0, count: kind.valueColumns)
            var problems = Diagnostics()
            for row in csv.rows {
                // Every bad cell is reported, not only the first.
                let values = csv.headings.dropFirst().map { heading in
                    problems.capture { try NumberCell.wholeNumber(row.cells[heading.text]!, what: "'\(heading.text)'") }
                }
                guard values.allSatisfy({ $0 != nil }) else { continue }
                table.values[row.region!.id] = values.map { $0! }
                table.rowLocations[row.region!.id] = row.location
                for i in values.indices {
                    do { sums[i] = try Checked.add(sums[i], values[i]!) } catch {
                        throw Diagnostic.overflow(at: row.location, "the total of column '\(csv.headings[i + 1].text)' of input '\(table.id)'", error)
                    }
                }
            }
            guard !problems.hasErrors else { throw DiagnosticList(problems.all) }
            if let total = csv.total {
                for (i, heading) in csv.headings.dropFirst().enumerated() {
                    let cell = total.cells[heading.text]!
                    let printed = try NumberCell.wholeNumber(cell, what: "'\(heading.text)'")
                    guard printed == sums[i] else {
                        throw Diagnostic.error(.totalMismatch, at: cell.location,
                                               "the totals row says \(printed) but the rows sum to \(sums[i])")
                    }
                }
            }
            return table
        }
    }

    /// Reports a table file that cannot be read at the `file:` value that names it.
    static func atFileValue<T>(_ value: YAMLValue, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let diagnostic as Diagnostic where diagnostic.id == .missingFile {
            throw Diagnostic.error(.missingFile, at: value.location, diagnostic.message, notes: diagnostic.notes)
        }
    }

    /// A path inside the agreement folder; `..` and absolute paths cannot leave it.
    static func safePath(_ value: YAMLValue, folder: String) throws -> String {
        let text = try value.string()
        let parts = text.split(separator: "/")
        guard !text.hasPrefix("/"), !parts.contains(".."), !parts.contains("."), !parts.isEmpty else {
            throw Diagnostic.error(.unsafePath, at: value.location, "'\(text)' must be a relative path inside the agreement folder")
        }
        return "\(folder)/\(text)"
    }

    // MARK: - Published tables

    static func published(_ value: YAMLValue, folder: String, root: URL, regions: RegionRegistry) throws -> PublishedTable {
        let map = try value.mapping()
        let rowsValue = try map.required("rows")
        guard let rows = TableRows(rawValue: try rowsValue.string()) else {
            throw Diagnostic.error(.unknownRowKind, at: rowsValue.location, "rows must be 'regions' or 'counties'")
        }
        let fileValue = try map.required("file")
        var table = PublishedTable(
            id: try map.required("id").identifier(), title: try map.required("title").string(),
            file: try safePath(fileValue, folder: folder), rows: rows,
            nameColumn: try map.required("name_column").string(), totalRow: try map.optional("total_row")?.string(),
            columns: try map.required("columns").list().map(publishedColumn), body: [], total: nil,
            location: value.location)
        try map.finish()
        let csv = try atFileValue(fileValue) {
            try RegionTable.read(table.file, root: root, regions: regions, nameColumn: table.nameColumn,
                                 totalRow: table.totalRow, requiredColumns: table.columns.map(\.heading))
        }
        let unchecked = csv.headings.dropFirst().filter { heading in !table.columns.contains(where: { $0.heading == heading.text }) }
        if !unchecked.isEmpty {
            throw DiagnosticList(unchecked.map { heading in
                .error(.uncheckedColumn, at: heading.location, "column '\(heading.text)' is not described under 'columns' in agreement.yaml",
                       notes: ["every printed column is checked; add it with input, share_of or pots"])
            })
        }
        table.body = csv.rows.map { PublishedRow(name: $0.name.text, region: $0.region?.id, cells: cellMap($0.cells), location: $0.location) }
        table.total = csv.total.map { PublishedRow(name: $0.name.text, region: nil, cells: cellMap($0.cells), location: $0.location) }
        return table
    }

    private static func cellMap(_ cells: [String: CSVCell]) -> [String: PublishedCell] {
        cells.mapValues { PublishedCell(text: $0.text, location: $0.location) }
    }

    static func publishedColumn(_ value: YAMLValue) throws -> PublishedColumn {
        let map = try value.mapping()
        let heading = try map.required("column").string()
        let choices = [("input", map.optional("input")), ("share_of", map.optional("share_of")), ("pots", map.optional("pots"))]
            .compactMap { name, v in v.map { (name, $0) } }
        try map.finish()
        guard choices.count == 1, let (name, v) = choices.first else {
            throw Diagnostic.error(.columnSource, at: value.location, "column '\(heading)' needs exactly one of input, share_of or pots")
        }
        let meaning: PublishedColumnMeaning
        switch name {
        case "input": meaning = .input(try v.identifier())
        case "share_of": meaning = .shareOf(try v.identifier())
        default: meaning = .pots(try v.list().map { try $0.identifier() })
        }
        return PublishedColumn(heading: heading, meaning: meaning, location: value.location)
    }
}

/// What the rows of a published table are.
public enum TableRows: String, Hashable, Sendable {
    case regions
    case counties
}

/// How one printed column relates to the computation.
public enum PublishedColumnMeaning: Hashable, Sendable {
    /// Must equal an input table's value.
    case input(String)
    /// A printed percentage of an input's total.
    case shareOf(String)
    /// The sum of these pots' amounts for the row's recipient.
    case pots([String])
}

/// A column of a published table.
public struct PublishedColumn: Hashable, Sendable {
    public var heading: String
    public var meaning: PublishedColumnMeaning
    public var location: SourceLocation
}

/// One printed cell, as text, with where it is.
public struct PublishedCell: Hashable, Sendable {
    public var text: String
    public var location: SourceLocation
}

/// One printed row: its name as printed, the region it resolves to, and its cells by heading.
public struct PublishedRow: Hashable, Sendable {
    public var name: String
    public var region: String?
    public var cells: [String: PublishedCell]
    public var location: SourceLocation
}

/// A table the source prints, transcribed cell for cell.
public struct PublishedTable: Hashable, Sendable, Identifiable {
    public var id: String
    public var title: String
    public var file: String
    public var rows: TableRows
    public var nameColumn: String
    public var totalRow: String?
    public var columns: [PublishedColumn]
    /// The body rows, in printed order.
    public var body: [PublishedRow]
    public var total: PublishedRow?
    public var location: SourceLocation

    /// The pots whose amounts the table's columns print (columns of `pots` meaning).
    public var potIDs: Set<String> {
        Set(columns.flatMap { column -> [String] in
            if case .pots(let ids) = column.meaning { return ids }
            return []
        })
    }
}

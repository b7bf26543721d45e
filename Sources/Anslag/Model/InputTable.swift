/// What an input table counts.
public enum InputKind: String, Hashable, Sendable, CaseIterable {
    case population
    case careRecipients = "care-recipients"
    case amounts
    case ruralPopulation = "rural-population"

    /// How many value columns follow the name column.
    public var valueColumns: Int { self == .ruralPopulation ? 3 : 1 }
}

/// A per-region (or per-county) table a key reads.
public struct InputTable: Hashable, Sendable, Identifiable {
    public var id: String
    public var kind: InputKind
    /// The date or year the figures refer to, as written (`2023-11-01`, `2023`).
    public var date: String?
    public var file: String?
    public var source: String?
    /// Why the source lacks this table; then `values` is empty.
    public var unavailable: String?
    public var totalRow: String?
    /// Values per region id, in the order of `InputKind.valueColumns`.
    public var values: [String: [Int]]
    public var rowLocations: [String: SourceLocation]
    public var location: SourceLocation

    /// The sum of the first value column over all regions.
    ///
    /// The loader computes this sum with checked arithmetic when it reads the file (an
    /// overflow there is an error at the row), so for a loaded table it fits in `Int`.
    public var total: Int { values.values.map { $0[0] }.reduce(0, +) }

    /// The single value of a one-column table; for rural population, the urban-near count.
    public func value(for region: String) -> Int? {
        values[region]?.first
    }

    /// The weighted sum of a rural-population row (a one-column table's value otherwise),
    /// multiplied and added with checked arithmetic.
    public func weightedValue(for region: String, weights: RuralWeights = .standard) throws(ArithmeticOverflow) -> Int? {
        guard let row = values[region] else { return nil }
        guard kind == .ruralPopulation, row.count == 3 else { return row.first }
        // Asked for on every page that shows a rural-weighted share: the products and their sum
        // are taken plainly first, and the terms put into words only when one overflows.
        let near = row[0].multipliedReportingOverflow(by: weights.urbanNear), sparse = row[1].multipliedReportingOverflow(by: weights.sparse),
            verySparse = row[2].multipliedReportingOverflow(by: weights.verySparse)
        let first = near.partialValue.addingReportingOverflow(sparse.partialValue)
        let sum = first.partialValue.addingReportingOverflow(verySparse.partialValue)
        if !(near.overflow || sparse.overflow || verySparse.overflow || first.overflow || sum.overflow) { return sum.partialValue }
        return try Checked.sum([
            (label: "urban-near \(row[0]) × weight \(weights.urbanNear)", value: try Checked.multiply(row[0], weights.urbanNear, "urban-near count × weight")),
            (label: "sparse \(row[1]) × weight \(weights.sparse)", value: try Checked.multiply(row[1], weights.sparse, "sparse count × weight")),
            (label: "very sparse \(row[2]) × weight \(weights.verySparse)", value: try Checked.multiply(row[2], weights.verySparse, "very sparse count × weight")),
        ])
    }
}

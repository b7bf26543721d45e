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
    public var total: Int { values.values.map { $0[0] }.reduce(0, +) }

    /// The single value of a one-column table, or the weighted sum for rural population.
    public func value(for region: String, weights: RuralWeights = .standard) -> Int? {
        guard let row = values[region] else { return nil }
        if kind == .ruralPopulation {
            return row[0] * weights.urbanNear + row[1] * weights.sparse + row[2] * weights.verySparse
        }
        return row[0]
    }
}

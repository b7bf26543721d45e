/// A published cell that differs from the computation by at most 1 krona: hand rounding.
public struct RoundingNote: Hashable, Sendable {
    public var table: String
    public var row: String
    public var region: String
    public var column: String
    public var published: Int
    public var computed: Int
    public var location: SourceLocation
}

/// The outcome of comparing one published table with the computation.
public struct TableReconciliation: Sendable {
    public var table: PublishedTable
    public var cellsCompared: Int
    public var roundingNotes: [RoundingNote]
}

/// Compares every published cell with the computed value.
public enum Reconciler {
    public static func reconcile(_ allocation: AgreementAllocation, regions: RegionRegistry) -> ([TableReconciliation], [Diagnostic]) {
        var results: [TableReconciliation] = []
        var diagnostics: [Diagnostic] = []
        for table in allocation.agreement.published {
            var result = TableReconciliation(table: table, cellsCompared: 0, roundingNotes: [])
            for column in table.columns {
                do {
                    try compare(column, in: table, allocation: allocation, result: &result, diagnostics: &diagnostics)
                } catch let diagnostic as Diagnostic {
                    diagnostics.append(diagnostic)
                } catch {
                    diagnostics.append(.error("overflow", at: column.location, "the numbers are too large to compare exactly"))
                }
            }
            results.append(result)
        }
        return (results, diagnostics)
    }

    static func compare(_ column: PublishedColumn, in table: PublishedTable, allocation: AgreementAllocation,
                        result: inout TableReconciliation, diagnostics: inout [Diagnostic]) throws {
        let agreement = allocation.agreement
        let heading = column.heading
        switch column.meaning {
        case .input(let id):
            let input = agreement.input(id)!
            for row in table.body {
                let cell = row.cells[heading]!
                let printed = try NumberCell.wholeNumber(CSVCell(text: cell.text, location: cell.location), what: "'\(heading)'")
                let value = input.value(for: row.region!)!
                result.cellsCompared += 1
                guard printed == value else {
                    throw Diagnostic.error("input-mismatch", at: cell.location,
                                           "\(row.name): '\(heading)' prints \(printed) but input '\(id)' has \(value)",
                                           notes: ["the input is in \(input.file ?? "?") at \(input.rowLocations[row.region!].map(\.description) ?? "?")"])
                }
            }
            if let total = table.total, let cell = total.cells[heading] {
                let printed = try NumberCell.wholeNumber(CSVCell(text: cell.text, location: cell.location), what: "'\(heading)'")
                let sum = input.total
                guard printed == sum else {
                    throw Diagnostic.error("total-mismatch", at: cell.location, "the totals row prints \(printed) but input '\(id)' sums to \(sum)")
                }
            }
        case .shareOf(let id):
            let input = agreement.input(id)!
            let sum = input.total
            for row in table.body + (table.total.map { [$0] } ?? []) {
                let cell = row.cells[heading]!
                let (printed, halfUnit) = try NumberCell.share(CSVCell(text: cell.text, location: cell.location), what: "'\(heading)'")
                let exact = row.region.map { try? Fraction(Int128(input.value(for: $0)!), Int128(sum)) } ?? .one
                guard let exact else { continue }
                let difference = try printed.subtracting(exact)
                let magnitude = difference.numerator < 0 ? try Fraction(-difference.numerator, difference.denominator) : difference
                result.cellsCompared += 1
                guard !(halfUnit < magnitude) else {
                    throw Diagnostic.error("share-mismatch", at: cell.location,
                                           "\(row.name): '\(heading)' prints \(cell.text) but the counts in '\(id)' give \(Percent.text(exact))",
                                           notes: ["a printed share must be the count over the total, rounded to the printed decimals"])
                }
            }
        case .pots(let ids):
            for row in table.body {
                let cell = row.cells[heading]!
                let printed = try NumberCell.wholeNumber(CSVCell(text: cell.text, location: cell.location), what: "'\(heading)'")
                let recipient: Recipient = table.rows == .regions ? .region(row.region!) : .county(row.region!)
                var computed = 0
                for id in ids {
                    guard let amount = allocation.amount(of: id, to: recipient) else {
                        throw Diagnostic.error("not-computable", at: column.location,
                                               "pot '\(id)' has no computed split, so column '\(heading)' cannot be checked")
                    }
                    computed += amount
                }
                result.cellsCompared += 1
                let difference = printed - computed
                if abs(difference) == 1 {
                    result.roundingNotes.append(RoundingNote(table: table.id, row: row.name, region: row.region!, column: heading,
                                                             published: printed, computed: computed, location: cell.location))
                } else if difference != 0 {
                    // Every differing cell is reported, not only the first.
                    diagnostics.append(.error("published-mismatch", at: cell.location,
                                           "\(table.id), row '\(row.name)', column '\(heading)': published \(printed) kr, computed \(computed) kr (difference \(difference) kr)",
                                           notes: ["a difference of at most 1 krona is hand rounding; this is more"]))
                }
            }
            if let total = table.total, let cell = total.cells[heading] {
                let printed = try NumberCell.wholeNumber(CSVCell(text: cell.text, location: cell.location), what: "'\(heading)'")
                let amount = ids.compactMap { allocation.amounts[$0] }.reduce(0, +)
                result.cellsCompared += 1
                guard printed == amount else {
                    throw Diagnostic.error("total-mismatch", at: cell.location,
                                           "\(table.id), totals row, column '\(heading)': published \(printed) kr, but the pots add up to \(amount) kr")
                }
            }
        }
    }
}

/// Percent text for messages, from an exact fraction.
enum Percent {
    static func text(_ value: Fraction) -> String {
        let permille = (try? value.multiplied(by: Fraction(1000)))?.floor ?? 0
        return "\(permille / 10),\(permille % 10)%"
    }
}

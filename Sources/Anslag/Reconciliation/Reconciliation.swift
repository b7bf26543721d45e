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
                } catch is Fraction.Overflow {
                    diagnostics.append(.error(.overflow, at: column.location, "the numbers of column '\(column.heading)' are too large to compare exactly"))
                } catch {
                    diagnostics.append(.error(.internal, at: column.location, "\(error)"))
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
        /// The loader checks every lookup below; a miss is an error at the column or cell, never a trap.
        func input(_ id: String) throws -> InputTable {
            guard let input = agreement.input(id) else {
                throw Diagnostic.error(.unknownInput, at: column.location, "column '\(heading)' names input '\(id)', which is not declared")
            }
            return input
        }
        func cell(_ row: PublishedRow) throws -> PublishedCell {
            guard let cell = row.cells[heading] else {
                throw Diagnostic.error(.publishedMissingCell, at: row.location, "\(table.id), row '\(row.name)' has no cell in column '\(heading)'")
            }
            return cell
        }
        func region(_ row: PublishedRow) throws -> String {
            guard let region = row.region else {
                throw Diagnostic.error(.publishedUnknownRow, at: row.location, "\(table.id): row '\(row.name)' names no known region or county")
            }
            return region
        }
        func value(_ input: InputTable, _ row: PublishedRow) throws -> Int {
            let id = try region(row)
            guard let value = input.value(for: id) else {
                throw Diagnostic.error(.inputMissingRow, at: row.location, "\(row.name): input '\(input.id)' has no row for '\(id)'")
            }
            return value
        }
        switch column.meaning {
        case .input(let id):
            let input = try input(id)
            for row in table.body {
                let cell = try cell(row)
                let printed = try NumberCell.wholeNumber(CSVCell(text: cell.text, location: cell.location), what: "'\(heading)'")
                let value = try value(input, row)
                result.cellsCompared += 1
                guard printed == value else {
                    throw Diagnostic.error(.inputMismatch, at: cell.location,
                                           "\(row.name): '\(heading)' prints \(printed) but input '\(id)' has \(value)",
                                           notes: ["the input is in \(input.file ?? "?") at \(row.region.flatMap { input.rowLocations[$0] }.map(\.description) ?? "?")"])
                }
            }
            if let total = table.total, let cell = total.cells[heading] {
                let printed = try NumberCell.wholeNumber(CSVCell(text: cell.text, location: cell.location), what: "'\(heading)'")
                let sum = input.total
                guard printed == sum else {
                    throw Diagnostic.error(.totalMismatch, at: cell.location, "the totals row prints \(printed) but input '\(id)' sums to \(sum)")
                }
            }
        case .shareOf(let id):
            let input = try input(id)
            let sum = input.total
            for row in table.body + (table.total.map { [$0] } ?? []) {
                let cell = try cell(row)
                let (printed, halfUnit) = try NumberCell.share(CSVCell(text: cell.text, location: cell.location), what: "'\(heading)'")
                // The totals row (no region) prints the whole: exactly 1.
                let exact: Fraction
                if row.region == nil {
                    exact = .one
                } else {
                    guard let share = Fraction.ratio(try value(input, row), sum) else {
                        throw Diagnostic.error(.zeroTotal, at: cell.location,
                                               "\(row.name): '\(heading)' prints a share of input '\(id)', but its counts sum to zero")
                    }
                    exact = share
                }
                let difference = try printed.subtracting(exact)
                let magnitude = difference.numerator < 0 ? try Fraction(-difference.numerator, difference.denominator) : difference
                result.cellsCompared += 1
                guard !(halfUnit < magnitude) else {
                    throw Diagnostic.error(.shareMismatch, at: cell.location,
                                           "\(row.name): '\(heading)' prints \(cell.text) but the counts in '\(id)' give \(Percent.text(exact))",
                                           notes: ["a printed share must be the count over the total, rounded to the printed decimals"])
                }
            }
        case .pots(let ids):
            for row in table.body {
                let cell = try cell(row)
                let printed = try NumberCell.wholeNumber(CSVCell(text: cell.text, location: cell.location), what: "'\(heading)'")
                let region = try region(row)
                let recipient: Recipient = table.rows == .regions ? .region(region) : .county(region)
                var terms: [(label: String, value: Int)] = []
                for id in ids {
                    guard let amount = allocation.amount(of: id, to: recipient) else {
                        throw Diagnostic.error(.notComputable, at: column.location,
                                               "pot '\(id)' has no computed split, so column '\(heading)' cannot be checked")
                    }
                    terms.append((label: "'\(id)'", value: amount))
                }
                let computed: Int
                do { computed = try Checked.sum(terms) } catch {
                    throw Diagnostic.overflow(at: column.location, "the sum of the pots of column '\(heading)' for \(row.name)", error)
                }
                result.cellsCompared += 1
                // Both are in 0...Int.max, so the difference cannot overflow.
                let difference = printed - computed
                if abs(difference) <= tolerance && difference != 0 {
                    result.roundingNotes.append(RoundingNote(table: table.id, row: row.name, region: region, column: heading,
                                                             published: printed, computed: computed, location: cell.location))
                } else if difference != 0 {
                    // Every differing cell is reported, not only the first.
                    diagnostics.append(.error(.publishedMismatch, at: cell.location,
                                           "\(table.id), row '\(row.name)', column '\(heading)': published \(printed) kr, computed \(computed) kr (difference \(difference) kr)",
                                           notes: ["a difference of at most \(tolerance) krona is hand rounding; this is more"]))
                }
            }
            if let total = table.total, let cell = total.cells[heading] {
                let printed = try NumberCell.wholeNumber(CSVCell(text: cell.text, location: cell.location), what: "'\(heading)'")
                let amount: Int
                do { amount = try Checked.sum(ids.compactMap { id in allocation.amounts[id].map { (label: "'\(id)'", value: $0) } }) } catch {
                    throw Diagnostic.overflow(at: column.location, "the sum of the pots of column '\(heading)' for the totals row", error)
                }
                result.cellsCompared += 1
                guard printed == amount else {
                    throw Diagnostic.error(.totalMismatch, at: cell.location,
                                           "\(table.id), totals row, column '\(heading)': published \(printed) kr, but the pots add up to \(amount) kr")
                }
            }
        }
    }

    /// The largest difference between a published and a computed cell taken as hand rounding.
    static let tolerance = 1
}

/// Percent text for messages, from an exact fraction: truncated to one decimal, `23,2%`.
enum Percent {
    static func text(_ value: Fraction) -> String {
        let (negative, whole, digits) = value.decimal(places: 3, rounding: .towardZero)
        // Per cent with one decimal: the first three decimals of the value, the point moved two places.
        let percent = whole * 100 + UInt128(digits[0]) * 10 + UInt128(digits[1])
        return (negative ? "-" : "") + "\(percent),\(digits[2])%"
    }
}

import Foundation

/// Machine-readable downloads: JSON of every computed allocation, CSV per pot.
enum OpenData {
    struct ShareRecord: Codable {
        var recipient: String; var name: String; var amount: Int
        /// How the amount was computed, step by step; absent when the pot goes whole to one recipient.
        var derivation: Derivation? = nil
    }
    struct PotRecord: Codable {
        var id: String, title: String, parent: String?, amount: Int?, recipient: String
        var via_skr: Bool, status: String, reason: String?, shares: [ShareRecord]
    }
    struct NoteRecord: Codable { var table: String; var row: String; var column: String; var published: Int; var computed: Int }
    struct AgreementRecord: Codable {
        var id: String, title: String, year: Int, series: String, pots: [PotRecord]
        var published_cells_compared: Int, rounding_notes: [NoteRecord]
    }
    struct Root: Codable { var schema: String; var agreements: [AgreementRecord] }

    static func name(_ recipient: Recipient, regions: RegionRegistry) -> String {
        switch recipient {
        case .region(let id): return regions.region(id: id)?.name ?? id
        case .county(let id): return "Kommunerna i \(regions.region(id: id)?.county ?? id) (via RSS)"
        case .skr: return "SKR"
        case .samverkansregion(let id): return regions.samverkansregioner.first { $0.id == id }?.name ?? id
        }
    }

    static func recipientCode(_ kind: RecipientKind) -> String {
        switch kind {
        case .regions: return "regions"
        case .municipalities: return "municipalities"
        case .skr: return "skr"
        case .region(let id): return "region:\(id)"
        case .samverkansregioner: return "samverkansregioner"
        case .regionsAndMunicipalities: return "regions-and-municipalities"
        case .mixed: return "mixed"
        }
    }

    /// Every computed allocation as JSON; an encoding failure is thrown, never written as an empty file.
    static func json(_ site: CheckedSite, regions: RegionRegistry) throws -> String {
        let agreements = site.allocations.map { allocation -> AgreementRecord in
            let pots = allocation.agreement.pots.map { pot -> PotRecord in
                var status = "mixed", reason: String? = nil, shares: [ShareRecord] = []
                switch allocation.pots[pot.id] {
                case .distributed(let list)?:
                    status = "distributed"
                    shares = list.map { share in
                        ShareRecord(recipient: share.recipient.code, name: name(share.recipient, regions: regions), amount: share.amount,
                                    derivation: Derivations.make(pot, for: share.recipient, allocation: allocation,
                                                                 reconciliations: site.reconciliations[allocation.agreement.id] ?? [], regions: regions))
                    }
                case .notDistributed(let r)?: status = "not-distributed"; reason = r
                case .notComputable(let r)?: status = "not-computable"; reason = r
                case .mixed?, nil: break
                }
                return PotRecord(id: pot.id, title: pot.title, parent: pot.parent, amount: allocation.amounts[pot.id],
                                 recipient: recipientCode(pot.recipient), via_skr: pot.viaSKR, status: status, reason: reason, shares: shares)
            }
            let tables = site.reconciliations[allocation.agreement.id] ?? []
            return AgreementRecord(
                id: allocation.agreement.id, title: allocation.agreement.title, year: allocation.agreement.year,
                series: allocation.agreement.series, pots: pots,
                // At most one per published cell: far below Int.max.
                published_cells_compared: tables.map(\.cellsCompared).reduce(0, +),
                rounding_notes: tables.flatMap(\.roundingNotes).map {
                    NoteRecord(table: $0.table, row: $0.row, column: $0.column, published: $0.published, computed: $0.computed)
                })
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let data = try encoder.encode(Root(schema: "anslag-allocations/1", agreements: agreements))
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func csv(_ shares: [Share], regions: RegionRegistry) -> String {
        var text = CSVText.row(["mottagare", "namn", "belopp_kr"])
        for share in shares { text += CSVText.row([share.recipient.code, name(share.recipient, regions: regions), String(share.amount)]) }
        return text
    }
}

import Foundation

/// Machine-readable downloads: JSON of every computed allocation, CSV per pot.
enum OpenData {
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

    /// Every computed allocation as JSON (`data/anslag.json`), written straight to bytes: keys in
    /// sorted order, two-space indentation, `"key" : value`, absent optionals left out. Writing
    /// it cannot fail, so there is no error to turn into an empty file.
    static func json(_ site: CheckedSite, regions: RegionRegistry) -> [UInt8] {
        var json = PrettyJSON()
        write(site, regions: regions, to: &json)
        return json.bytes()
    }

    /// `json(site)` as the file `path`; with `spill`, its bytes go there a megabyte at a time
    /// instead of being held (at 10 000 pages the file is 30 MB), and the file is a spilled one.
    static func file(_ site: CheckedSite, regions: RegionRegistry, path: String, spill: SpillFile?) throws -> OutputFile {
        var json = PrettyJSON()
        json.spill = spill
        write(site, regions: regions, to: &json)
        guard let spill else { return OutputFile(path: path, bytes: json.bytes()) }
        try json.finishSpilling()
        return OutputFile(path: path, spilled: spill)
    }

    private static func write(_ site: CheckedSite, regions: RegionRegistry, to json: inout PrettyJSON) {
        // Each input's sum over the regions, taken once for the whole file: the derivations of
        // every pot that splits by that input need it.
        let totals = Derivations.Totals()
        json.object { json in
            json.member("agreements")
            json.objects(site.allocations) { json, allocation in
                let tables = site.reconciliations[allocation.agreement.id] ?? []
                json.member("id", allocation.agreement.id)
                json.member("pots")
                json.objects(allocation.agreement.pots) { json, pot in write(pot, of: allocation, site: site, regions: regions, totals: totals, to: &json) }
                // At most one per published cell: far below Int.max.
                json.member("published_cells_compared", tables.map(\.cellsCompared).reduce(0, +))
                json.member("rounding_notes")
                json.objects(tables.flatMap(\.roundingNotes)) { json, note in
                    json.member("column", note.column)
                    json.member("computed", note.computed)
                    json.member("published", note.published)
                    json.member("row", note.row)
                    json.member("table", note.table)
                }
                json.member("series", allocation.agreement.series)
                json.member("title", allocation.agreement.title)
                json.member("year", allocation.agreement.year)
                json.spillIfFull()
            }
            json.member("schema", "anslag-allocations/1")
        }
        json.out.append(0x0A)
    }

    /// The members of one pot's object.
    private static func write(_ pot: Pot, of allocation: AgreementAllocation, site: CheckedSite, regions: RegionRegistry,
                              totals: Derivations.Totals, to json: inout PrettyJSON) {
        var status = "mixed", reason: String? = nil, shares: [Share] = []
        switch allocation.pots[pot.id] {
        case .distributed(let list)?: status = "distributed"; shares = list
        case .notDistributed(let r)?: status = "not-distributed"; reason = r
        case .notComputable(let r)?: status = "not-computable"; reason = r
        case .mixed?, nil: break
        }
        if let amount = allocation.amounts[pot.id] { json.member("amount", amount) }
        json.member("id", pot.id)
        if let parent = pot.parent { json.member("parent", parent) }
        if let reason { json.member("reason", reason) }
        json.member("recipient", recipientCode(pot.recipient))
        json.member("shares")
        let reconciliations = site.reconciliations[allocation.agreement.id] ?? []
        json.objects(shares) { json, share in
            json.member("amount", share.amount)
            if let derivation = Derivations.make(pot, for: share.recipient, allocation: allocation, reconciliations: reconciliations,
                                                 regions: regions, totals: totals) {
                json.member("derivation")
                json.object { write(derivation, to: &$0) }
            }
            json.member("name", name(share.recipient, regions: regions))
            json.member("recipient", share.recipient.code)
        }
        json.member("status", status)
        json.member("title", pot.title)
        json.member("via_skr", pot.viaSKR)
    }

    /// The members of one derivation's object.
    private static func write(_ d: Derivation, to json: inout PrettyJSON) {
        json.member("amount", d.amount)
        if let base = d.basePerRecipient { json.member("base_per_recipient", base) }
        json.member("exact_decimal", d.exactDecimal)
        json.member("exact_denominator", d.exactDenominator)
        json.member("exact_numerator", d.exactNumerator)
        json.member("floor", d.floor)
        json.member("got_leftover_krona", d.gotLeftoverKrona)
        json.member("inputs")
        json.objects(d.inputs) { json, input in
            json.member("value", input.value)
            json.member("what", input.what)
        }
        json.member("key", d.key)
        json.member("leftover_kronor", d.leftoverKronor)
        json.member("parts")
        json.objects(d.parts) { json, part in
            json.member("amount", part.amount)
            json.member("pot", part.pot)
            json.member("title", part.title)
        }
        json.member("pot", d.pot)
        json.member("pot_amount", d.potAmount)
        json.member("published")
        json.objects(d.published) { json, cell in
            json.member("column", cell.column)
            json.member("difference", cell.difference)
            json.member("printed", cell.printed)
            json.member("table", cell.table)
            json.member("table_title", cell.tableTitle)
        }
        json.member("recipient", d.recipient)
        json.member("recipients", d.recipients)
        if let decimal = d.shareDecimal { json.member("share_decimal", decimal) }
        if let denominator = d.shareDenominator { json.member("share_denominator", denominator) }
        if let numerator = d.shareNumerator { json.member("share_numerator", numerator) }
        json.member("split_by_share", d.splitByShare)
    }

    static func csv(_ shares: [Share], regions: RegionRegistry) -> String {
        var text = CSVText.row(["mottagare", "namn", "belopp_kr"])
        for share in shares { text += CSVText.row([share.recipient.code, name(share.recipient, regions: regions), String(share.amount)]) }
        return text
    }
}

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
        json.open("{")
        json.member("agreements")
        json.open("[")
        for allocation in site.allocations {
            let tables = site.reconciliations[allocation.agreement.id] ?? []
            json.element()
            json.open("{")
            json.member("id"); json.string(allocation.agreement.id)
            json.member("pots")
            json.open("[")
            for pot in allocation.agreement.pots { write(pot, of: allocation, site: site, regions: regions, to: &json) }
            json.close("]")
            // At most one per published cell: far below Int.max.
            json.member("published_cells_compared"); json.int(tables.map(\.cellsCompared).reduce(0, +))
            json.member("rounding_notes")
            json.open("[")
            for note in tables.flatMap(\.roundingNotes) {
                json.element()
                json.open("{")
                json.member("column"); json.string(note.column)
                json.member("computed"); json.int(note.computed)
                json.member("published"); json.int(note.published)
                json.member("row"); json.string(note.row)
                json.member("table"); json.string(note.table)
                json.close("}")
            }
            json.close("]")
            json.member("series"); json.string(allocation.agreement.series)
            json.member("title"); json.string(allocation.agreement.title)
            json.member("year"); json.int(allocation.agreement.year)
            json.close("}")
        }
        json.close("]")
        json.member("schema"); json.string("anslag-allocations/1")
        json.close("}")
        json.out.append(0x0A)
        return json.out
    }

    private static func write(_ pot: Pot, of allocation: AgreementAllocation, site: CheckedSite, regions: RegionRegistry, to json: inout PrettyJSON) {
        var status = "mixed", reason: String? = nil, shares: [Share] = []
        switch allocation.pots[pot.id] {
        case .distributed(let list)?: status = "distributed"; shares = list
        case .notDistributed(let r)?: status = "not-distributed"; reason = r
        case .notComputable(let r)?: status = "not-computable"; reason = r
        case .mixed?, nil: break
        }
        json.element()
        json.open("{")
        if let amount = allocation.amounts[pot.id] { json.member("amount"); json.int(amount) }
        json.member("id"); json.string(pot.id)
        if let parent = pot.parent { json.member("parent"); json.string(parent) }
        if let reason { json.member("reason"); json.string(reason) }
        json.member("recipient"); json.string(recipientCode(pot.recipient))
        json.member("shares")
        json.open("[")
        let reconciliations = site.reconciliations[allocation.agreement.id] ?? []
        for share in shares {
            json.element()
            json.open("{")
            json.member("amount"); json.int(share.amount)
            if let derivation = Derivations.make(pot, for: share.recipient, allocation: allocation, reconciliations: reconciliations, regions: regions) {
                json.member("derivation"); write(derivation, to: &json)
            }
            json.member("name"); json.string(name(share.recipient, regions: regions))
            json.member("recipient"); json.string(share.recipient.code)
            json.close("}")
        }
        json.close("]")
        json.member("status"); json.string(status)
        json.member("title"); json.string(pot.title)
        json.member("via_skr"); json.bool(pot.viaSKR)
        json.close("}")
    }

    private static func write(_ d: Derivation, to json: inout PrettyJSON) {
        json.open("{")
        json.member("amount"); json.int(d.amount)
        if let base = d.basePerRecipient { json.member("base_per_recipient"); json.int(base) }
        json.member("exact_decimal"); json.string(d.exactDecimal)
        json.member("exact_denominator"); json.string(d.exactDenominator)
        json.member("exact_numerator"); json.string(d.exactNumerator)
        json.member("floor"); json.int(d.floor)
        json.member("got_leftover_krona"); json.bool(d.gotLeftoverKrona)
        json.member("inputs")
        json.open("[")
        for input in d.inputs {
            json.element()
            json.open("{")
            json.member("value"); json.int(input.value)
            json.member("what"); json.string(input.what)
            json.close("}")
        }
        json.close("]")
        json.member("key"); json.string(d.key)
        json.member("leftover_kronor"); json.int(d.leftoverKronor)
        json.member("parts")
        json.open("[")
        for part in d.parts {
            json.element()
            json.open("{")
            json.member("amount"); json.int(part.amount)
            json.member("pot"); json.string(part.pot)
            json.member("title"); json.string(part.title)
            json.close("}")
        }
        json.close("]")
        json.member("pot"); json.string(d.pot)
        json.member("pot_amount"); json.int(d.potAmount)
        json.member("published")
        json.open("[")
        for cell in d.published {
            json.element()
            json.open("{")
            json.member("column"); json.string(cell.column)
            json.member("difference"); json.int(cell.difference)
            json.member("printed"); json.int(cell.printed)
            json.member("table"); json.string(cell.table)
            json.member("table_title"); json.string(cell.tableTitle)
            json.close("}")
        }
        json.close("]")
        json.member("recipient"); json.string(d.recipient)
        json.member("recipients"); json.int(d.recipients)
        if let decimal = d.shareDecimal { json.member("share_decimal"); json.string(decimal) }
        if let denominator = d.shareDenominator { json.member("share_denominator"); json.string(denominator) }
        if let numerator = d.shareNumerator { json.member("share_numerator"); json.string(numerator) }
        json.member("split_by_share"); json.int(d.splitByShare)
        json.close("}")
    }

    static func csv(_ shares: [Share], regions: RegionRegistry) -> String {
        var text = CSVText.row(["mottagare", "namn", "belopp_kr"])
        for share in shares { text += CSVText.row([share.recipient.code, name(share.recipient, regions: regions), String(share.amount)]) }
        return text
    }
}

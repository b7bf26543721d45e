import Foundation

/// One labelled step of a derivation.
public struct DerivationStepVM: Sendable {
    public var label: String
    public var text: String
}

extension DerivationStepVM: TemplateObject {
    public func templateFields(into tree: inout TemplateTree) {
        tree.field("label", label)
        tree.field("text", text)
    }
}

/// "How was this computed?" for one figure: an anchor, a summary line and the steps.
public struct DerivationVM: Sendable {
    public var id: String
    public var summary: String
    public var steps: [DerivationStepVM]
}

extension DerivationVM: TemplateObject {
    public func templateFields(into tree: inout TemplateTree) {
        tree.field("id", id)
        tree.field("summary", summary)
        tree.field("steps", steps)
    }
}

extension PageBuilder {
    /// The anchor of a derivation on the region-year page.
    static func derivationID(_ agreement: String, _ pot: String) -> String { "berakning-\(agreement)-\(pot)" }

    /// The derivation of `recipient`'s amount from `pot`, in Swedish, or nil when the pot is not split.
    func derivationVM(_ pot: Pot, for recipient: Recipient, name: String, place: String, allocation: AgreementAllocation) -> DerivationVM? {
        let a = allocation.agreement
        let s = context.strings
        guard let d = Derivations.make(pot, for: recipient, allocation: allocation, reconciliations: context.site.reconciliations[a.id] ?? [],
                                       regions: context.content.regions, totals: context.derivationTotals) else { return nil }
        let kr = SwedishFormat.kronor
        var steps: [DerivationStepVM] = []
        func step(_ label: SiteStrings.Key, _ text: String) { steps.append(.init(label: s.text(label), text: text)) }
        step(.derivationKey, context.keyText(of: pot, in: a) ?? s.text(.derivationSumOfParts))
        let exact = Self.swedishDecimal(d.exactDecimal) + " kr"
        switch d.key {
        case "sum-of-parts":
            step(.derivationParts, d.parts.map { "\($0.title): \(kr($0.amount))" }.joined(separator: " + ") + " = \(kr(d.amount))")
        case "given":
            let source = pot.key?.inputs.first.flatMap { a.input($0)?.source } ?? a.source.title
            step(.derivationRounding, s.text(.derivationGiven, ["source": source, "amount": kr(d.amount)]))
        default:
            if let input = pot.key?.inputs.first, d.inputs.count == 2, let table = a.input(input) {
                step(.derivationInputs, s.text(.derivationInputsCount, [
                    "what": Self.inputWhat(table, s), "place": place,
                    "mine": SwedishFormat.grouped(d.inputs[0].value), "total": SwedishFormat.grouped(d.inputs[1].value)]))
            }
            if let base = d.basePerRecipient {
                step(.derivationSplit, s.text(.derivationSplitBase, ["pot": kr(d.potAmount), "count": String(d.recipients),
                                                                     "base": kr(base), "split": kr(d.splitByShare)]))
            } else {
                step(.derivationSplit, s.text(.derivationSplitWhole, ["pot": kr(d.potAmount)]))
            }
            let decimal = Self.swedishDecimal(d.shareDecimal ?? "")
            let fraction = d.inputs.count == 2 ? "\(SwedishFormat.grouped(d.inputs[0].value)) / \(SwedishFormat.grouped(d.inputs[1].value))"
                : "\(Self.groupDigits(d.shareNumerator ?? "")) / \(Self.groupDigits(d.shareDenominator ?? ""))"
            step(.derivationShare, "\(fraction) ≈ \(decimal)")
            let product = "\(kr(d.splitByShare)) × \(fraction)"
            step(.derivationExact, (d.basePerRecipient.map { "\(kr($0)) + " } ?? "") + product + " = \(exact)"
                 + " " + s.text(.derivationExactFraction, ["fraction": d.exactDenominator == "1" ? Self.groupDigits(d.exactNumerator)
                                                     : "\(Self.groupDigits(d.exactNumerator)) / \(Self.groupDigits(d.exactDenominator))"]))
            let key: SiteStrings.Key = d.floor == d.amount && d.leftoverKronor == 0 ? .derivationRoundingExact
                : d.gotLeftoverKrona ? .derivationRoundingGot : .derivationRoundingNot
            step(.derivationRounding, s.text(key, ["floor": kr(d.floor), "left": kr(d.leftoverKronor), "count": String(d.recipients),
                                                   "name": name, "amount": kr(d.amount)]))
        }
        if d.key != "given" {
            if d.published.isEmpty {
                step(.derivationPublished, s.text(.derivationPublishedNone))
            }
            for cell in d.published {
                step(.derivationPublished, s.text(cell.difference == 0 ? .derivationPublishedSame : .derivationPublishedDiff, [
                    "table": cell.tableTitle, "column": cell.column, "printed": kr(cell.printed),
                    "difference": SwedishFormat.signedKronor(cell.difference)]))
            }
        }
        return DerivationVM(id: Self.derivationID(a.id, pot.id), summary: s.text(.derivationSummary, ["pot": pot.title, "amount": kr(d.amount)]),
                            steps: steps)
    }

    static func inputWhat(_ table: InputTable, _ s: SiteStrings) -> String {
        let date = table.date.map { ISODate.isValid($0) ? SwedishFormat.date($0) : $0 } ?? ""
        switch table.kind {
        case .population: return s.text(.inputPopulation, ["date": date])
        case .careRecipients: return s.text(.inputCareRecipients, ["date": date])
        case .ruralPopulation: return s.text(.inputRural, ["date": date])
        case .amounts: return table.source ?? table.id
        }
    }

    /// A whole number written as digits, grouped in threes with no-break spaces as the site prints figures.
    static func groupDigits(_ digits: String) -> String {
        // ASCII digits only: anything else (a sign, a Unicode digit) is shown as it is.
        guard digits.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return digits }
        return SwedishFormat.grouped(digits: digits, negative: false)
    }

    /// "945414.2692" as "945 414,2692".
    static func swedishDecimal(_ text: String) -> String {
        let point = text.utf8.firstIndex(of: UInt8(ascii: "."))
        guard let whole = Int(text[..<(point ?? text.endIndex)]) else { return text }
        guard let point else { return SwedishFormat.grouped(whole) }
        return SwedishFormat.grouped(whole) + "," + text[text.utf8.index(after: point)...]
    }
}

/// Warnings about status entries that are valid but probably mistaken.
enum StatusChecks {
    /// A status for a recipient the item does not bind, e.g. a region's status on an SKR-only report.
    static func applicability(_ agreement: Agreement) -> [Diagnostic] {
        agreement.status.compactMap { entry in
            let bindings = agreement.deadlines.first { $0.id == entry.item }?.by ?? agreement.conditions.first { $0.id == entry.item }?.appliesTo ?? []
            guard agreement.match(bindings, recipient: entry.recipient) == .no else { return nil }
            return Diagnostic(.warning, .statusNotApplicable, at: entry.location,
                              "'\(entry.item)' applies to \(bindings.map(\.id).joined(separator: ", ")), not to \(entry.recipient), so this status is never shown",
                              notes: ["check the recipient; the county's municipalities are written rss:<region id>"])
        }
    }
}

/// Warnings about status entries that are valid but probably mistaken.
enum StatusChecks {
    /// A status for a recipient the item does not apply to, e.g. a region's status on an SKR-only report.
    static func applicability(_ agreement: Agreement) -> [Diagnostic] {
        agreement.status.compactMap { entry in
            let group = entry.recipient == "skr" ? "skr" : entry.recipient.hasPrefix("rss:") ? "municipalities" : "regions"
            let applies = agreement.deadlines.first { $0.id == entry.item }?.by ?? agreement.conditions.first { $0.id == entry.item }?.appliesTo ?? []
            guard !applies.contains(group) else { return nil }
            return Diagnostic(.warning, "status-not-applicable", at: entry.location,
                              "'\(entry.item)' applies to \(applies.joined(separator: ", ")), not to \(group), so this status is never shown",
                              notes: ["check the recipient; the county's municipalities are written rss:<region id>"])
        }
    }
}

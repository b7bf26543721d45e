import Foundation

/// Loads an agreement's optional `status.yaml`: what each recipient has done, with evidence.
enum StatusLoader {
    /// The entries and the date the file records through (`recorded_through:`); nil without a file.
    static func load(folder: String, root: URL, agreement: Agreement, regions: RegionRegistry) throws -> (entries: [StatusEntry], recordedThrough: String?) {
        let file = "\(folder)/status.yaml"
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent(file).path) else { return ([], nil) }
        let document = try YAMLValue.parse(SourceText.read(file, root: root))
        let map = try document.mapping()
        let items = agreement.deadlines.map(\.id) + agreement.conditions.map(\.id)
        var seen: [String: SourceLocation] = [:]
        var entries: [StatusEntry] = []
        for value in try map.required("entries").list() {
            let entry = try self.entry(value, items: items, regions: regions)
            let key = "\(entry.recipient)|\(entry.item)"
            if let first = seen[key] {
                throw Diagnostic.error(.duplicateId, at: value.location, "status for '\(entry.recipient)' and '\(entry.item)' is given twice",
                                       notes: ["first given at \(first)"])
            }
            seen[key] = value.location
            entries.append(entry)
        }
        let through = try map.required("recorded_through").isoDate()
        for entry in entries {
            for (date, what) in [(entry.date, "date"), (entry.recorded, "recorded")] {
                guard let date, date > through else { continue }
                throw Diagnostic.error(.dateAfterRecord, at: entry.location, "\(what) \(date) is after recorded_through \(through)",
                                       notes: ["recorded_through is the last day the file records; move it forward or correct the date"])
            }
        }
        try map.finish()
        return (entries, through)
    }

    static func entry(_ value: YAMLValue, items: [String], regions: RegionRegistry) throws -> StatusEntry {
        let map = try value.mapping()
        let recipientValue = try map.required("recipient")
        let recipient = try recipientValue.string()
        let regionID = recipient.hasPrefix("rss:") ? String(recipient.dropFirst(4)) : recipient
        if recipient != "skr" && regions.region(id: regionID) == nil {
            var notes = ["expected skr, a region id such as jamtland-harjedalen, or rss:<region id> for the county's municipalities"]
            if let best = Suggestion.closest(to: regionID, in: regions.regions.map(\.id)) {
                notes.insert("did you mean '\(recipient.hasPrefix("rss:") ? "rss:" : "")\(best)'?", at: 0)
            }
            throw Diagnostic.error(.unknownRegion, at: recipientValue.location, "unknown recipient '\(recipient)'", notes: notes)
        }
        let itemValue = try map.required("item")
        let item = try itemValue.string()
        guard items.contains(item) else {
            var notes = ["expected the id of a deadline or condition in agreement.yaml"]
            if let best = Suggestion.closest(to: item, in: items) { notes.insert("did you mean '\(best)'?", at: 0) }
            throw Diagnostic.error(.unknownItem, at: itemValue.location, "unknown item '\(item)'", notes: notes)
        }
        let statusValue = try map.required("status")
        let text = try statusValue.string()
        guard let status = ItemStatus(rawValue: text) else {
            throw Diagnostic.error(.unknownStatus, at: statusValue.location, "unknown status '\(text)'",
                                   notes: ["expected one of: " + ItemStatus.allCases.map(\.rawValue).joined(separator: ", ")])
        }
        let entry = StatusEntry(recipient: recipient, item: item, status: status, date: try map.optional("date")?.isoDate(),
                                evidence: try map.optional("evidence")?.string(), link: try map.optional("link")?.string(),
                                note: try map.optional("note")?.string(), recorded: try map.optional("recorded")?.isoDate(),
                                location: value.location)
        if let link = entry.link, !(link.hasPrefix("https://") || link.hasPrefix("http://")) {
            throw Diagnostic.error(.invalidLink, at: map.optional("link")!.location, "link must be an http(s) address, found '\(link)'")
        }
        try map.finish()
        return entry
    }
}

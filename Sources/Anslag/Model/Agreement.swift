/// One party's signature on an agreement.
public struct Party: Hashable, Sendable {
    public var party: String
    public var place: String?
    /// ISO date when the source prints a full date.
    public var date: String?
    /// The date as printed, when the source has no full date ("den x juni 2019").
    public var datePrinted: String?
    public var signatory: String?
    public var role: String?
}

/// The source document an agreement was transcribed from.
public struct SourceDocument: Hashable, Sendable {
    public var file: String
    public var title: String
    public var sections: [String]
}

/// A known slip in the source, recorded so the site can note it rather than repeat it.
public struct Slip: Hashable, Sendable {
    public var whereInSource: String
    public var printed: String
    public var meaning: String
}

/// A sum the agreement's prose states, checked against the pots it covers.
public struct StatedTotal: Hashable, Sendable {
    public var what: String
    public var amount: Int
    public var pots: [String]
    public var section: String?
    public var location: SourceLocation
}

/// A dated obligation.
public struct Deadline: Hashable, Sendable, Identifiable {
    public var id: String
    /// A short name for tables and calendars, e.g. "Rekvisition".
    public var title: String?
    public var date: String
    public var what: String
    public var by: [Binding]
    public var to: String?
    public var section: String?
    /// Set when the duty arises only on a condition (e.g. repayment of unused money): then the
    /// date is a last day if it arises, never a deadline that can be missed.
    public var onlyIf: String?
    public var location: SourceLocation
}

/// A condition the money is bound to.
public struct Condition: Hashable, Sendable, Identifiable {
    public var id: String
    /// Every section of the source that states the condition, first the main one.
    public var sections: [String]
    public var pots: [String]
    public var appliesTo: [Binding]
    public var summary: String
    /// Conditions of earlier agreements this one carries on (`continues:`).
    public var continues: [ConditionLink]
    /// Conditions of earlier agreements this one takes the place of, changed in substance (`replaces:`).
    public var replaces: [ConditionLink]
    /// What changed from the linked conditions, in our own Swedish words.
    public var change: String?
    public var location: SourceLocation

    /// The main section, when any is given.
    public var section: String? { sections.first }
    /// Every link to an earlier agreement's condition.
    public var links: [ConditionLink] { continues + replaces }
}

/// A fact of the source document that is not a pot, key or condition: who decides, who pays,
/// when, to which budget post, what is followed up.
public struct Fact: Hashable, Sendable {
    /// One of `Fact.topics`.
    public var topic: String
    /// Our own Swedish summary of what the source states.
    public var text: String
    /// The section of the source that states it.
    public var section: String
    public var location: SourceLocation

    /// The topics, in page order, with their Swedish headings.
    public static let topics: [(id: String, title: String)] = [
        ("decision", "Beslut och parter"),
        ("money", "Medel och anslag"),
        ("payment", "Utbetalning, rekvisition och återbetalning"),
        ("targets", "Mål"),
        ("skr", "SKR:s egna uppgifter"),
        ("follow-up", "Redovisning, uppföljning och kontroll"),
        ("next", "Efter överenskommelsen"),
    ]
}

/// An agreement between the state and SKR, as loaded from its folder.
public struct Agreement: Sendable, Identifiable {
    public var id: String
    public var series: String
    public var year: Int
    public var title: String
    public var subtitle: String?
    public var summary: String?
    public var statusNote: String?
    public var parties: [Party]
    public var source: SourceDocument
    public var slips: [Slip]
    public var inputs: [InputTable]
    public var pots: [Pot]
    public var statedTotals: [StatedTotal]
    public var published: [PublishedTable]
    public var deadlines: [Deadline]
    public var conditions: [Condition]
    /// Named groups of regions that conditions and deadlines can bind.
    public var recipientGroups: [RecipientGroup] = []
    /// Facts of the source, by topic, each with its section.
    public var facts: [Fact] = []
    /// Recorded status per recipient and item, from `status.yaml`; empty when there is none.
    public var status: [StatusEntry] = []
    /// The date up to which `status.yaml` records what is known; nil when there is no status file.
    public var statusRecordedThrough: String?
    /// The folder, relative to the content root.
    public var folder: String
    public var location: SourceLocation
    /// `status: draft`: still being written. `build` leaves it out of the published site;
    /// `check`, `build --drafts` and `serve` show it under an "Utkast" banner.
    public var isDraft = false
    /// `updated`: the day the agreement's data in `Content/` last changed (YYYY-MM-DD), shown
    /// on its pages and in the sitemap; nil when not given (the pages then name no such date).
    public var updated: String?

    public func pot(_ id: String) -> Pot? { pots.first { $0.id == id } }
    public func input(_ id: String) -> InputTable? { inputs.first { $0.id == id } }

    /// The population table the agreement's keys use, when the source publishes it.
    public var population: InputTable? { inputs.first { $0.kind == .population && $0.unavailable == nil } }
    public func children(of id: String) -> [Pot] { pots.filter { $0.parent == id } }

    /// Whether any pot has `id` as its parent (without copying the children out).
    public func hasChildren(_ id: String) -> Bool { pots.contains { $0.parent == id } }

    /// The recorded status of `item` for `recipient`, or unknown.
    public func status(of item: String, for recipient: String) -> StatusEntry? {
        status.first { $0.item == item && $0.recipient == recipient }
    }
}

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
    public var by: [String]
    public var to: String?
    public var section: String?
    public var location: SourceLocation
}

/// A condition the money is bound to.
public struct Condition: Hashable, Sendable, Identifiable {
    public var id: String
    public var section: String?
    public var pots: [String]
    public var appliesTo: [String]
    public var summary: String
    /// The id of the same condition in the previous agreement of the series, when it differs.
    public var previous: String?
    /// What changed from the previous agreement, in our own words.
    public var change: String?
    public var location: SourceLocation
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
    /// Recorded status per recipient and item, from `status.yaml`; empty when there is none.
    public var status: [StatusEntry] = []
    /// The folder, relative to the content root.
    public var folder: String
    public var location: SourceLocation

    public func pot(_ id: String) -> Pot? { pots.first { $0.id == id } }
    public func input(_ id: String) -> InputTable? { inputs.first { $0.id == id } }

    /// The population table the agreement's keys use, when the source publishes it.
    public var population: InputTable? { inputs.first { $0.kind == .population && $0.unavailable == nil } }
    public func children(of id: String) -> [Pot] { pots.filter { $0.parent == id } }

    /// The recorded status of `item` for `recipient`, or unknown.
    public func status(of item: String, for recipient: String) -> StatusEntry? {
        status.first { $0.item == item && $0.recipient == recipient }
    }
}

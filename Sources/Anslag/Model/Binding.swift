/// Whom a condition or deadline binds, as written in `applies_to:` or `by:`.
public enum Binding: Hashable, Sendable {
    /// `regions`: every one of the 21 regions.
    case allRegions
    /// `municipalities`: the municipalities of every county, through the county's RSS.
    case municipalities
    /// `skr`: SKR itself.
    case skr
    /// `region:<id>`: one named region.
    case region(String)
    /// `group:<id>`: a group of regions declared under `recipient_groups:`.
    case group(String)

    /// The text written in the data.
    public var id: String {
        switch self {
        case .allRegions: return "regions"
        case .municipalities: return "municipalities"
        case .skr: return "skr"
        case .region(let id): return "region:\(id)"
        case .group(let id): return "group:\(id)"
        }
    }

    /// Parses the data's text; nil when it is none of the forms.
    public init?(id text: String) {
        switch text {
        case "regions": self = .allRegions
        case "municipalities": self = .municipalities
        case "skr": self = .skr
        default:
            if text.hasPrefix("region:"), text.count > 7 { self = .region(String(text.dropFirst(7))) }
            else if text.hasPrefix("group:"), text.count > 6 { self = .group(String(text.dropFirst(6))) }
            else { return nil }
        }
    }
}

/// A named group of regions a condition can bind, e.g. the regions hosting a CSD.
public struct RecipientGroup: Hashable, Sendable, Identifiable {
    public var id: String
    /// Swedish, in the form "regionerna med …", used after "Gäller".
    public var name: String
    /// The member regions, when the source names them; nil when it does not.
    public var members: [String]?
    public var section: String?
    public var location: SourceLocation
}

/// A link from a condition to a condition of an earlier agreement: `<agreement id>/<condition id>`.
public struct ConditionLink: Hashable, Sendable {
    public var agreement: String
    public var condition: String
    public var location: SourceLocation
}

/// Whether a binding reaches a status recipient (`skr`, a region id, `rss:<region id>`).
public enum BindingMatch: Hashable, Sendable {
    /// The binding names the recipient.
    case yes
    /// The binding names a group whose members the source does not list.
    case unnamedGroup
    case no
}

extension Agreement {
    /// The group declared with `id`.
    public func group(_ id: String) -> RecipientGroup? { recipientGroups.first { $0.id == id } }

    /// Whether `binding` reaches `recipient`.
    public func match(_ binding: Binding, recipient: String) -> BindingMatch {
        switch binding {
        case .skr: return recipient == "skr" ? .yes : .no
        case .municipalities: return recipient.hasPrefix("rss:") ? .yes : .no
        case .allRegions: return recipient != "skr" && !recipient.hasPrefix("rss:") ? .yes : .no
        case .region(let id): return recipient == id ? .yes : .no
        case .group(let id):
            guard recipient != "skr", !recipient.hasPrefix("rss:"), let group = group(id) else { return .no }
            guard let members = group.members else { return .unnamedGroup }
            return members.contains(recipient) ? .yes : .no
        }
    }

    /// The strongest match of any of `bindings` for `recipient`.
    public func match(_ bindings: [Binding], recipient: String) -> BindingMatch {
        // One pass, no array of matches: checklists ask this for every duty and recipient.
        var strongest = BindingMatch.no
        for binding in bindings {
            switch match(binding, recipient: recipient) {
            case .yes: return .yes
            case .unnamedGroup: strongest = .unnamedGroup
            case .no: break
            }
        }
        return strongest
    }
}

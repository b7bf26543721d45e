/// Who receives a pot, as the agreement states it.
public enum RecipientKind: Hashable, Sendable {
    /// The 21 regions, split by a key.
    case regions
    /// The municipalities of each county, paid through the county's RSS, split by a key.
    case municipalities
    /// SKR itself.
    case skr
    /// One named region.
    case region(String)
    /// The six samverkansregioner.
    case samverkansregioner
    /// Regions and municipalities together, by a rule the source does not publish per recipient.
    case regionsAndMunicipalities
    /// A parent pot whose children go to different recipients.
    case mixed
}

/// One recipient of an allocated amount.
public enum Recipient: Hashable, Sendable, Comparable {
    case region(String)
    /// The municipalities of the county of the region with this id, via RSS.
    case county(String)
    case skr
    case samverkansregion(String)

    /// A stable string form, used in downloads and goldens.
    public var code: String {
        switch self {
        case .region(let id): return "region:\(id)"
        case .county(let id): return "county:\(id)"
        case .skr: return "skr"
        case .samverkansregion(let id): return "samverkansregion:\(id)"
        }
    }

    public static func < (lhs: Recipient, rhs: Recipient) -> Bool { lhs.code < rhs.code }
}

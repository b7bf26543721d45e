/// An amount of money in an agreement, with its recipient and key.
public struct Pot: Hashable, Sendable, Identifiable {
    public enum Amount: Hashable, Sendable {
        case fixed(Int)
        /// The parent's amount less its other children.
        case rest
    }

    public var id: String
    public var parent: String?
    public var title: String
    public var area: String?
    public var amount: Amount
    public var recipient: RecipientKind
    /// Paid through SKR ("via SKR").
    public var viaSKR: Bool
    /// Funded by the regions' own money rather than the state's.
    public var fundedByRegions: Bool
    public var key: KeySpec?
    public var keyLocation: SourceLocation?
    public var section: String?
    public var location: SourceLocation
    public var amountLocation: SourceLocation
}

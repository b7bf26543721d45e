/// How a pot is split among its recipients, as written in the agreement file.
public indirect enum KeySpec: Hashable, Sendable {
    /// Proportional to a count per recipient (population share, care-recipient share).
    case proportional(input: String)
    /// A base amount per recipient, the rest proportional to a count.
    case basePlusProportional(base: Int, input: String)
    /// A weighted sum of other keys' shares; weights sum to 1.
    case blend([BlendPart])
    /// An equal share to each member of a group.
    case equal(group: String)
    /// A published per-recipient outcome of a key whose inputs are not published.
    case given(input: String)
    /// Proportional to rural population weighted by municipality type.
    case ruralWeighted(input: String, weights: RuralWeights)
    /// The source states no per-recipient split.
    case notDistributed(reason: String)

    /// The inputs this key reads, in order.
    public var inputs: [String] {
        switch self {
        case .proportional(let input), .basePlusProportional(_, let input),
             .given(let input), .ruralWeighted(let input, _):
            return [input]
        case .blend(let parts): return parts.flatMap { $0.key.inputs }
        case .equal, .notDistributed: return []
        }
    }
}

/// One weighted part of a blended key.
public struct BlendPart: Hashable, Sendable {
    public var weight: Fraction
    public var key: KeySpec
}

/// Weights of the rural key: inhabitants of urban-near, sparse and very sparse rural municipalities.
public struct RuralWeights: Hashable, Sendable {
    public var urbanNear: Int
    public var sparse: Int
    public var verySparse: Int
    /// The weights the 2024 agreement states: 1, 4 and 6.
    public static let standard = RuralWeights(urbanNear: 1, sparse: 4, verySparse: 6)
}

/// How directly a component's data was measured, from continuous measurement down to a value put
/// in for missing data (the MRV tiers 4 to 1, and substitution).
public enum EvidenceTier: String, Sendable, CaseIterable, Comparable {
    case continuous
    case periodic
    case declared
    case `default`
    case substituted

    /// Higher is better measured: continuous 4 … default 1, substituted 0.
    public var rank: Int {
        switch self {
        case .continuous: 4
        case .periodic: 3
        case .declared: 2
        case .default: 1
        case .substituted: 0
        }
    }

    public static func < (a: EvidenceTier, b: EvidenceTier) -> Bool { a.rank < b.rank }
}

/// Why a lot's breakdown may be shown to a caller.
public enum DisclosureBasis: Sendable, Equatable, CustomStringConvertible {
    /// The caller owns the lot.
    case owner
    /// Units of the lot were shipped to the caller.
    case consignee
    /// An agreement of the owner names the caller.
    case agreement(String)
    /// A transitive agreement of the owner names `holder`, whose node vouches for the caller.
    case transitive(agreement: String, holder: String)

    /// As usage logs and traces show it: `owner`, `consignee`, `agreement:<id>`, `agreement:<id> via <holder>`.
    public var description: String {
        switch self {
        case .owner: return "owner"
        case .consignee: return "consignee"
        case .agreement(let id): return "agreement:\(id)"
        case .transitive(let id, let holder): return "agreement:\(id) via \(holder)"
        }
    }
}

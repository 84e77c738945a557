import CTNLedger
import CTNModel
import CTNStore

/// Who calls a contract, as the HTTP layer authenticated it.
public struct Caller: Sendable {
    /// How the caller proved who it is.
    public enum Identity: Sendable {
        /// Nobody in particular (public contracts only).
        case anonymous
        /// A business hosted here, by its bearer token.
        case tenant(TenantRecord)
        /// A business on another node (`<businessId>@<nodeId>`), by its node's request signature.
        case remoteBusiness(String)
    }

    public var identity: Identity
    /// Onward grants the caller presented, already verified against their issuing nodes' keys.
    public var onward: [OnwardGrant]

    public init(_ identity: Identity, onward: [OnwardGrant] = []) {
        self.identity = identity
        self.onward = onward
    }

    public static let anonymous = Caller(.anonymous)
    public static func tenant(_ tenant: TenantRecord, onward: [OnwardGrant] = []) -> Caller { Caller(.tenant(tenant), onward: onward) }
    public static func remote(_ business: String, onward: [OnwardGrant] = []) -> Caller {
        Caller(.remoteBusiness(business), onward: onward)
    }

    public var tenant: TenantRecord? {
        if case .tenant(let tenant) = identity { return tenant }
        return nil
    }

    public var remoteBusiness: String? {
        if case .remoteBusiness(let business) = identity { return business }
        return nil
    }

    /// The hosted business calling, or 401.
    public func requireTenant() throws(Problem) -> TenantRecord {
        guard let tenant else { throw Problem.unauthorized }
        return tenant
    }

    /// The calling business as another owner's usage log names it: bare here, `<id>@<node>` elsewhere.
    public var readerName: String { tenant?.businessId ?? remoteBusiness ?? "" }

    /// Who the caller is, told apart by how it proved it: a business of this node and one of
    /// another never share a kept answer.
    var memoReader: String {
        switch identity {
        case .anonymous: return "anonymous"
        case .tenant(let t): return "tenant " + t.tenantId
        case .remoteBusiness(let b): return "remote " + b
        }
    }
}

/// One pool of a tenant: a material at a site, certified (under a scheme and claim) or conventional.
/// Balances are never stored: a pool's balance is the sum of the movements booked to it.
public struct PoolKey: Sendable, Hashable, Comparable {
    /// `certified` or `conventional`.
    public enum Kind: String, Sendable, CaseIterable {
        case certified, conventional
    }

    /// The site (a 128-bit ID), or "" for the tenant's one site.
    public var site: String
    /// The tenant's own short code of the material.
    public var material: String
    public var kind: Kind
    /// The certification scheme (for instance `ISCC PLUS`) and claim (`bio-attributed`); "" for a
    /// conventional pool.
    public var scheme: String
    public var claim: String

    public init(site: String = "", material: String, kind: Kind, scheme: String = "", claim: String = "") {
        self.site = site
        self.material = material
        self.kind = kind
        self.scheme = kind == .certified ? scheme : ""
        self.claim = kind == .certified ? claim : ""
    }

    /// The key's text in the store: its parts joined by a separator no code contains.
    public var text: String { [site, material, kind.rawValue, scheme, claim].joined(separator: "\u{1F}") }

    public static func < (a: PoolKey, b: PoolKey) -> Bool {
        (a.site, a.material, a.kind.rawValue, a.scheme, a.claim) < (b.site, b.material, b.kind.rawValue, b.scheme, b.claim)
    }
}

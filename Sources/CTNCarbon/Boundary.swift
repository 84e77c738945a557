/// What a calculation covers, and which Scope 2 value is its headline.
public struct Boundary: Sendable, Equatable {
    /// The boundary's kind: the site's own operations, one process step, cradle to gate (location or market based), CBAM.
    public enum Kind: String, Sendable, CaseIterable {
        case siteOperational = "SITE_OPERATIONAL"
        case gateToGate = "GATE_TO_GATE"
        case cradleToGateLocation = "CRADLE_TO_GATE_LOCATION"
        case cradleToGateMarket = "CRADLE_TO_GATE_MARKET"
        case cbamProductionProcess = "CBAM_PRODUCTION_PROCESS"
    }

    /// Which Scope 2 value a boundary that leaves the choice open takes as its headline.
    public enum Scope2Method: String, Sendable, CaseIterable {
        case locationBased = "LOCATION_BASED"
        case marketBased = "MARKET_BASED"
    }

    public var kind: Kind
    public var scope2Method: Scope2Method

    public init(kind: Kind, scope2Method: Scope2Method = .marketBased) {
        self.kind = kind
        self.scope2Method = scope2Method
    }

    /// The Scope 2 value the total carries: fixed by the two cradle-to-gate kinds, chosen otherwise.
    public var headline: Scope2Method {
        switch kind {
        case .cradleToGateLocation: .locationBased
        case .cradleToGateMarket: .marketBased
        default: scope2Method
        }
    }
}

/// The CloudEvents types of PACT v2.3 and v3.0.
public enum PACTEvents {
    /// What an event is.
    public enum Kind: Sendable, CaseIterable { case requestCreated, fulfilled, rejected, published }

    public static func kind(_ type: String, version: Int) -> Kind? {
        Kind.allCases.first { Self.type($0, version: version) == type }
    }

    /// The type an event of `kind` has in `version`.
    public static func type(_ kind: Kind, version: Int) -> String {
        switch (kind, version) {
        case (.requestCreated, 2): "org.wbcsd.pathfinder.ProductFootprintRequest.Created.v1"
        case (.fulfilled, 2): "org.wbcsd.pathfinder.ProductFootprintRequest.Fulfilled.v1"
        case (.rejected, 2): "org.wbcsd.pathfinder.ProductFootprintRequest.Rejected.v1"
        case (.published, 2): "org.wbcsd.pathfinder.ProductFootprint.Published.v1"
        case (.requestCreated, _): "org.wbcsd.pact.ProductFootprint.RequestCreatedEvent.3"
        case (.fulfilled, _): "org.wbcsd.pact.ProductFootprint.RequestFulfilledEvent.3"
        case (.rejected, _): "org.wbcsd.pact.ProductFootprint.RequestRejectedEvent.3"
        case (.published, _): "org.wbcsd.pact.ProductFootprint.PublishedEvent.3"
        }
    }
}

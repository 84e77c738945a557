import CTNService
import Hummingbird

/// The request context of every route: Hummingbird's core storage and the caller that the
/// authentication middleware established.
public struct NodeRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Who calls: anonymous until a bearer token or a peer node's signature says otherwise.
    public var caller: Caller = .anonymous
    /// The node whose signature the request carried, for requests from peers.
    public var peerNode: String?

    public init(source: Source) {
        coreContext = .init(source: source)
    }
}

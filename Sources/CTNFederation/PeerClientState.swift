import CurlHTTP

extension PeerClient {
    /// What the client's requests share, behind its mutex: the directory and the idle handles.
    struct State {
        var directory: PeerDirectory
        /// Sets of per-peer curl handles; a request takes one set for its duration.
        var idleHandles: [HandleSet] = []
        /// Bumped by `update`: handle sets taken out before it are not put back.
        var generation = 0
        /// Permits per peer.
        var limiters: [String: Limiter] = [:]
    }

    /// One curl handle per peer, used by one request at a time: whoever took the set from the
    /// idle list uses it until it puts it back (each handle's own mutex makes that safe regardless).
    struct HandleSet: Sendable {
        var clients: [String: CurlClient] = [:]
    }
}

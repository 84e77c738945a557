import CTNLedger
import CTNModel

// Transaction bodies are synchronous on purpose: a transaction never suspends while it holds a
// connection (or the single writer), so it cannot stall other work behind an `await` or
// interleave with another task's writes. Everything around a transaction is async: `read` and
// `write` suspend the caller until its body ran and committed. An async backend (PostgreSQL over
// postgres-nio) fits by running the bodies on threads of its own against a blocking connection,
// and by implementing the administration and ledger methods below, which are `async`, directly.

/// The storage interface: the only thing handlers and services know of the database.
public protocol Store: Sendable {
    func read<T: Sendable>(_ body: @escaping @Sendable (any StoreReading) throws -> T) async throws -> T
    /// Runs `body` atomically: its effects and ledger events commit together, durably, or not at all.
    func write<T: Sendable>(_ body: @escaping @Sendable (any StoreWriting) throws -> T) async throws -> T
    /// A lot as last committed; may be served from memory (the hot path of Lot Enquiry).
    func lotSnapshot(_ lotId: String) async throws -> LotRecord?

    // Administration (not contracts: no ledger events).
    func createTenant(businessId: String, tenantId: String, tokenId: String, tokenHash: String, at: Int64) async throws
    /// Throws `Problem.notFound` for an unknown tenant.
    func addToken(tenantId: String, tokenId: String, tokenHash: String, at: Int64) async throws
    /// Whether an active token was revoked.
    func revokeToken(tokenId: String, at: Int64) async throws -> Bool
    /// Every tenant with its tokens, oldest first.
    func tenants() async throws -> [(TenantRecord, [TokenRecord])]
    /// Sets a tenant's own limits (nil fields: the node's defaults). Throws `Problem.notFound` for an unknown tenant.
    func setLimits(tenantId: String, _ limits: TenantLimits) async throws

    // Operations.
    /// Asks the database (throws when it does not answer) whether its schema is whole, and reads
    /// how busy the connections are.
    func health() async throws -> StoreHealth

    // Console sessions (no ledger events: a session is not a transaction).
    /// Keeps a new session; sessions past their expiry are removed on the way.
    func createSession(_ session: SessionRecord) async throws
    /// The session with this hash that has not expired at `now`, if any.
    func session(hash: String, now: Int64) async throws -> SessionRecord?
    func deleteSession(hash: String) async throws

    // PACT clients (credentials, like tokens: no ledger events).
    func createPACTClient(_ client: PACTClientRecord) async throws
    func pactClient(_ clientId: String) async throws -> PACTClientRecord?
    func pactClients(tenantId: String?) async throws -> [PACTClientRecord]
    /// Whether an active client was revoked.
    func revokePACTClient(_ clientId: String, at: Int64) async throws -> Bool
    /// Registers a supplier's PACT host for a tenant (its credentials stay in the database, mode 0600).
    func createPACTSupplier(_ supplier: PACTSupplierRecord) async throws
    func pactSuppliers(tenantId: String?) async throws -> [PACTSupplierRecord]
    /// Keeps an event a tenant's PACT host received (its type, ID, source and body; the newest 10,000
    /// of a tenant), once per (source, ID): whether it was new.
    func recordPACTEvent(
        tenantId: String, version: Int, type: String, eventId: String, source: String, body: String, at: Int64
    ) async throws -> Bool
    func pactEvents(tenantId: String?, limit: Int) async throws -> [JSONValue]

    // The ledger, for verification and export.
    /// Up to `limit` events with a sequence number above `seq`, in sequence (and stored) order;
    /// page on with the last one's `seq`. An empty page is the end.
    func ledgerEvents(after seq: Int64, limit: Int) async throws -> [LedgerEvent]
    func signedHead() async throws -> SignedHead?

    // The log's Merkle tree (RFC 9162): one leaf per event, in sequence order; the leaf of an event
    // that fixed a lot's figures is the statement signed of it.
    /// The latest signed tree head (its size is the ledger's length).
    func treeHead() async throws -> TreeHead?
    /// The root of the tree of the first `size` events.
    func logRoot(size: Int64) async throws -> Merkle.Hash
    /// The inclusion proof of leaf `leaf` (0-based: the event of sequence `leaf + 1`) in the tree of `size` events.
    func inclusionProof(leaf: Int64, size: Int64) async throws -> [Merkle.Hash]
    func consistencyProof(from: Int64, to: Int64) async throws -> [Merkle.Hash]
    /// The stored leaf hash `leaf`, or nil beyond the tree.
    func logLeaf(_ leaf: Int64) async throws -> Merkle.Hash?
    /// The statements that are the leaves of events with a sequence number in `range`, by sequence number.
    func logStatements(seq range: ClosedRange<Int64>) async throws -> [Int64: String]

    // Witnessing: peers' heads this node checked and cosigned, and alarms (forks it saw).
    /// The largest head of `peer` this node witnessed.
    func lastWitnessed(peer: String) async throws -> WitnessRecord?
    /// Keeps a witnessed head, or an alarm (`alarm` set).
    func recordWitness(_ record: WitnessRecord) async throws
    /// The newest witnessed head of each peer, or every alarm, newest first.
    func witnessed(alarms: Bool) async throws -> [WitnessRecord]
    /// Every head of `peer` this node witnessed without alarm, smallest first.
    func witnessedHeads(peer: String) async throws -> [WitnessRecord]
    /// The peers this node holds an alarm about.
    func forkedPeers() async throws -> Set<String>
}

extension Store {
    /// Recomputes the whole chain, page by page, and checks the signed head with the node's public key.
    public func verifyLedger(nodeId: String, publicKey: CTNLedger.PublicSigningKey, pageSize: Int = 1000) async throws -> VerificationReport
    {
        var verifier = LedgerVerifier()
        var after = Int64.min  // from the very first stored row, whatever its claimed sequence
        pages: while true {
            let page = try await ledgerEvents(after: after, limit: pageSize)
            guard let last = page.last else { break }
            for e in page {
                if !verifier.feed(e) { break pages }
            }
            after = last.seq
        }
        return verifier.finish(head: try await signedHead(), nodeId: nodeId, publicKey: publicKey)
    }
}

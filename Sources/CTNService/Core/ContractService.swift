import CTNEngine
import CTNFederation
import CTNLedger
import CTNModel
import CTNStore
import CTNTrace

/// The logic of the data-transaction contracts: each room (equipment, lots, uses, enquiries,
/// agreements, certificates, deletion, statistics, energy reports) reads the state it needs, lets
/// the engine compute, and writes the effect with its ledger event in one store transaction. It
/// answers typed inputs with JSON views or throws problems; it never picks an HTTP status.
public struct ContractService: Sendable {
    public let store: any Store
    public let engine: Engine
    public let nodeId: String
    public let clock: NodeClock
    /// Calls other nodes for the businesses hosted here (statements, enquiries, statistics).
    public let peers: PeerClient
    /// Peer statements this node has verified, so that repeated traces skip the signature checks.
    public let verifiedStatements: VerifiedStatements
    /// The last checked answer of each trace batch this node's walks asked of a node.
    public let recentBatches = RecentBatches()
    /// What this node answered each trace batch with, to say `unchanged` to the same request.
    let traceAnswers = TraceAnswerMemo()
    /// The latest witnessing round's verdict per peer.
    let witnessRounds = WitnessRounds()
    let keys: NodeKeys
    let minter: IDMinter
    let statements: StatementSigner
    let onwardGrants: OnwardGrantSigner
    /// The ledger event each contract appends, as its definition names it.
    let ledgerEvents: [ContractID: String]

    /// How far in the future a source time may lie (clock skew between a client and the node).
    public static let maxFutureSkewMillis: Int64 = 5 * 60 * 1000

    public init(
        store: any Store, dictionaries: Dictionaries, keys: NodeKeys, contracts: [ContractDefinition], peers: PeerClient,
        clock: NodeClock = .system, verifiedStatements: VerifiedStatements = VerifiedStatements()
    ) {
        self.store = store
        self.engine = Engine(dictionaries: dictionaries)
        self.nodeId = keys.nodeId
        self.clock = clock
        self.peers = peers
        self.verifiedStatements = verifiedStatements
        self.keys = keys
        self.minter = IDMinter(secret: keys.idSecret)
        self.statements = StatementSigner(keys: keys)
        self.onwardGrants = OnwardGrantSigner(keys: keys)
        var events: [ContractID: String] = [:]
        for contract in contracts {
            if let id = contract.contractID, let event = contract.ledgerEvent { events[id] = event }
        }
        self.ledgerEvents = events
    }

    public var dictionaries: Dictionaries { engine.units.dictionaries }

    /// The ledger event of `contract`; a definition without one is a configuration error.
    func event(_ contract: ContractID) throws(Problem) -> String {
        guard let event = ledgerEvents[contract] else {
            throw Problem(
                status: 500, code: "internal", title: "Internal error",
                detail: "contract \(contract.rawValue) has no ledger event in its definition; nothing was written")
        }
        return event
    }
}

import CTNFederation
import CTNLedger
import CTNMetrics
import CTNModel
import CTNService
import CTNStore
import CTNTrace
import Foundation

/// Everything a running node is made of, built once from its data folder: keys, store,
/// dictionaries, contract definitions, the peer directory and the service over them.
public struct Node: Sendable {
    public let dataDir: URL
    public let keys: NodeKeys
    public let store: any Store
    public let dictionaries: Dictionaries
    public let contracts: [ContractDefinition]
    public let service: ContractService
    public let validator: ContractValidator
    /// The node's time (fixed in tests): console sessions expire by it.
    public let clock: NodeClock
    public let maxBodyBytes: Int
    /// Checks signed requests from peer nodes against `<data>/peers.json` (read at start).
    public let peerSignatures: SignatureVerifier
    /// Defaults of trace walks (a request may lower the deadline and depth).
    public var traceOptions = TraceOptions()
    /// What a tenant may take when its record sets no limits of its own (0: no limit).
    public var defaultLimits = Node.standardLimits
    /// The operator's series (`GET /metrics`).
    public let metrics: NodeMetrics

    /// 1,000 requests a second in bursts of 2,000, and 4 heavy calls at once, per tenant.
    public static let standardLimits = TenantLimits(ratePerSecond: 1000, burst: 2000, heavy: 4)

    public static let databaseFile = "ctn.sqlite"

    public init(
        dataDir: URL, keys: NodeKeys, store: any Store, dictionaries: Dictionaries, contracts: [ContractDefinition],
        peers directory: PeerDirectory, maxBodyBytes: Int = 64 * 1024, clock: NodeClock = .system
    ) {
        self.dataDir = dataDir
        self.clock = clock
        self.keys = keys
        self.store = store
        self.dictionaries = dictionaries
        self.contracts = contracts
        self.validator = ContractValidator(dictionaries: dictionaries)
        self.maxBodyBytes = maxBodyBytes
        self.peerSignatures = SignatureVerifier(directory: directory, nodeId: keys.nodeId)
        let metrics = NodeMetrics()
        self.metrics = metrics
        let client = PeerClient(
            nodeId: keys.nodeId, key: keys.signingKey, directory: directory,
            observer: { peer, duration, failure in metrics.peerCall(peer: peer, duration: duration, failure: failure) })
        self.service = ContractService(
            store: store, dictionaries: dictionaries, keys: keys, contracts: contracts, peers: client, clock: clock)
    }

    /// Calls other nodes (material statements, traces) for the businesses hosted here.
    public var federation: PeerClient { service.peers }

    /// Finds the folder holding `Contracts/` and `Dictionaries/`: `$CTN_RESOURCES`, the current
    /// directory, or a parent of the executable (a checkout's `.build/<config>/ctn`).
    public static func defaultResources() -> URL {
        if let env = ProcessInfo.processInfo.environment["CTN_RESOURCES"] { return URL(fileURLWithPath: env) }
        var candidates = [URL(fileURLWithPath: FileManager.default.currentDirectoryPath)]
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(dir)
            dir = dir.deletingLastPathComponent()
        }
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("Contracts").path) }
            ?? candidates[0]
    }

    /// `Contracts/` or `Dictionaries/`: the operator's own copy in the data folder, else the shipped one.
    static func folder(_ name: String, dataDir: URL, resources: URL) -> URL {
        let own = dataDir.appendingPathComponent(name)
        return FileManager.default.fileExists(atPath: own.path) ? own : resources.appendingPathComponent(name)
    }
}

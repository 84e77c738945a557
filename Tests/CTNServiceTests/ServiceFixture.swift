import CTNFederation
import CTNLedger
import CTNModel
import CTNService
import CTNStore
import Foundation
import Testing

/// A service over a fresh store with three hosted businesses (or `businesses`) and a fixed clock, driven without
/// HTTP: each test calls contracts through the same table the node uses.
struct ServiceFixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// 2026-06-01T00:00:00Z.
    static let now: Int64 = 1_780_272_000_000

    /// The contract definitions of the repository, which list every problem a contract may answer.
    static let definitions = (try? ContractDefinition.loadAll(folder: root.appendingPathComponent("Contracts"))) ?? []

    let store: any Store
    let service: ContractService
    let keys: NodeKeys
    let tenants: [TenantRecord]
    /// The other nodes this one knows (their keys; nothing here calls them).
    let peers: [Peer]

    init(nodeId: String = "test-node", clock: NodeClock = .fixed(ServiceFixture.now), businesses: Int = 3, peers: [Peer] = []) async throws
    {
        keys = NodeKeys.generate(nodeId: nodeId)
        store = try await Self.makeStore(keys: keys)
        self.peers = peers
        service = try Self.service(store: store, keys: keys, clock: clock, peers: peers)
        var tenants: [TenantRecord] = []
        for k in 1...businesses {
            let tenant = TenantRecord(
                tenantId: String(repeating: "t\(k)", count: 16).suffix(32).description,
                businessId: String(repeating: String(k % 10), count: 32), createdAt: 0)
            try await store.createTenant(
                businessId: tenant.businessId, tenantId: tenant.tenantId, tokenId: "token-\(k)", tokenHash: "hash-\(k)", at: 0)
            tenants.append(tenant)
        }
        self.tenants = tenants
    }

    private init(store: any Store, service: ContractService, keys: NodeKeys, tenants: [TenantRecord], peers: [Peer]) {
        self.store = store
        self.service = service
        self.keys = keys
        self.tenants = tenants
        self.peers = peers
    }

    static func service(store: any Store, keys: NodeKeys, clock: NodeClock, peers: [Peer] = []) throws -> ContractService {
        let dictionaries = try Dictionaries.load(folder: root.appendingPathComponent("Dictionaries"))
        let contracts = try ContractDefinition.loadAll(folder: root.appendingPathComponent("Contracts"))
        return ContractService(
            store: store, dictionaries: dictionaries, keys: keys, contracts: contracts,
            peers: PeerClient(nodeId: keys.nodeId, key: keys.signingKey, directory: PeerDirectory(peers: peers)), clock: clock)
    }

    /// The same store and businesses, seen by a service whose clock reads `millis`.
    func at(_ millis: Int64) throws -> ServiceFixture {
        ServiceFixture(
            store: store, service: try Self.service(store: store, keys: keys, clock: .fixed(millis), peers: peers), keys: keys,
            tenants: tenants, peers: peers)
    }

    /// Calls `contract` as tenant `as` (an index into `tenants`; nil for nobody in particular).
    func call(
        _ contract: ContractID, as tenant: Int? = 0, path: [String: String] = [:], _ body: JSONObject = JSONObject()
    ) async throws
        -> JSONValue
    {
        try await call(contract, caller: tenant.map { .tenant(tenants[$0]) } ?? .anonymous, path: path, body)
    }

    /// Calls `contract` as `caller` (for instance a business of another node, as its node's signature names it).
    func call(
        _ contract: ContractID, caller: Caller, path: [String: String] = [:], _ body: JSONObject = JSONObject()
    ) async throws -> JSONValue {
        try await service.handle(contract, ValidatedRequest(path: path, body: body), caller: caller)
    }

    /// The problem `contract` is refused with; the test fails if it is accepted or fails otherwise,
    /// or if the refusal wrote anything (the ledger head moved).
    func refusal(
        _ contract: ContractID, as tenant: Int? = 0, path: [String: String] = [:], _ body: JSONObject = JSONObject(),
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> Problem {
        let before = try await ledgerSeq()
        do {
            let answer = try await call(contract, as: tenant, path: path, body)
            Issue.record("accepted: \(CanonicalJSON.encode(answer))", sourceLocation: sourceLocation)
            return Problem(status: 0, code: "accepted", title: "", detail: "")
        } catch let problem as Problem {
            #expect(try await ledgerSeq() == before, "a refused call must write nothing", sourceLocation: sourceLocation)
            let definition = Self.definitions.first { $0.contractID == contract }
            #expect(
                definition?.defines(status: problem.status, code: problem.code) == true,
                "\(contract.rawValue) answered \(problem.status) \(problem.code), which its definition does not list",
                sourceLocation: sourceLocation)
            return problem
        }
    }

    func ledgerSeq() async throws -> Int64 { try await store.signedHead()?.seq ?? 0 }

    /// A string field of an answer, or a failed requirement.
    static func string(_ value: JSONValue, _ key: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try #require(value[key]?.stringValue, "no \(key) in \(CanonicalJSON.encode(value))", sourceLocation: sourceLocation)
    }

    static func number(_ value: JSONValue?, sourceLocation: SourceLocation = #_sourceLocation) throws -> Double {
        try #require(value?.numberValue, "not a number: \(value.map(CanonicalJSON.encode) ?? "nothing")", sourceLocation: sourceLocation)
    }

    // MARK: Building blocks

    func equipment(unit: String = "min", as tenant: Int = 0) async throws -> String {
        try Self.string(try await call(.equipmentRegistration, as: tenant, JSONObject(["activityUnit": .string(unit)])), "equipmentId")
    }

    func intensity(
        _ equipmentId: String, _ value: Double, unit: String = "kg-CO2e/min", validFrom: String? = nil, as tenant: Int = 0
    )
        async throws
    {
        var body = JSONObject(["intensity": .number(value), "unit": .string(unit)])
        if let validFrom { body["validFrom"] = .string(validFrom) }
        _ = try await call(.equipmentIntensityRegistration, as: tenant, path: ["equipmentId": equipmentId], body)
    }

    func lot(unit: String = "piece", as tenant: Int = 0) async throws -> String {
        try Self.string(try await call(.lotRegistration, as: tenant, JSONObject(["declaredUnit": .string(unit)])), "lotId")
    }

    func useCategory(
        _ lotId: String, _ category: String, _ quantity: Double, unit: String = "kg", as tenant: Int = 0
    ) async throws
        -> JSONValue
    {
        try await call(
            .materialUse, as: tenant, path: ["lotId": lotId],
            JSONObject(["category": .string(category), "quantity": .number(quantity), "unit": .string(unit)]))
    }

    func useLot(
        _ lotId: String, _ material: String, _ quantity: Double, unit: String = "piece", as tenant: Int = 0
    ) async throws
        -> JSONValue
    {
        try await call(
            .materialUse, as: tenant, path: ["lotId": lotId],
            JSONObject(["materialLotId": .string(material), "quantity": .number(quantity), "unit": .string(unit)]))
    }

    func useEquipment(
        _ lotId: String, _ equipmentId: String, _ activity: Double, unit: String = "min", as tenant: Int = 0
    )
        async throws -> JSONValue
    {
        try await call(
            .equipmentUse, as: tenant, path: ["lotId": lotId],
            JSONObject(["equipmentId": .string(equipmentId), "activity": .number(activity), "unit": .string(unit)]))
    }

    func complete(_ lotId: String, _ completed: Double, defects: Double = 0, as tenant: Int = 0) async throws -> JSONValue {
        try await call(
            .lotCompleted, as: tenant, path: ["lotId": lotId], JSONObject(["completed": .number(completed), "defects": .number(defects)]))
    }

    func ship(_ lotId: String, to consignee: String, _ quantity: Double, as tenant: Int = 0) async throws -> JSONValue {
        try await call(
            .lotShipment, as: tenant, path: ["lotId": lotId], JSONObject(["consignee": .string(consignee), "quantity": .number(quantity)]))
    }

    /// A completed lot of 10 pieces, 2 defective, made of 2 kg of S45C steel (0.393 kg-CO2e/kg)
    /// and 60 min on equipment at 0.251 kg-CO2e/min: (0.786 + 15.06) / 8 kg-CO2e per piece.
    func completedLot(as tenant: Int = 0) async throws -> String {
        let equipmentId = try await equipment(as: tenant)
        try await intensity(equipmentId, 0.251, validFrom: "2026-01-01T00:00:00Z", as: tenant)
        let lotId = try await lot(as: tenant)
        _ = try await useCategory(lotId, "steel-s45c", 2, as: tenant)
        _ = try await useEquipment(lotId, equipmentId, 60, as: tenant)
        _ = try await complete(lotId, 10, defects: 2, as: tenant)
        return lotId
    }
}

/// `a` and `b` agree to within `relative` of `b` (the tolerance every figure states).
func close(_ a: Double, _ b: Double, relative: Double = 1e-12) -> Bool { abs(a - b) <= relative * max(abs(b), 1e-300) }

import CTNEngine
import CTNLedger
import CTNModel
import CTNStore
import Foundation

/// The caller of a contract, as established by the HTTP layer.
public struct Caller: Sendable {
    /// A business hosted here, authenticated by its token.
    public var tenant: TenantRecord?
    /// A business on another node (`<businessId>@<nodeId>`), authenticated by its node's signature.
    public var remoteBusiness: String?
    /// Onward grants the caller presented (already verified against their issuing nodes' keys).
    public var onward: [OnwardGrant]
    public init(tenant: TenantRecord?, remoteBusiness: String? = nil, onward: [OnwardGrant] = []) {
        self.tenant = tenant
        self.remoteBusiness = remoteBusiness
        self.onward = onward
    }
}

/// A validated call: path parameters and body, already checked against the contract definition.
public struct ContractCall: Sendable {
    public var contract: ContractDefinition
    public var path: [String: String]
    public var body: JSONObject
    public var caller: Caller
    /// Statements of lots on other nodes that the HTTP layer pulled and verified for this call.
    public var evidence: [RemoteEvidence]
    /// A category's intensity derived from the network's statistics, when the call asked for it.
    public var networkIntensity: NetworkIntensity?
    /// A certificate whose signature the HTTP layer verified with its issuing node's key.
    public var certificate: Certificate?
    public init(contract: ContractDefinition, path: [String: String], body: JSONObject, caller: Caller, evidence: [RemoteEvidence] = [],
                networkIntensity: NetworkIntensity? = nil, certificate: Certificate? = nil) {
        self.contract = contract; self.path = path; self.body = body; self.caller = caller; self.evidence = evidence
        self.networkIntensity = networkIntensity; self.certificate = certificate
    }
}

/// The mean CFP of a category's contributed lots across the network (kg-CO2e per category unit).
public struct NetworkIntensity: Sendable {
    public var category: String
    public var mean: Double
    public var contributors: Int
    public var count: Int
    public var nodes: [String]
    public init(category: String, mean: Double, contributors: Int, count: Int, nodes: [String]) {
        self.category = category; self.mean = mean; self.contributors = contributors; self.count = count; self.nodes = nodes
    }
}

/// A lot on another node as its node answered a signed Lot Enquiry: the verified statement and
/// how many declared units of it were shipped to the acting business.
public struct RemoteEvidence: Sendable {
    public var claims: StatementClaims
    public var shippedToBusiness: Double
    public init(claims: StatementClaims, shippedToBusiness: Double) {
        self.claims = claims; self.shippedToBusiness = shippedToBusiness
    }
}

public struct ContractResult: Sendable {
    public var status: Int
    public var body: JSONValue
}

/// The logic of each data-transaction contract: read the state it needs, let the engine compute,
/// write the effect and append the ledger event, all inside one store transaction.
public struct ContractService: Sendable {
    public let store: any Store
    public let engine: Engine
    public let nodeId: String
    let minter: IDMinter
    let statements: StatementSigner
    let keys: NodeKeys
    let onwardGrants: OnwardGrantSigner
    /// How far in the future a source time may lie (clock skew between a client and the node).
    public static let maxFutureSkewMillis: Int64 = 5 * 60 * 1000

    public init(store: any Store, dictionaries: Dictionaries, keys: NodeKeys) {
        self.store = store
        self.engine = Engine(dictionaries: dictionaries)
        self.nodeId = keys.nodeId
        self.minter = IDMinter(secret: keys.idSecret)
        self.statements = StatementSigner(keys: keys)
        self.keys = keys
        self.onwardGrants = OnwardGrantSigner(keys: keys)
    }

    public func handle(_ call: ContractCall) async throws -> ContractResult {
        switch call.contract.id {
        case "equipment-registration": return try await registerEquipment(call)
        case "equipment-intensity-registration": return try await registerIntensity(call)
        case "equipment-enquiry": return try await equipmentEnquiry(call)
        case "lot-registration": return try await registerLot(call)
        case "material-use": return try await materialUse(call)
        case "equipment-use": return try await equipmentUse(call)
        case "lot-completed": return try await completeLot(call)
        case "lot-shipment": return try await shipLot(call)
        case "lot-enquiry": return try await lotEnquiry(call)
        case "material-use-enquiry": return try await materialUseEnquiry(call)
        case "facility-usage-enquiry": return try await facilityUsageEnquiry(call)
        case "energy-report": return try await energyReport(call)
        case "lot-correction": return try await correctLot(call)
        case "agreement-grant": return try await grantAgreement(call)
        case "agreement-enquiry": return try await agreementEnquiry(call)
        case "agreement-revocation": return try await revokeAgreement(call)
        case "usage-log-enquiry": return try await usageLog(call)
        case "category-contribution": return try await contributeLot(call)
        case "category-statistics": return try await statisticsContract(call)
        case "certificate-attachment": return try await attachCertificate(call)
        case "held-data-enquiry": return try await heldEnquiry(call)
        case "deletion-receipt-enquiry": return try await receiptEnquiry(call)
        default:
            throw Problem(status: 501, code: "not_implemented", title: "Not implemented", detail: "contract \(call.contract.id) has no handler")
        }
    }

    // MARK: Helpers

    func tenant(_ call: ContractCall) throws -> TenantRecord {
        guard let t = call.caller.tenant else { throw Problem.unauthorized }
        return t
    }

    static func sourceTime(_ body: JSONObject, now: Int64) throws -> Int64 {
        guard let s = body["time"]?.stringValue else { return now }
        let t = Timestamp.parseMillis(s)!  // validated by the contract definition
        if t > now + maxFutureSkewMillis { throw Problem.invalidValue("time", "lies in the future") }
        return t
    }

    static func problem(_ e: EngineError, field: String? = nil) -> Problem {
        Problem(status: 422, code: e.code, title: "Cannot compute", detail: e.message, field: field)
    }

    /// The owner's lot, or 404 exactly as if it did not exist.
    static func ownLot(_ tx: any StoreReading, _ lotId: String, _ tenant: TenantRecord, field: String = "lotId") throws -> LotRecord {
        guard let lot = try tx.lot(lotId), lot.tenantId == tenant.tenantId else { throw Problem.notFound("lot \(lotId)", field: field) }
        return lot
    }

    static func ownEquipment(_ tx: any StoreReading, _ id: String, _ tenant: TenantRecord, field: String) throws -> EquipmentRecord {
        guard let e = try tx.equipment(id), e.tenantId == tenant.tenantId else { throw Problem.notFound("equipment \(id)", field: field) }
        return e
    }

    /// Owner and consignees (here or on other nodes) may read a lot's breakdown; everybody else gets 404.
    func readableLot(_ tx: any StoreReading, _ lotId: String, _ caller: Caller, contract: String) throws -> (LotRecord, String) {
        guard let lot = try tx.lot(lotId), let basis = try Self.disclosure(tx, lot, to: caller, contract: contract, node: nodeId) else {
            throw Problem.notFound("lot \(lotId)", field: "lotId")
        }
        return (lot, basis)
    }

    /// The reader of a protected enquiry as the owner's usage log names it.
    static func reader(_ caller: Caller) -> String { caller.tenant?.businessId ?? caller.remoteBusiness ?? "" }

    /// Logs reads by businesses other than the owner, durably, before the data is handed out.
    func logUsage(_ entries: [UsageRecord]) async throws {
        guard !entries.isEmpty else { return }
        try await store.write { tx in try tx.insertUsage(entries) }
    }

    /// Why the lot's breakdown may be shown to the caller through `contract` ("owner", "consignee",
    /// "agreement:<id>", or "agreement:<id> via <holder>" for a transitive one), or nil when it may not.
    static func disclosure(_ tx: any StoreReading, _ lot: LotRecord, to caller: Caller, contract: String, node: String) throws -> String? {
        let who: String
        if let t = caller.tenant {
            if lot.tenantId == t.tenantId { return "owner" }
            who = t.businessId
        } else if let remote = caller.remoteBusiness {
            who = remote
        } else {
            return nil
        }
        let shipped = try tx.shippedQuantity(lotId: lot.lotId, consignee: who) > 0
        if shipped { return "consignee" }
        let now = Timestamp.nowMillis()
        func covers(_ a: AgreementRecord, _ grantee: String) throws -> Bool {
            guard a.inForce(at: now), a.contracts.contains(contract) else { return false }
            switch a.scope {
            case "all": return true
            case "lot": return a.lotId == lot.lotId
            case "shipped": return try tx.shippedQuantity(lotId: lot.lotId, consignee: grantee) > 0
            default: return false
            }
        }
        for a in try tx.agreements(ownerTenant: lot.tenantId, grantee: who) where try covers(a, who) {
            return "agreement:\(a.agreementId)"
        }
        // Transitive: the caller reached this lot through a lot of a grantee whose node vouches for it.
        let me = who.contains("@") ? who : "\(who)@\(node)"
        for g in caller.onward where g.lot == lot.lotId && g.node == node && g.to == me {
            let holder = g.holder.hasSuffix("@\(node)") ? String(g.holder.dropLast(node.count + 1)) : g.holder
            for a in try tx.agreements(ownerTenant: lot.tenantId, grantee: holder) where a.transitive {
                if try covers(a, holder) { return "agreement:\(a.agreementId) via \(g.holder)" }
            }
        }
        return nil
    }

    /// What a trace needs of each of `lotIds`, as far as the caller may see it: the signed statement
    /// of every lot found, and its material inputs where the owner discloses them to the caller.
    /// Answered to this node's own trace walks and to peers' (`POST /v1/federation/lots`).
    public func disclose(lotIds: [String], caller: Caller) async throws -> [JSONValue] {
        let found = try await store.read { tx in
            try lotIds.map { id -> (String, LotRecord?, [MaterialUseRecord]?, String?) in
                guard let lot = try tx.lot(id) else { return (id, nil, nil, nil) }
                let why = try Self.disclosure(tx, lot, to: caller, contract: "material-use-enquiry", node: nodeId)
                return (id, lot, why != nil ? try tx.materialUses(lotId: id) : nil, why)
            }
        }
        var certificates: [String: JSONValue] = [:]
        for case (let id, let lot?, _, _) in found where lot.certificateCount > 0 { certificates[id] = try await certificatesJSON(lot) }
        let now = Timestamp.nowMillis()
        try await logUsage(found.compactMap { id, lot, _, why in
            guard let lot, let why, why != "owner" else { return nil }
            return UsageRecord(ownerTenant: lot.tenantId, reader: Self.reader(caller), contract: "material-use-enquiry", lotId: id, basis: why, at: now)
        })
        return found.map { id, lot, uses, why in
            guard let lot else { return ["lotId": .string(id), "found": false] }
            var o = Self.lotJSON(lot, nodeId: nodeId, full: false).objectValue!
            o["found"] = true
            o["statement"] = .optional(statements.statement(for: lot))
            if let c = certificates[id] { o["certificates"] = c }
            if let uses {
                o["materialCO2"] = .number(lot.materialCO2)
                o["processCO2"] = .number(lot.processCO2)
                o["materialUses"] = .array(uses.map { Self.materialUseJSON($0, lotMaterialCO2: nil) })
                o["disclosedAs"] = .optional(why)
            } else {
                o["materialUses"] = "undisclosed"
            }
            return .object(o)
        }
    }

    /// Onward grants for a reader who may read lots of this node (`via`) that used lots of other
    /// nodes: signed by this node for the owner of `via` (the holder of any transitive agreement
    /// upstream). Asked by traces only for upstream lots that came back undisclosed.
    public func onwardGrants(_ asked: [(via: String, lot: String, node: String)], caller: Caller) async throws -> [JSONValue] {
        let nodeId = self.nodeId
        let reader = caller.tenant.map { "\($0.businessId)@\(nodeId)" } ?? caller.remoteBusiness ?? ""
        let approved = try await store.read { tx in
            try asked.map { a -> String? in
                guard let via = try tx.lot(a.via), let why = try Self.disclosure(tx, via, to: caller, contract: "material-use-enquiry", node: nodeId),
                      why != "owner", try tx.materialUses(lotId: a.via).contains(where: { $0.materialLotId == a.lot && ($0.materialNode ?? nodeId) == a.node }),
                      let holder = try tx.tenant(tenantId: via.tenantId)?.businessId else { return nil }
                return holder
            }
        }
        return zip(asked, approved).map { a, holder in
            var o: JSONObject = JSONObject(["via": .string(a.via), "lot": .string(a.lot), "node": .string(a.node)])
            if let holder { o["grant"] = .string(onwardGrants.grant(holder: "\(holder)@\(nodeId)", to: reader, lot: a.lot, node: a.node, via: a.via)) }
            return .object(o)
        }
    }

    static func openLot(_ lot: LotRecord) throws {
        guard lot.status == "open" else {
            throw Problem.conflict("lot_completed", "lot \(lot.lotId) is completed and closed to further use", field: "lotId")
        }
    }

    // MARK: Equipment

    func registerEquipment(_ call: ContractCall) async throws -> ContractResult {
        let t = try tenant(call)
        let unit = call.body["activityUnit"]!.stringValue!
        let id = minter.mint(tenant: t.tenantId, kind: "equipment").hex
        let now = Timestamp.nowMillis()
        let seq = try await store.write { tx in
            try tx.insertEquipment(EquipmentRecord(equipmentId: id, tenantId: t.tenantId, activityUnit: unit, createdAt: now))
            return try tx.appendLedger(tenantId: t.tenantId, contract: call.contract.id, event: call.contract.ledgerEvent!, sourceTime: now,
                                       payload: ["equipmentId": .string(id), "activityUnit": .string(unit)]).seq
        }
        return ContractResult(status: 201, body: ["equipmentId": .string(id), "activityUnit": .string(unit), "ledgerSeq": .number(Double(seq))])
    }

    func registerIntensity(_ call: ContractCall) async throws -> ContractResult {
        let t = try tenant(call)
        let id = call.path["equipmentId"]!
        let value = call.body["intensity"]!.numberValue!
        let unit = call.body["unit"]!.stringValue!
        let now = Timestamp.nowMillis()
        let validFrom = call.body["validFrom"]?.stringValue.flatMap(Timestamp.parseMillis) ?? now
        let engine = self.engine
        let body = try await store.write { tx in
            let eq = try Self.ownEquipment(tx, id, t, field: "equipmentId")
            let perActivity: Double
            do { perActivity = try engine.units.intensity(value, unit: unit, perActivityUnit: eq.activityUnit) } catch let error as EngineError {
                throw Self.problem(error, field: "unit")
            }
            let rec = IntensityRecord(equipmentId: id, version: try tx.latestIntensityVersion(equipmentId: id) + 1, value: value,
                                      unit: unit, perActivity: perActivity, validFrom: validFrom, registeredAt: now, reportId: nil)
            try tx.insertIntensity(rec)
            let json = Self.intensityJSON(rec, activityUnit: eq.activityUnit)
            _ = try tx.appendLedger(tenantId: t.tenantId, contract: call.contract.id, event: call.contract.ledgerEvent!, sourceTime: now,
                                    payload: json)
            return json
        }
        return ContractResult(status: 200, body: body)
    }

    static func intensityJSON(_ r: IntensityRecord, activityUnit: String) -> JSONValue {
        var o = JSONObject()
        o["equipmentId"] = .string(r.equipmentId)
        o["version"] = .number(Double(r.version))
        o["intensity"] = .number(r.value)
        o["unit"] = .string(r.unit)
        o["perActivityUnit"] = .number(r.perActivity)
        o["perActivityUnitOf"] = .string("\(UnitConverter.co2Base)/\(activityUnit)")
        o["validFrom"] = .string(Timestamp.format(millis: r.validFrom))
        o["registeredAt"] = .string(Timestamp.format(millis: r.registeredAt))
        o["energyReportId"] = .optional(r.reportId)
        return .object(o)
    }

    func equipmentEnquiry(_ call: ContractCall) async throws -> ContractResult {
        let t = try tenant(call)
        let now = Timestamp.nowMillis()
        let list = try await store.read { tx in
            try tx.equipmentList(tenantId: t.tenantId).map { e -> JSONValue in
                var o = JSONObject()
                o["equipmentId"] = .string(e.equipmentId)
                o["activityUnit"] = .string(e.activityUnit)
                if let i = try tx.intensity(equipmentId: e.equipmentId, at: now) {
                    o["intensity"] = .number(i.value)
                    o["unit"] = .string(i.unit)
                    o["version"] = .number(Double(i.version))
                    o["validFrom"] = .string(Timestamp.format(millis: i.validFrom))
                    o["energyReportId"] = .optional(i.reportId)
                } else {
                    o["intensity"] = .null
                    o["unit"] = .null
                }
                return .object(o)
            }
        }
        return ContractResult(status: 200, body: ["equipment": .array(list)])
    }

    // MARK: Lots

    func registerLot(_ call: ContractCall) async throws -> ContractResult {
        let t = try tenant(call)
        let unit = call.body["declaredUnit"]!.stringValue!
        let id = minter.mint(tenant: t.tenantId, kind: "lot").hex
        let now = Timestamp.nowMillis()
        let seq = try await store.write { tx in
            try tx.insertLot(LotRecord(lotId: id, tenantId: t.tenantId, declaredUnit: unit, status: "open", createdAt: now))
            return try tx.appendLedger(tenantId: t.tenantId, contract: call.contract.id, event: call.contract.ledgerEvent!, sourceTime: now,
                                       payload: ["lotId": .string(id), "declaredUnit": .string(unit)]).seq
        }
        return ContractResult(status: 201, body: ["lotId": .string(id), "declaredUnit": .string(unit), "status": "open",
                                                  "ledgerSeq": .number(Double(seq))])
    }

    func materialUse(_ call: ContractCall) async throws -> ContractResult {
        let t = try tenant(call)
        let lotId = call.path["lotId"]!
        let quantity = call.body["quantity"]!.numberValue!
        let unit = call.body["unit"]!.stringValue!
        let materialLotId = call.body["materialLotId"]?.stringValue
        let category = call.body["category"]?.stringValue
        let materialNode = call.body["node"]?.stringValue.flatMap { $0 == nodeId ? nil : $0 }
        let evidence = call.evidence.first
        let network = call.networkIntensity
        if call.body["intensitySource"] != nil, category == nil {
            throw Problem.invalidValue("intensitySource", "goes with 'category', not with 'materialLotId'")
        }
        if call.body["intensitySource"] == "network", network?.category != category {
            throw Problem(status: 502, code: "no_network_intensity", title: "No network intensity", detail: "the network's statistics of \(category ?? "") were not obtained", field: "intensitySource")
        }
        if materialNode != nil, materialLotId == nil { throw Problem.invalidValue("node", "goes with 'materialLotId', not with 'category'") }
        if let materialNode, evidence?.claims.nodeId != materialNode || evidence?.claims.lotId != materialLotId {
            throw Problem(status: 502, code: "no_evidence", title: "No statement", detail: "the statement of lot \(materialLotId ?? "") on node \(materialNode) was not obtained", field: "materialLotId")
        }
        let now = Timestamp.nowMillis()
        let time = try Self.sourceTime(call.body, now: now)
        let useId = minter.mint(tenant: t.tenantId, kind: "material-use").hex
        let engine = self.engine
        let body = try await store.write { tx in
            var lot = try Self.ownLot(tx, lotId, t)
            try Self.openLot(lot)
            // What one unit of the material carries, and how much of it this business may still use.
            var perUnit: Double, perUnitOf: String
            var intensitySource: String? = nil
            var available = Double.infinity
            if let materialNode, let materialLotId, let evidence {
                let c = evidence.claims
                guard c.status == "completed", let co2 = c.co2PerUnit else {
                    throw Problem.conflict("material_lot_not_completed", "material lot \(materialLotId) on node \(materialNode) is not completed, so it has no CFP", field: "materialLotId")
                }
                guard evidence.shippedToBusiness > 0 else { throw Problem.notFound("lot \(materialLotId) on node \(materialNode)", field: "materialLotId") }
                available = evidence.shippedToBusiness - (try tx.usedQuantity(materialLotId: materialLotId, byTenant: t.tenantId))
                perUnit = co2
                perUnitOf = c.declaredUnit
                try tx.insertRemoteStatement(RemoteStatementRecord(nodeId: materialNode, lotId: materialLotId, version: c.version, jws: c.jws,
                                                                   co2PerUnit: co2, declaredUnit: c.declaredUnit, fetchedAt: now))
            } else if let materialLotId {
                guard materialLotId != lotId else { throw Problem.invalidValue("materialLotId", "cannot be the lot itself") }
                guard let m = try tx.lot(materialLotId) else { throw Problem.notFound("lot \(materialLotId)", field: "materialLotId") }
                let used = try tx.usedQuantity(materialLotId: materialLotId, byTenant: t.tenantId)
                if m.tenantId == t.tenantId {
                    guard m.status == "completed" else {
                        throw Problem.conflict("material_lot_not_completed", "material lot \(materialLotId) is not completed yet, so it has no CFP", field: "materialLotId")
                    }
                    available = m.goodUnits! - m.shipped - used
                } else {
                    let shipped = try tx.shippedQuantity(lotId: materialLotId, consignee: t.businessId)
                    guard shipped > 0 else { throw Problem.notFound("lot \(materialLotId)", field: "materialLotId") }
                    available = shipped - used
                }
                perUnit = m.co2PerUnit!
                perUnitOf = m.declaredUnit
            } else {
                let c = engine.units.dictionaries.categories[category!]!
                if let n = network {
                    do { perUnitOf = try engine.categoryUnit(c) } catch let error as EngineError { throw Self.problem(error, field: "category") }
                    perUnit = n.mean
                    intensitySource = "network: mean of \(n.count) lots from \(n.contributors) businesses on \(n.nodes.joined(separator: ", "))"
                } else {
                    do { (perUnit, perUnitOf) = try engine.categoryIntensity(c) } catch let error as EngineError { throw Self.problem(error, field: "category") }
                    intensitySource = "dictionary: \(c.source)"
                }
            }
            let co2: Double, base: Double
            do {
                base = try engine.units.convert(quantity, from: unit, to: perUnitOf)
                co2 = try engine.materialUseCO2(quantity: quantity, unit: unit, perUnit: perUnit, perUnitOf: perUnitOf)
            } catch let error as EngineError { throw Self.problem(error, field: "unit") }
            if base > available {
                throw Problem.conflict("quantity_exceeds_available",
                                       "only \(CanonicalJSON.number(available)) \(perUnitOf) of lot \(materialLotId ?? "") are available to this business",
                                       field: "quantity")
            }
            let seq = tx.nextSeq
            let use = MaterialUseRecord(useId: useId, lotId: lotId, materialLotId: materialLotId, category: category, quantity: quantity,
                                        unit: unit, perUnit: perUnit, perUnitOf: perUnitOf, baseQuantity: base, co2: co2,
                                        sourceTime: time, seq: seq, materialNode: materialNode, statementVersion: evidence?.claims.version,
                                        intensitySource: intensitySource)
            try tx.insertMaterialUse(use)
            lot.materialCO2 = Engine.accumulate(lot.materialCO2, co2)
            if category != nil { lot.secondaryCO2 = Engine.accumulate(lot.secondaryCO2, co2) }
            try tx.updateLot(lot)
            var json = Self.materialUseJSON(use, lotMaterialCO2: lot.materialCO2)
            // The ledger keeps the supplier's signed statement itself: the CO2 can be re-derived offline.
            if let evidence, materialNode != nil {
                var o = json.objectValue!
                o["statement"] = .string(evidence.claims.jws)
                json = .object(o)
            }
            _ = try tx.appendLedger(tenantId: t.tenantId, contract: call.contract.id, event: call.contract.ledgerEvent!, sourceTime: time,
                                    payload: json)
            return json
        }
        return ContractResult(status: 201, body: body)
    }

    static func materialUseJSON(_ u: MaterialUseRecord, lotMaterialCO2: Double?) -> JSONValue {
        var o = JSONObject()
        o["useId"] = .string(u.useId)
        o["lotId"] = .string(u.lotId)
        if let m = u.materialLotId { o["materialLotId"] = .string(m) }
        if let n = u.materialNode { o["node"] = .string(n) }
        if let v = u.statementVersion { o["statementVersion"] = .number(Double(v)) }
        if let c = u.category { o["category"] = .string(c) }
        if let s = u.intensitySource { o["intensitySource"] = .string(s) }
        o["quantity"] = .number(u.quantity)
        o["unit"] = .string(u.unit)
        o["co2PerUnit"] = .number(u.perUnit)
        o["co2PerUnitOf"] = .string(u.perUnitOf)
        o["co2"] = .number(u.co2)
        o["co2Unit"] = .string(UnitConverter.co2Base)
        o["time"] = .string(Timestamp.format(millis: u.sourceTime))
        o["ledgerSeq"] = .number(Double(u.seq))
        if let l = lotMaterialCO2 { o["lotMaterialCO2"] = .number(l) }
        return .object(o)
    }

    func equipmentUse(_ call: ContractCall) async throws -> ContractResult {
        let t = try tenant(call)
        let lotId = call.path["lotId"]!
        let equipmentId = call.body["equipmentId"]!.stringValue!
        let activity = call.body["activity"]!.numberValue!
        let unit = call.body["unit"]!.stringValue!
        let now = Timestamp.nowMillis()
        let time = try Self.sourceTime(call.body, now: now)
        let useId = minter.mint(tenant: t.tenantId, kind: "equipment-use").hex
        let engine = self.engine
        let body = try await store.write { tx in
            var lot = try Self.ownLot(tx, lotId, t)
            try Self.openLot(lot)
            let eq = try Self.ownEquipment(tx, equipmentId, t, field: "equipmentId")
            guard let intensity = try tx.intensity(equipmentId: equipmentId, at: time) else {
                throw Problem.conflict("no_intensity", "equipment \(equipmentId) has no intensity valid at \(Timestamp.format(millis: time))",
                                       field: "equipmentId")
            }
            let co2: Double
            do { co2 = try engine.equipmentUseCO2(activity: activity, unit: unit, intensity: intensity.perActivity, activityUnit: eq.activityUnit) } catch let error as EngineError {
                throw Self.problem(error, field: "unit")
            }
            let use = EquipmentUseRecord(useId: useId, lotId: lotId, equipmentId: equipmentId, activity: activity, unit: unit,
                                         intensity: intensity.perActivity, intensityVersion: intensity.version, co2: co2,
                                         sourceTime: time, seq: tx.nextSeq)
            try tx.insertEquipmentUse(use)
            lot.processCO2 = Engine.accumulate(lot.processCO2, co2)
            try tx.updateLot(lot)
            let json = Self.equipmentUseJSON(use, activityUnit: eq.activityUnit, lotProcessCO2: lot.processCO2)
            _ = try tx.appendLedger(tenantId: t.tenantId, contract: call.contract.id, event: call.contract.ledgerEvent!, sourceTime: time,
                                    payload: json)
            return json
        }
        return ContractResult(status: 201, body: body)
    }

    static func equipmentUseJSON(_ u: EquipmentUseRecord, activityUnit: String, lotProcessCO2: Double?) -> JSONValue {
        var o = JSONObject()
        o["useId"] = .string(u.useId)
        o["lotId"] = .string(u.lotId)
        o["equipmentId"] = .string(u.equipmentId)
        o["activity"] = .number(u.activity)
        o["unit"] = .string(u.unit)
        o["intensity"] = .number(u.intensity)
        o["intensityUnit"] = .string("\(UnitConverter.co2Base)/\(activityUnit)")
        o["intensityVersion"] = .number(Double(u.intensityVersion))
        o["co2"] = .number(u.co2)
        o["co2Unit"] = .string(UnitConverter.co2Base)
        o["time"] = .string(Timestamp.format(millis: u.sourceTime))
        o["ledgerSeq"] = .number(Double(u.seq))
        if let l = lotProcessCO2 { o["lotProcessCO2"] = .number(l) }
        return .object(o)
    }

    func completeLot(_ call: ContractCall) async throws -> ContractResult {
        let t = try tenant(call)
        let lotId = call.path["lotId"]!
        let completed = call.body["completed"]!.numberValue!
        let defects = call.body["defects"]?.numberValue ?? 0
        let now = Timestamp.nowMillis()
        let time = try Self.sourceTime(call.body, now: now)
        let nodeId = self.nodeId
        let signer = self.statements
        let body = try await store.write { tx in
            var lot = try Self.ownLot(tx, lotId, t)
            try Self.openLot(lot)
            let r: (total: Double, perGoodUnit: Double, good: Double)
            do { r = try Engine.completeLot(materialCO2: lot.materialCO2, processCO2: lot.processCO2, completed: completed, defects: defects) } catch let error as EngineError {
                throw Problem(status: 422, code: error.code, title: "Cannot complete the lot", detail: error.message,
                              field: error.code == "defects_exceed_completed" ? "defects" : "completed")
            }
            lot.status = "completed"
            lot.completed = completed
            lot.defects = defects
            lot.totalCO2 = r.total
            lot.co2PerUnit = r.perGoodUnit
            lot.completedAt = time
            lot.completedSeq = tx.nextSeq
            lot.version = 1
            let json = Self.lotJSON(lot, nodeId: nodeId, full: true)
            let event = try tx.appendLedger(tenantId: t.tenantId, contract: call.contract.id, event: call.contract.ledgerEvent!,
                                            sourceTime: time, payload: json)
            lot.completedHash = event.hash
            lot.statement = signer.sign(lot)
            try tx.updateLot(lot)
            return lot
        }
        var json = Self.lotJSON(body, nodeId: nodeId, full: true).objectValue!
        json["statement"] = .optional(statements.statement(for: body))
        return ContractResult(status: 200, body: .object(json))
    }

    func correctLot(_ call: ContractCall) async throws -> ContractResult {
        let t = try tenant(call)
        let lotId = call.path["lotId"]!
        let reason = call.body["reason"]!.stringValue!
        let newCompleted = call.body["completed"]?.numberValue
        let newDefects = call.body["defects"]?.numberValue
        guard newCompleted != nil || newDefects != nil else {
            throw Problem(status: 422, code: "missing_field", title: "Nothing to correct", detail: "'completed' or 'defects' must be given", field: "completed")
        }
        let time = try Self.sourceTime(call.body, now: Timestamp.nowMillis())
        let nodeId = self.nodeId
        let signer = self.statements
        let (lot, previous) = try await store.write { tx in
            var lot = try Self.ownLot(tx, lotId, t)
            guard lot.status == "completed" else {
                throw Problem.conflict("lot_not_completed", "lot \(lotId) is still open: complete it instead of correcting it", field: "lotId")
            }
            let completed = newCompleted ?? lot.completed!, defects = newDefects ?? lot.defects!
            let r: (total: Double, perGoodUnit: Double, good: Double)
            do { r = try Engine.completeLot(materialCO2: lot.materialCO2, processCO2: lot.processCO2, completed: completed, defects: defects) } catch let error as EngineError {
                throw Problem(status: 422, code: error.code, title: "Cannot correct the lot", detail: error.message,
                              field: error.code == "defects_exceed_completed" ? "defects" : "completed")
            }
            let committed = lot.shipped + (try tx.usedQuantity(materialLotId: lotId, byTenant: t.tenantId))
            guard r.good >= committed else {
                throw Problem.conflict("quantity_exceeds_available", "\(CanonicalJSON.number(committed)) \(lot.declaredUnit) of lot \(lotId) are already shipped or used; the good units cannot fall below that",
                                       field: newCompleted != nil ? "completed" : "defects")
            }
            let previous: JSONValue = ["version": .number(Double(lot.version)), "completed": .optional(lot.completed), "defects": .optional(lot.defects),
                                       "co2PerUnit": .optional(lot.co2PerUnit), "totalCO2": .optional(lot.totalCO2),
                                       "ledgerSeq": .optional(lot.completedSeq.map(Double.init))]
            lot.completed = completed
            lot.defects = defects
            lot.totalCO2 = r.total
            lot.co2PerUnit = r.perGoodUnit
            lot.version += 1
            lot.completedSeq = tx.nextSeq
            var json = Self.lotJSON(lot, nodeId: nodeId, full: true).objectValue!
            json["previous"] = previous
            json["reason"] = .string(reason)
            let event = try tx.appendLedger(tenantId: t.tenantId, contract: call.contract.id, event: call.contract.ledgerEvent!,
                                            sourceTime: time, payload: .object(json))
            lot.completedHash = event.hash
            lot.statement = signer.sign(lot)
            try tx.updateLot(lot)
            return (lot, previous)
        }
        var json = Self.lotJSON(lot, nodeId: nodeId, full: true).objectValue!
        json["previous"] = previous
        json["statement"] = .optional(statements.statement(for: lot))
        return ContractResult(status: 200, body: .object(json))
    }

    static func lotJSON(_ l: LotRecord, nodeId: String, full: Bool) -> JSONValue {
        var o = JSONObject()
        o["lotId"] = .string(l.lotId)
        if !nodeId.isEmpty { o["nodeId"] = .string(nodeId) }
        o["status"] = .string(l.status)
        o["declaredUnit"] = .string(l.declaredUnit)
        o["co2PerUnit"] = .optional(l.co2PerUnit)
        o["co2Unit"] = .string("\(UnitConverter.co2Base)/\(l.declaredUnit)")
        o["completedAt"] = .optional(l.completedAt.map { Timestamp.format(millis: $0) })
        o["ledgerSeq"] = .optional(l.completedSeq.map(Double.init))
        if l.version > 0 { o["version"] = .number(Double(l.version)) }
        o["primaryDataShare"] = .optional(l.primaryDataShare)
        if full {
            o["materialCO2"] = .number(l.materialCO2)
            o["processCO2"] = .number(l.processCO2)
            o["totalCO2"] = .optional(l.totalCO2)
            o["completed"] = .optional(l.completed)
            o["defects"] = .optional(l.defects)
            o["goodUnits"] = .optional(l.goodUnits)
            o["shipped"] = .number(l.shipped)
        }
        return .object(o)
    }

    func shipLot(_ call: ContractCall) async throws -> ContractResult {
        let t = try tenant(call)
        let lotId = call.path["lotId"]!
        let consigneeText = call.body["consignee"]!.stringValue!
        let quantity = call.body["quantity"]!.numberValue!
        let now = Timestamp.nowMillis()
        let time = try Self.sourceTime(call.body, now: now)
        let ref = BusinessRef(consigneeText)!
        let local = ref.nodeId == nil || ref.nodeId == nodeId
        // Consignees on this node are stored by their bare business ID; others as `<businessId>@<nodeId>`.
        let consignee = local ? ref.businessId.hex : ref.description
        let shipmentId = minter.mint(tenant: t.tenantId, kind: "shipment").hex
        let body = try await store.write { tx in
            var lot = try Self.ownLot(tx, lotId, t)
            guard lot.status == "completed" else {
                throw Problem.conflict("lot_not_completed", "lot \(lotId) must be completed before it is shipped", field: "lotId")
            }
            if local {
                guard try tx.tenant(businessId: consignee) != nil else { throw Problem.notFound("business \(consigneeText)", field: "consignee") }
                guard consignee != t.businessId else { throw Problem.invalidValue("consignee", "is the lot's owner") }
            }
            let available = lot.goodUnits! - lot.shipped - (try tx.usedQuantity(materialLotId: lotId, byTenant: t.tenantId))
            guard quantity <= available else {
                throw Problem.conflict("quantity_exceeds_available",
                                       "only \(CanonicalJSON.number(available)) \(lot.declaredUnit) of lot \(lotId) are left to ship", field: "quantity")
            }
            let s = ShipmentRecord(shipmentId: shipmentId, lotId: lotId, consignee: consignee, quantity: quantity, sourceTime: time, seq: tx.nextSeq)
            try tx.insertShipment(s)
            lot.shipped += quantity
            try tx.updateLot(lot)
            let json = Self.shipmentJSON(s, lot: lot)
            _ = try tx.appendLedger(tenantId: t.tenantId, contract: call.contract.id, event: call.contract.ledgerEvent!, sourceTime: time,
                                    payload: json)
            return json
        }
        return ContractResult(status: 201, body: body)
    }

    static func shipmentJSON(_ s: ShipmentRecord, lot: LotRecord) -> JSONValue {
        var o = JSONObject()
        o["shipmentId"] = .string(s.shipmentId)
        o["lotId"] = .string(s.lotId)
        o["consignee"] = .string(s.consignee)
        o["quantity"] = .number(s.quantity)
        o["declaredUnit"] = .string(lot.declaredUnit)
        o["co2PerUnit"] = .optional(lot.co2PerUnit)
        o["time"] = .string(Timestamp.format(millis: s.sourceTime))
        o["ledgerSeq"] = .number(Double(s.seq))
        return .object(o)
    }

    // MARK: Enquiries

    func lotEnquiry(_ call: ContractCall) async throws -> ContractResult {
        let lotId = call.path["lotId"]!
        let caller = call.caller.tenant
        guard let lot = try await store.lotSnapshot(lotId) else { throw Problem.notFound("lot \(lotId)", field: "lotId") }
        var json = Self.lotJSON(lot, nodeId: nodeId, full: caller?.tenantId == lot.tenantId).objectValue!
        json["statement"] = .optional(statements.statement(for: lot))
        if lot.certificateCount > 0 { json["certificates"] = try await certificatesJSON(lot) }
        // A consignee (here or on another node) learns how much of the lot it received: what it may use.
        let consignee = caller.map { $0.tenantId == lot.tenantId ? "" : $0.businessId } ?? call.caller.remoteBusiness ?? ""
        if !consignee.isEmpty {
            json["shippedToYou"] = .number(try await store.read { tx in try tx.shippedQuantity(lotId: lotId, consignee: consignee) })
        }
        return ContractResult(status: 200, body: .object(json))
    }

    func materialUseEnquiry(_ call: ContractCall) async throws -> ContractResult {
        let caller = call.caller
        guard caller.tenant != nil || caller.remoteBusiness != nil else { throw Problem.unauthorized }
        let lotId = call.path["lotId"]!
        let service = self
        let (lot, basis, uses, evidence) = try await store.read { tx in
            let (lot, basis) = try service.readableLot(tx, lotId, caller, contract: "material-use-enquiry")
            let uses = try tx.materialUses(lotId: lotId)
            // The supplier statements the CO2 of uses of other nodes' lots rests on.
            var evidence: [String: String] = [:]
            for u in uses {
                if let n = u.materialNode, let m = u.materialLotId, let r = try tx.remoteStatement(nodeId: n, lotId: m, version: u.statementVersion) {
                    evidence[u.useId] = r.jws
                }
            }
            return (lot, basis, uses, evidence)
        }
        if basis != "owner" {
            try await logUsage([UsageRecord(ownerTenant: lot.tenantId, reader: Self.reader(caller), contract: call.contract.id, lotId: lotId,
                                            basis: basis, at: Timestamp.nowMillis())])
        }
        var o = JSONObject()
        o["lotId"] = .string(lotId)
        o["materialCO2"] = .number(lot.materialCO2)
        o["co2Unit"] = .string(UnitConverter.co2Base)
        o["completed"] = .optional(lot.completed)
        o["defects"] = .optional(lot.defects)
        o["materialUses"] = .array(uses.map { u in
            var j = Self.materialUseJSON(u, lotMaterialCO2: nil).objectValue!
            if let e = evidence[u.useId] { j["statement"] = .string(e) }
            return .object(j)
        })
        return ContractResult(status: 200, body: .object(o))
    }

    func facilityUsageEnquiry(_ call: ContractCall) async throws -> ContractResult {
        let caller = call.caller
        guard caller.tenant != nil || caller.remoteBusiness != nil else { throw Problem.unauthorized }
        let lotId = call.path["lotId"]!
        let service = self
        let (lot, basis, uses, units, intensities, reports) = try await store.read { tx in
            let (lot, basis) = try service.readableLot(tx, lotId, caller, contract: "facility-usage-enquiry")
            let uses = try tx.equipmentUses(lotId: lotId)
            var units: [String: String] = [:]
            for u in uses where units[u.equipmentId] == nil { units[u.equipmentId] = try tx.equipment(u.equipmentId)?.activityUnit }
            // The intensity versions the uses took, and the energy reports they came from.
            var intensities: [JSONValue] = [], reports: [String: JSONValue] = [:], seen = Set<String>()
            for u in uses where seen.insert("\(u.equipmentId)/\(u.intensityVersion)").inserted {
                guard let i = try tx.intensity(equipmentId: u.equipmentId, version: u.intensityVersion) else { continue }
                intensities.append(Self.intensityJSON(i, activityUnit: units[u.equipmentId] ?? ""))
                if let rid = i.reportId, reports[rid] == nil, let r = try tx.energyReport(rid), let payload = try? JSONParser.parse(Array(r.payload.utf8)) {
                    var activity = JSONObject()
                    for item in payload["equipment"]?.arrayValue ?? [] {
                        if let id = item["equipmentId"]?.stringValue, let e = try tx.equipment(id) { activity[id] = .string(e.activityUnit) }
                    }
                    reports[rid] = ["energyReportId": .string(rid), "report": payload, "activityUnits": .object(activity)]
                }
            }
            return (lot, basis, uses, units, intensities, reports)
        }
        if basis != "owner" {
            try await logUsage([UsageRecord(ownerTenant: lot.tenantId, reader: Self.reader(caller), contract: call.contract.id, lotId: lotId,
                                            basis: basis, at: Timestamp.nowMillis())])
        }
        return ContractResult(status: 200, body: ["lotId": .string(lotId), "processCO2": .number(lot.processCO2),
                                                  "co2Unit": .string(UnitConverter.co2Base),
                                                  "equipmentUses": .array(uses.map {
                                                      Self.equipmentUseJSON($0, activityUnit: units[$0.equipmentId] ?? "", lotProcessCO2: nil)
                                                  }),
                                                  "intensities": .array(intensities),
                                                  "energyReports": .array(reports.keys.sorted().map { reports[$0]! })])
    }

    // MARK: Agreements

    /// A business reference as stored: bare for a business on this node, `<id>@<node>` otherwise.
    func storedBusiness(_ ref: BusinessRef) -> String {
        ref.nodeId == nil || ref.nodeId == nodeId ? ref.businessId.hex : ref.description
    }

    static func agreementJSON(_ a: AgreementRecord, nodeId: String) -> JSONValue {
        var o = JSONObject()
        o["agreementId"] = .string(a.agreementId)
        o["grantee"] = .string(a.grantee)
        o["scope"] = .string(a.scope)
        if let l = a.lotId { o["lotId"] = .string(l) }
        o["contracts"] = .array(a.contracts.map { .string($0) })
        o["purpose"] = .string(a.purpose)
        o["transitive"] = .bool(a.transitive)
        o["expiresAt"] = .optional(a.expiresAt.map { Timestamp.format(millis: $0) })
        o["createdAt"] = .string(Timestamp.format(millis: a.createdAt))
        o["revokedAt"] = .optional(a.revokedAt.map { Timestamp.format(millis: $0) })
        o["inForce"] = .bool(a.inForce(at: Timestamp.nowMillis()))
        o["ledgerSeq"] = .number(Double(a.seq))
        return .object(o)
    }

    func grantAgreement(_ call: ContractCall) async throws -> ContractResult {
        let t = try tenant(call)
        let granteeText = call.body["grantee"]!.stringValue!
        let grantee = storedBusiness(BusinessRef(granteeText)!)
        let scope = call.body["scope"]!.stringValue!
        let lotId = call.body["lotId"]?.stringValue
        let contracts = Array(Set(call.body["contracts"]!.arrayValue!.compactMap(\.stringValue))).sorted()
        let purpose = call.body["purpose"]!.stringValue!
        let transitive = call.body["transitive"]?.boolValue ?? false
        let now = Timestamp.nowMillis()
        let expiresAt = call.body["expiresAt"]?.stringValue.flatMap(Timestamp.parseMillis)
        if scope == "lot", lotId == nil { throw Problem.missingField("lotId") }
        if scope != "lot", lotId != nil { throw Problem.invalidValue("lotId", "goes with scope 'lot' only") }
        if let e = expiresAt, e <= now { throw Problem.invalidValue("expiresAt", "lies in the past") }
        guard grantee != t.businessId else { throw Problem.invalidValue("grantee", "is the owner itself") }
        let id = minter.mint(tenant: t.tenantId, kind: "agreement").hex
        let nodeId = self.nodeId
        let body = try await store.write { tx in
            if let lotId { _ = try Self.ownLot(tx, lotId, t) }
            let a = AgreementRecord(agreementId: id, tenantId: t.tenantId, grantee: grantee, scope: scope, lotId: lotId, contracts: contracts,
                                    purpose: purpose, expiresAt: expiresAt, createdAt: now, revokedAt: nil, seq: tx.nextSeq, transitive: transitive)
            try tx.insertAgreement(a)
            let json = Self.agreementJSON(a, nodeId: nodeId)
            _ = try tx.appendLedger(tenantId: t.tenantId, contract: call.contract.id, event: call.contract.ledgerEvent!, sourceTime: now, payload: json)
            return json
        }
        return ContractResult(status: 201, body: body)
    }

    func agreementEnquiry(_ call: ContractCall) async throws -> ContractResult {
        let nodeId = self.nodeId
        // A grantee on another node, asking through its node: what owners here granted it.
        if call.caller.tenant == nil, let remote = call.caller.remoteBusiness {
            let received = try await store.read { tx in try tx.agreements(grantee: remote) }
            return ContractResult(status: 200, body: ["granted": [], "received": .array(received.map { Self.agreementJSON($0, nodeId: nodeId) })])
        }
        let t = try tenant(call)
        let (granted, received) = try await store.read { tx in
            (try tx.agreements(ownerTenant: t.tenantId), try tx.agreements(grantee: t.businessId))
        }
        return ContractResult(status: 200, body: ["granted": .array(granted.map { Self.agreementJSON($0, nodeId: nodeId) }),
                                                  "received": .array(received.map { Self.agreementJSON($0, nodeId: nodeId) })])
    }

    func revokeAgreement(_ call: ContractCall) async throws -> ContractResult {
        let t = try tenant(call)
        let id = call.path["agreementId"]!
        let now = Timestamp.nowMillis()
        let nodeId = self.nodeId
        let body = try await store.write { tx in
            guard var a = try tx.agreement(id), a.tenantId == t.tenantId else { throw Problem.notFound("agreement \(id)", field: "agreementId") }
            guard a.revokedAt == nil else { throw Problem.conflict("already_revoked", "agreement \(id) was revoked before", field: "agreementId") }
            try tx.revokeAgreement(id, at: now)
            a.revokedAt = now
            let json = Self.agreementJSON(a, nodeId: nodeId)
            _ = try tx.appendLedger(tenantId: t.tenantId, contract: call.contract.id, event: call.contract.ledgerEvent!, sourceTime: now,
                                    payload: ["agreementId": .string(id), "revokedAt": .string(Timestamp.format(millis: now))])
            return json
        }
        return ContractResult(status: 200, body: body)
    }

    func usageLog(_ call: ContractCall) async throws -> ContractResult {
        let t = try tenant(call)
        let entries = try await store.read { tx in try tx.usage(ownerTenant: t.tenantId, limit: 1000) }
        return ContractResult(status: 200, body: ["usage": .array(entries.map { u in
            ["time": .string(Timestamp.format(millis: u.at)), "reader": .string(u.reader), "contract": .string(u.contract),
             "lotId": .string(u.lotId), "basis": .string(u.basis)]
        })])
    }

    // MARK: Certificates

    /// The certificates attached to a lot, each marked valid only while the lot is still at the
    /// version and figures it certified.
    func certificatesJSON(_ lot: LotRecord) async throws -> JSONValue {
        let all = try await store.read { tx in try tx.certificates(lotId: lot.lotId) }
        return .array(all.compactMap { jws in
            guard let p = jws.split(separator: ".").dropFirst().first.flatMap({ Base64URL.decode(String($0)) }).flatMap({ try? JSONParser.parse($0) }) else { return nil }
            let valid = p["version"]?.numberValue == Double(lot.version) && p["co2PerUnit"]?.numberValue == lot.co2PerUnit
            return ["certifier": p["certifier"] ?? .null, "version": p["version"] ?? .null, "co2PerUnit": p["co2PerUnit"] ?? .null,
                    "issuedAt": p["issuedAt"] ?? .null, "valid": .bool(valid), "certificate": .string(jws)]
        })
    }

    func attachCertificate(_ call: ContractCall) async throws -> ContractResult {
        let t = try tenant(call)
        let lotId = call.path["lotId"]!
        guard let c = call.certificate else { throw Problem.invalidValue("certificate", "could not be verified") }
        let now = Timestamp.nowMillis()
        let nodeId = self.nodeId
        let body = try await store.write { tx in
            var lot = try Self.ownLot(tx, lotId, t)
            guard c.lotId == lotId, c.node == nodeId else { throw Problem.invalidValue("certificate", "certifies another lot") }
            guard lot.status == "completed", c.version == lot.version, c.co2PerUnit == lot.co2PerUnit, c.totalCO2 == lot.totalCO2 else {
                throw Problem.conflict("certificate_outdated", "the certificate is for version \(c.version) of the lot; the lot is at version \(lot.version)", field: "certificate")
            }
            guard !(try tx.certificates(lotId: lotId)).contains(c.jws) else {
                throw Problem.conflict("already_attached", "this certificate is attached already", field: "certificate")
            }
            try tx.insertCertificate(lotId: lotId, jws: c.jws, certifier: c.certifier, version: c.version, at: now, seq: tx.nextSeq)
            lot.certificateCount += 1
            try tx.updateLot(lot)
            let json: JSONValue = ["lotId": .string(lotId), "certifier": .string(c.certifier), "version": .number(Double(c.version)),
                                   "co2PerUnit": .number(c.co2PerUnit), "issuedAt": .string(c.issuedAt), "certificate": .string(c.jws),
                                   "ledgerSeq": .number(Double(tx.nextSeq))]
            _ = try tx.appendLedger(tenantId: t.tenantId, contract: call.contract.id, event: call.contract.ledgerEvent!, sourceTime: now, payload: json)
            return json
        }
        return ContractResult(status: 201, body: body)
    }

    /// The certifier's side: signs a certificate of a lot whose replay passed every check, and
    /// keeps it in this node's ledger.
    public func issueCertificate(_ contract: ContractDefinition, tenant t: TenantRecord, lot: StatementClaims, checks: [CertificationReplay.Check],
                                 evidence: [String: JSONValue] = [:]) async throws -> JSONValue {
        let jws = Certificate.sign(lotId: lot.lotId, node: lot.nodeId, version: lot.version, co2PerUnit: lot.co2PerUnit!, totalCO2: lot.totalCO2!,
                                   certifier: "\(t.businessId)@\(nodeId)", checks: checks.count, keys: keys)
        let now = Timestamp.nowMillis()
        return try await store.write { tx in
            let json: JSONValue = ["lotId": .string(lot.lotId), "node": .string(lot.nodeId), "version": .number(Double(lot.version)),
                                   "co2PerUnit": .number(lot.co2PerUnit!), "certificate": .string(jws), "checks": .array(checks.map(\.json)),
                                   "ledgerSeq": .number(Double(tx.nextSeq))]
            _ = try tx.appendLedger(tenantId: t.tenantId, contract: contract.id, event: contract.ledgerEvent!, sourceTime: now, payload: json)
            // The disclosed breakdown the certificate rests on is kept, until its owner asks for its deletion.
            for (kind, content) in evidence.sorted(by: { $0.key < $1.key }) {
                try tx.insertHeld(HeldRecord(tenantId: t.tenantId, node: lot.nodeId, lotId: lot.lotId, kind: kind, content: CanonicalJSON.encode(content), obtainedAt: now))
            }
            return json
        }
    }

    // MARK: Deletion requests

    /// A peer node's request, for one of its businesses, to delete what this node holds of its lots.
    /// Data a lot of this node rests on (a supplier statement behind a material use) is kept, and
    /// the receipt says so.
    public func honourDeletion(requester: String, node requesterNode: String, lotIds: [String]) async throws -> String {
        let now = Timestamp.nowMillis()
        let keys = self.keys
        return try await store.write { tx in
            let removed = try tx.deleteHeld(node: requesterNode, lotIds: lotIds, at: now)
            var kept: [JSONValue] = []
            for lot in lotIds {
                for u in try tx.materialUses(ofRemoteLot: lot, node: requesterNode) {
                    kept.append(["lotId": .string(lot), "kind": "statement",
                                 "reason": .string("the CO2 of lot \(u.lotId) on this node rests on it (material use, ledger seq \(u.seq)); removing it would break that lot's record")])
                }
            }
            let deleted: [JSONValue] = removed.map { ["lotId": .string($0.lotId), "kind": .string($0.kind), "sha256": .string(LedgerHashing.sha256Hex($0.content))] }
            let receipt = DeletionReceipt.sign(requester: requester, deleted: deleted, kept: kept, lots: lotIds.count, keys: keys, now: now)
            _ = try tx.appendLedger(tenantId: "", contract: "deletion-request", event: "held-data.deleted", sourceTime: now,
                                    payload: ["requester": .string(requester), "deleted": .array(deleted), "kept": .array(kept)])
            return receipt
        }
    }

    /// Keeps a verified receipt for the owner who asked.
    public func recordReceipt(_ contract: ContractDefinition, tenant t: TenantRecord, node: String, jws: String, payload: JSONValue) async throws -> JSONValue {
        let now = Timestamp.nowMillis()
        return try await store.write { tx in
            let json: JSONValue = ["node": .string(node), "receipt": .string(jws), "deleted": payload["deleted"] ?? [], "kept": payload["kept"] ?? [],
                                   "at": payload["at"] ?? .null, "ledgerSeq": .number(Double(tx.nextSeq))]
            try tx.insertDeletionReceipt(ownerTenant: t.tenantId, node: node, jws: jws, at: now, seq: tx.nextSeq)
            _ = try tx.appendLedger(tenantId: t.tenantId, contract: contract.id, event: contract.ledgerEvent!, sourceTime: now, payload: json)
            return json
        }
    }

    func heldEnquiry(_ call: ContractCall) async throws -> ContractResult {
        let t = try tenant(call)
        let rows = try await store.read { tx in try tx.held(node: nil, tenantId: t.tenantId) }
        return ContractResult(status: 200, body: ["held": .array(rows.map { ["node": .string($0.node), "lotId": .string($0.lotId), "kind": .string($0.kind),
                                                                             "obtainedAt": .string(Timestamp.format(millis: $0.obtainedAt))] })])
    }

    func receiptEnquiry(_ call: ContractCall) async throws -> ContractResult {
        let t = try tenant(call)
        let all = try await store.read { tx in try tx.deletionReceipts(ownerTenant: t.tenantId) }
        return ContractResult(status: 200, body: ["receipts": .array(all.map { .string($0) })])
    }

    public func ownLotIds(_ t: TenantRecord) async throws -> [String] {
        try await store.read { tx in try tx.lotIds(tenantId: t.tenantId) }
    }
}

import CTNEngine
import CTNLedger
import CTNModel
import CTNStore

/// Material Use: a lot consumes another lot (of this node or, through its signed statement, of
/// another node) or a material category at the dictionary's or the network's intensity.
extension ContractService {
    /// What one unit of the material carries, in which unit, where a category's figure came from,
    /// and how much of the material this business may still use.
    struct MaterialIntensity {
        var perUnit: Double
        var perUnitOf: String
        var source: String?
        var available: Double
    }

    func materialUse(_ given: MaterialUseInput, caller: Caller) async throws -> JSONValue {
        let tenant = try caller.requireTenant()
        let input = given.resolvingNode(nodeId)
        // What comes from other nodes is fetched before the transaction: a transaction never waits on the network.
        let evidence: RemoteEvidence?
        let network: NetworkIntensity?
        var pact: PACTEvidence?
        switch input.material {
        case .remoteLot(let lot, let node): (evidence, network) = (try await pullStatement(lotId: lot, on: node, for: tenant), nil)
        case .category(let category, .network): (evidence, network) = (nil, try await networkIntensity(category, acting: acting(tenant)))
        case .category, .localLot: (evidence, network) = (nil, nil)
        case .pact(let footprint, let supplier):
            (evidence, network) = (nil, nil)
            pact = try await pullPACTFootprint(footprint, supplier: supplier, for: tenant)
        }
        let pactEvidence = pact
        let now = clock.nowMillis()
        let time = try Self.sourceTime(input.time, now: now)
        let useId = minter.mint(tenant: tenant.tenantId, kind: "material-use").hex
        let engine = self.engine
        let event = try event(.materialUse)
        let json = try await store.write { tx in
            var lot = try Self.ownLot(tx, input.lotId, tenant)
            try Self.requireOpen(lot)
            let intensity: MaterialIntensity
            var materialLotId: String?
            var materialNode: String?
            var category: String?
            switch input.material {
            case .remoteLot(let lotId, let node):
                guard let evidence else { throw Problem.notFound("lot \(lotId) on node \(node)", field: "materialLotId") }
                intensity = try Self.remoteIntensity(tx, evidence, lotId: lotId, node: node, tenant: tenant, now: now)
                (materialLotId, materialNode) = (lotId, node)
            case .localLot(let lotId):
                intensity = try Self.localIntensity(tx, lotId, usedBy: input.lotId, tenant: tenant)
                materialLotId = lotId
            case .category(let name, _):
                intensity = try Self.categoryIntensity(engine, name, network: network)
                category = name
            case .pact(let footprint, let supplier):
                guard let pactEvidence else { throw Problem.notFound("PACT footprint \(footprint)", field: "pactFootprintId") }
                // A footprint is the supplier's declared figure: no shipment bounds its use.
                intensity = MaterialIntensity(
                    perUnit: pactEvidence.perUnit, perUnitOf: pactEvidence.unit,
                    source: "pact:\(supplier):\(footprint):v\(pactEvidence.version)",
                    available: .infinity)
            }
            let (base, co2) = try Self.computing(field: "unit") {
                (
                    try engine.units.convert(input.quantity, from: input.unit, to: intensity.perUnitOf),
                    try engine.materialUseCO2(
                        quantity: input.quantity, unit: input.unit, perUnit: intensity.perUnit, perUnitOf: intensity.perUnitOf)
                )
            }
            if base > intensity.available {
                throw Problem.conflict(
                    "quantity_exceeds_available",
                    "only \(CanonicalJSON.number(intensity.available)) \(intensity.perUnitOf) of lot \(materialLotId ?? "") are available to this business",
                    field: "quantity")
            }
            let use = MaterialUseRecord(
                useId: useId, lotId: input.lotId, materialLotId: materialLotId, category: category, quantity: input.quantity,
                unit: input.unit, perUnit: intensity.perUnit, perUnitOf: intensity.perUnitOf, baseQuantity: base, co2: co2,
                sourceTime: time, seq: tx.nextSeq, materialNode: materialNode, statementVersion: evidence?.claims.version,
                intensitySource: intensity.source)
            try tx.insertMaterialUse(use)
            lot.materialCO2 = try Self.computing(field: "quantity") { try Engine.checkedAccumulate(lot.materialCO2, co2) }
            if category != nil {
                lot.secondaryCO2 = try Self.computing(field: "quantity") { try Engine.checkedAccumulate(lot.secondaryCO2, co2) }
            }
            try tx.updateLot(lot)
            var json = Views.materialUse(use, lotMaterialCO2: lot.materialCO2)
            // The ledger keeps the supplier's signed statement itself: the CO2 can be re-derived offline.
            if let evidence, materialNode != nil {
                json["statement"] = .string(evidence.claims.jws)
                json["shipmentClaim"] = .optional(evidence.shipmentClaim)
            }
            // So is the supplier's PACT footprint, as fetched, with its hash.
            if let pactEvidence {
                json["pactFootprint"] = pactEvidence.document
                json["pactFootprintSha256"] = .string(pactEvidence.sha256)
            }
            _ = try tx.appendLedger(
                tenantId: tenant.tenantId, contract: MaterialUseInput.contract.rawValue, event: event, sourceTime: time,
                payload: .object(json))
            return json
        }
        return .object(json)
    }

    /// A lot of another node: its verified statement, kept as evidence, and what was shipped to us.
    static func remoteIntensity(
        _ tx: any StoreWriting, _ evidence: RemoteEvidence, lotId: String, node: String, tenant: TenantRecord, now: Int64
    ) throws -> MaterialIntensity {
        let claims = evidence.claims
        guard claims.status == LotStatus.completed.rawValue, let co2 = claims.co2PerUnit else {
            throw Problem.conflict(
                "material_lot_not_completed", "material lot \(lotId) on node \(node) is not completed, so it has no CFP",
                field: "materialLotId")
        }
        guard evidence.shippedToBusiness > 0 else { throw Problem.notFound("lot \(lotId) on node \(node)", field: "materialLotId") }
        let used = try tx.usedQuantity(materialLotId: lotId, byTenant: tenant.tenantId)
        try tx.insertRemoteStatement(
            RemoteStatementRecord(
                nodeId: node, lotId: lotId, version: claims.version, jws: claims.jws, co2PerUnit: co2, declaredUnit: claims.declaredUnit,
                fetchedAt: now))
        return MaterialIntensity(perUnit: co2, perUnitOf: claims.declaredUnit, source: nil, available: evidence.shippedToBusiness - used)
    }

    /// A completed lot of this node: the caller's own, or one shipped to it.
    static func localIntensity(
        _ tx: any StoreReading, _ lotId: String, usedBy user: String, tenant: TenantRecord
    ) throws -> MaterialIntensity {
        guard lotId != user else { throw Problem.invalidValue("materialLotId", "cannot be the lot itself") }
        guard let material = try tx.lot(lotId) else { throw Problem.notFound("lot \(lotId)", field: "materialLotId") }
        let used = try tx.usedQuantity(materialLotId: lotId, byTenant: tenant.tenantId)
        let available: Double
        if material.tenantId == tenant.tenantId {
            guard material.status == .completed, let good = material.goodUnits else {
                throw Problem.conflict(
                    "material_lot_not_completed", "material lot \(lotId) is not completed yet, so it has no CFP", field: "materialLotId")
            }
            available = good - material.shipped - used
        } else {
            let shipped = try tx.shippedQuantity(lotId: lotId, consignee: tenant.businessId)
            guard shipped > 0 else { throw Problem.notFound("lot \(lotId)", field: "materialLotId") }
            available = shipped - used
        }
        guard let perUnit = material.co2PerUnit else {
            throw Problem.conflict("material_lot_not_completed", "material lot \(lotId) has no CFP yet", field: "materialLotId")
        }
        return MaterialIntensity(perUnit: perUnit, perUnitOf: material.declaredUnit, source: nil, available: available)
    }

    /// A material category: the network's mean when it was obtained, else the dictionary's default.
    static func categoryIntensity(_ engine: Engine, _ name: String, network: NetworkIntensity?) throws -> MaterialIntensity {
        guard let category = engine.units.dictionaries.categories[name] else {
            throw Problem(
                status: 422, code: "unknown_category", title: "Unknown material category",
                detail: "'category': '\(name)' is not a material category of the loaded dictionaries", field: "category")
        }
        if let network {
            let unit = try computing(field: "category") { try engine.categoryUnit(category) }
            let nodes = network.nodes.joined(separator: ", ")
            return MaterialIntensity(
                perUnit: network.mean, perUnitOf: unit,
                source: "network: published mean of at least \(network.count) lots"
                    + " from at least \(network.contributors) businesses on \(nodes)",
                available: .infinity)
        }
        let (perUnit, unit) = try computing(field: "category") { try engine.categoryIntensity(category) }
        return MaterialIntensity(perUnit: perUnit, perUnitOf: unit, source: "dictionary: \(category.source)", available: .infinity)
    }
}

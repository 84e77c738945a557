import CTNEngine
import CTNLedger
import CTNModel
import CTNStore

/// Lot Enquiry, Material Use Enquiry and Facility Usage Enquiry.
extension ContractService {
    func lotEnquiry(_ input: LotEnquiryInput, caller: Caller) async throws -> JSONValue {
        let lotId = input.lotId
        guard let lot = try await store.lotSnapshot(lotId) else { throw Problem.notFound("lot \(lotId)", field: "lotId") }
        let owner = caller.tenant?.tenantId == lot.tenantId
        var json = Views.lot(lot, nodeId: nodeId, full: owner)
        json["statement"] = .optional(try statements.statement(for: lot))
        if lot.certificateCount > 0 { json["certificates"] = try await certificatesJSON(lot) }
        // A consignee (here or on another node) learns how much of the lot it received: what it may use.
        let consignee = owner ? "" : (caller.tenant?.businessId ?? caller.remoteBusiness ?? "")
        if !consignee.isEmpty {
            let shipped = try await store.read { tx in try tx.shippedQuantity(lotId: lotId, consignee: consignee) }
            json["shippedToYou"] = .number(shipped)
            // A business of another node may use at most this much: its node gets it signed.
            if let remote = caller.remoteBusiness {
                json["shipmentClaim"] = .string(try ShipmentClaim.sign(lotId: lotId, consignee: remote, shipped: shipped, keys: keys))
            }
        }
        return .object(json)
    }

    func materialUseEnquiry(_ input: MaterialUseEnquiryInput, caller: Caller) async throws -> JSONValue {
        guard caller.tenant != nil || caller.remoteBusiness != nil else { throw Problem.unauthorized }
        let lotId = input.lotId
        let policy = disclosurePolicy
        let (lot, basis, uses, evidence) = try await store.read { tx in
            let (lot, basis) = try Self.readableLot(tx, lotId, caller, contract: .materialUseEnquiry, policy: policy)
            let uses = try tx.materialUses(lotId: lotId)
            // The supplier statements the CO2 of uses of other nodes' lots rests on.
            var evidence: [String: String] = [:]
            for use in uses {
                if let node = use.materialNode, let material = use.materialLotId,
                    let statement = try tx.remoteStatement(nodeId: node, lotId: material, version: use.statementVersion)
                {
                    evidence[use.useId] = statement.jws
                }
            }
            return (lot, basis, uses, evidence)
        }
        try await logRead(lot, by: caller, contract: .materialUseEnquiry, basis: basis)
        var o = JSONObject()
        o["lotId"] = .string(lotId)
        o["materialCO2"] = .number(lot.materialCO2)
        o["co2Unit"] = .string(UnitConverter.co2Base)
        o["completed"] = .optional(lot.completed)
        o["defects"] = .optional(lot.defects)
        o["materialUses"] = .array(
            uses.map { use in
                var view = Views.materialUse(use, lotMaterialCO2: nil)
                if let statement = evidence[use.useId] { view["statement"] = .string(statement) }
                return .object(view)
            })
        return .object(o)
    }

    func facilityUsageEnquiry(_ input: FacilityUsageEnquiryInput, caller: Caller) async throws -> JSONValue {
        guard caller.tenant != nil || caller.remoteBusiness != nil else { throw Problem.unauthorized }
        let lotId = input.lotId
        let policy = disclosurePolicy
        let (lot, basis, uses, units, intensities, reports) = try await store.read { tx in
            let (lot, basis) = try Self.readableLot(tx, lotId, caller, contract: .facilityUsageEnquiry, policy: policy)
            let uses = try tx.equipmentUses(lotId: lotId)
            var units: [String: String] = [:]
            for use in uses where units[use.equipmentId] == nil { units[use.equipmentId] = try tx.equipment(use.equipmentId)?.activityUnit }
            // The intensity versions the uses took, and the energy reports they came from.
            var intensities: [JSONValue] = []
            var reports: [String: JSONValue] = [:]
            var seen = Set<String>()
            for use in uses where seen.insert("\(use.equipmentId)/\(use.intensityVersion)").inserted {
                guard let intensity = try tx.intensity(equipmentId: use.equipmentId, version: use.intensityVersion) else { continue }
                intensities.append(Views.intensity(intensity, activityUnit: units[use.equipmentId] ?? ""))
                if let reportId = intensity.reportId, reports[reportId] == nil, let report = try tx.energyReport(reportId) {
                    reports[reportId] = try Self.reportView(tx, report)
                }
            }
            return (lot, basis, uses, units, intensities, reports)
        }
        try await logRead(lot, by: caller, contract: .facilityUsageEnquiry, basis: basis)
        return [
            "lotId": .string(lotId), "processCO2": .number(lot.processCO2), "co2Unit": .string(UnitConverter.co2Base),
            "equipmentUses": .array(
                uses.map { Views.equipmentUse($0, activityUnit: units[$0.equipmentId] ?? "", lotProcessCO2: nil) }),
            "intensities": .array(intensities),
            "energyReports": .array(reports.keys.sorted().compactMap { reports[$0] }),
        ]
    }

    /// An energy report as a certifier replays it: the report as received and its equipment's activity units.
    static func reportView(_ tx: any StoreReading, _ report: EnergyReportRecord) throws -> JSONValue {
        let payload = (try? JSONParser.parse(Array(report.payload.utf8))) ?? .null
        var activity = JSONObject()
        for item in payload["equipment"]?.arrayValue ?? [] {
            if let id = item["equipmentId"]?.stringValue, let equipment = try tx.equipment(id) {
                activity[id] = .string(equipment.activityUnit)
            }
        }
        return ["energyReportId": .string(report.reportId), "report": payload, "activityUnits": .object(activity)]
    }
}

import CTNEngine
import CTNModel
import CTNStore

extension Views {
    /// A lot: the public view (status, CFP per unit, statement facts), and with `full` the totals
    /// its owner sees.
    static func lot(_ lot: LotRecord, nodeId: String, full: Bool) -> JSONObject {
        var o = JSONObject()
        o["lotId"] = .string(lot.lotId)
        if !nodeId.isEmpty { o["nodeId"] = .string(nodeId) }
        o["status"] = .string(lot.status.rawValue)
        o["declaredUnit"] = .string(lot.declaredUnit)
        o["co2PerUnit"] = .optional(lot.co2PerUnit)
        o["co2Unit"] = .string("\(UnitConverter.co2Base)/\(lot.declaredUnit)")
        o["completedAt"] = .optional(lot.completedAt.map { Timestamp.format(millis: $0) })
        o["ledgerSeq"] = .optional(lot.completedSeq.map(Double.init))
        if lot.version > 0 { o["version"] = .number(Double(lot.version)) }
        o["primaryDataShare"] = .optional(lot.primaryDataShare)
        for (key, value) in evidence(lot).pairs { o[key] = value }
        if full {
            o["materialCO2"] = .number(lot.materialCO2)
            o["processCO2"] = .number(lot.processCO2)
            o["totalCO2"] = .optional(lot.totalCO2)
            o["completed"] = .optional(lot.completed)
            o["defects"] = .optional(lot.defects)
            o["goodUnits"] = .optional(lot.goodUnits)
            o["shipped"] = .number(lot.shipped)
        }
        // What its dispatches declared certified (mass balance): not part of the signed statement.
        if let certified = lot.certified.flatMap({ try? JSONParser.parse(Array($0.utf8)) }) { o["certified"] = certified }
        return o
    }

    /// A completed lot's uncertainty band and evidence breakdown, when its figures carry them.
    static func evidence(_ lot: LotRecord) -> JSONObject {
        var o = JSONObject()
        if let u = lot.uncertainty {
            o["uncertainty"] = Uncertainty.json(u: u, value: lot.co2PerUnit, unquantifiedShare: lot.unquantifiedShare)
        }
        if let shares = lot.evidence.flatMap(Uncertainty.shares) { o["evidenceBreakdown"] = Uncertainty.json(shares: shares) }
        return o
    }

    /// A shipment, with the CFP per unit the consignee receives.
    static func shipment(_ shipment: ShipmentRecord, lot: LotRecord) -> JSONValue {
        var o = JSONObject()
        o["shipmentId"] = .string(shipment.shipmentId)
        o["lotId"] = .string(shipment.lotId)
        o["consignee"] = .string(shipment.consignee)
        o["quantity"] = .number(shipment.quantity)
        o["declaredUnit"] = .string(lot.declaredUnit)
        o["co2PerUnit"] = .optional(lot.co2PerUnit)
        o["time"] = .string(Timestamp.format(millis: shipment.sourceTime))
        o["ledgerSeq"] = .number(Double(shipment.seq))
        return .object(o)
    }

    /// The figures a correction replaced.
    static func previousFigures(_ lot: LotRecord) -> JSONValue {
        [
            "version": .number(Double(lot.version)), "completed": .optional(lot.completed), "defects": .optional(lot.defects),
            "co2PerUnit": .optional(lot.co2PerUnit), "totalCO2": .optional(lot.totalCO2),
            "ledgerSeq": .optional(lot.completedSeq.map(Double.init)),
        ]
    }
}

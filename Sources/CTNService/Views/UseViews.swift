import CTNEngine
import CTNModel
import CTNStore

extension Views {
    /// A material use; `lotMaterialCO2` is the lot's running material part after it, when known.
    static func materialUse(_ use: MaterialUseRecord, lotMaterialCO2: Double?) -> JSONObject {
        var o = JSONObject()
        o["useId"] = .string(use.useId)
        o["lotId"] = .string(use.lotId)
        if let lot = use.materialLotId { o["materialLotId"] = .string(lot) }
        if let node = use.materialNode { o["node"] = .string(node) }
        if let version = use.statementVersion { o["statementVersion"] = .number(Double(version)) }
        if let category = use.category { o["category"] = .string(category) }
        if let source = use.intensitySource { o["intensitySource"] = .string(source) }
        if let pact = PACTSource(use.intensitySource) {
            o["source"] = "pact"
            o["pactFootprintId"] = .string(pact.footprintId)
            o["supplier"] = .string(pact.supplier)
            o["pactFootprintVersion"] = .number(Double(pact.version))
        }
        o["quantity"] = .number(use.quantity)
        o["unit"] = .string(use.unit)
        o["co2PerUnit"] = .number(use.perUnit)
        o["co2PerUnitOf"] = .string(use.perUnitOf)
        o["co2"] = .number(use.co2)
        o["co2Unit"] = .string(UnitConverter.co2Base)
        o["time"] = .string(Timestamp.format(millis: use.sourceTime))
        o["ledgerSeq"] = .number(Double(use.seq))
        if let total = lotMaterialCO2 { o["lotMaterialCO2"] = .number(total) }
        return o
    }

    /// An equipment use; `lotProcessCO2` is the lot's running process part after it, when known.
    static func equipmentUse(_ use: EquipmentUseRecord, activityUnit: String, lotProcessCO2: Double?) -> JSONValue {
        var o = JSONObject()
        o["useId"] = .string(use.useId)
        o["lotId"] = .string(use.lotId)
        o["equipmentId"] = .string(use.equipmentId)
        o["activity"] = .number(use.activity)
        o["unit"] = .string(use.unit)
        o["intensity"] = .number(use.intensity)
        o["intensityUnit"] = .string("\(UnitConverter.co2Base)/\(activityUnit)")
        o["intensityVersion"] = .number(Double(use.intensityVersion))
        o["co2"] = .number(use.co2)
        o["co2Unit"] = .string(UnitConverter.co2Base)
        o["time"] = .string(Timestamp.format(millis: use.sourceTime))
        o["activitySource"] = .string(use.activitySource)
        o["ledgerSeq"] = .number(Double(use.seq))
        if let total = lotProcessCO2 { o["lotProcessCO2"] = .number(total) }
        return .object(o)
    }
}

import CTNLedger
import CTNModel
import CTNStore

/// CBAM Carbon Price Paid: the price effectively paid for a report's period, and each good's
/// effective price per tonne, `(SEE − rebated SEE) × (price − refund)`.
extension ContractService {
    func cbamCarbonPrice(_ input: CBAMCarbonPriceInput, caller: Caller) async throws -> JSONValue {
        let tenant = try caller.requireTenant()
        let now = clock.nowMillis()
        let event = try event(.cbamCarbonPrice)
        return try await store.write { tx in
            guard let r = try tx.cbamReport(input.reportId), r.tenantId == tenant.tenantId else {
                throw Problem.notFound("report \(input.reportId)", field: "reportId")
            }
            guard try tx.cbamCarbonPrice(reportId: r.reportId) == nil else {
                throw Problem.conflict("carbon_price_stated", "report \(r.reportId) has its carbon price stated already", field: "reportId")
            }
            let report = (try? JSONParser.parse(Array(r.payload.utf8))) ?? .null
            let goods: [JSONValue] = (report["goods"]?.arrayValue ?? []).map { g in
                let see = g["see"]?["counted"]?.numberValue ?? 0
                return [
                    "process": g["process"] ?? .null, "cn": g["cn"] ?? .null,
                    "effectivePricePerTonne": .number(see * (1 - input.rebatedShare) * (input.price - input.refund)),
                ]
            }
            let statement: JSONValue = [
                "instrument": .string(input.instrument), "legalBasis": .string(input.legalBasis),
                "price": ["value": .number(input.price), "currency": .string(input.currency), "per": "t-CO2e"],
                "refund": .number(input.refund),
                "rebatedShare": .number(input.rebatedShare), "evidence": .string(input.evidence), "certifiedBy": .string(input.certifiedBy),
                "currency": .string(input.currency), "goods": .array(goods), "statedAt": .string(Timestamp.format(millis: now)),
            ]
            let text = CanonicalJSON.encode(statement)
            let appended = try tx.appendLedger(
                tenantId: tenant.tenantId, contract: ContractID.cbamCarbonPrice.rawValue, event: event, sourceTime: now,
                payload: ["reportId": .string(r.reportId), "statementSha256": .string(LedgerHashing.sha256Hex(text))])
            try tx.insertCBAMCarbonPrice(reportId: r.reportId, payload: text, at: now, seq: appended.seq)
            return [
                "reportId": .string(r.reportId), "currency": .string(input.currency), "goods": .array(goods), "carbonPrice": statement,
                "ledgerSeq": .number(Double(appended.seq)),
            ]
        }
    }
}

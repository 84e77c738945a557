import CTNModel
import CTNStore

extension Views {
    /// An agreement as its owner and grantee see it; `inForce` at `now`.
    static func agreement(_ agreement: AgreementRecord, now: Int64) -> JSONValue {
        var o = JSONObject()
        o["agreementId"] = .string(agreement.agreementId)
        o["grantee"] = .string(agreement.grantee)
        o["scope"] = .string(agreement.scope.rawValue)
        if let lot = agreement.lotId { o["lotId"] = .string(lot) }
        o["contracts"] = .array(agreement.contracts.map { .string($0) })
        o["purpose"] = .string(agreement.purpose)
        o["transitive"] = .bool(agreement.transitive)
        if !agreement.cnCodes.isEmpty { o["cnCodes"] = .array(agreement.cnCodes.map { .string($0) }) }
        o["expiresAt"] = .optional(agreement.expiresAt.map { Timestamp.format(millis: $0) })
        o["createdAt"] = .string(Timestamp.format(millis: agreement.createdAt))
        o["revokedAt"] = .optional(agreement.revokedAt.map { Timestamp.format(millis: $0) })
        o["inForce"] = .bool(agreement.inForce(at: now))
        o["ledgerSeq"] = .number(Double(agreement.seq))
        return .object(o)
    }

    /// One entry of an owner's usage log.
    static func usage(_ entry: UsageRecord) -> JSONValue {
        [
            "time": .string(Timestamp.format(millis: entry.at)), "reader": .string(entry.reader), "contract": .string(entry.contract),
            "lotId": .string(entry.lotId), "basis": .string(entry.basis),
        ]
    }

    /// One item of another owner's data held here.
    static func held(_ record: HeldRecord) -> JSONValue {
        [
            "node": .string(record.node), "lotId": .string(record.lotId), "kind": .string(record.kind),
            "obtainedAt": .string(Timestamp.format(millis: record.obtainedAt)),
        ]
    }
}

import CTNCBAM
import CTNLedger
import CTNModel
import CTNStore

/// CBAM Default Values and the installations of an operator: what importers and the registry
/// need, published by the owner for CBAM (names kept only until withdrawn; the ledger keeps a hash).
extension ContractService {
    func cbamDefaults(_ input: CBAMDefaultsInput, caller: Caller) async throws -> JSONValue {
        let at = input.at ?? clock.nowMillis()
        guard let category = CBAMCategory.of(cn: input.cn) else { throw Problem.notFound("CBAM good with CN \(input.cn)", field: "cn") }
        guard let (value, fallback) = dictionaries.cbamDefault(cn: input.cn, country: input.country, at: at) else {
            throw Problem.notFound("default value for CN \(input.cn) in force at \(Timestamp.format(millis: at))", field: "cn")
        }
        let total = value.direct + (value.indirect ?? 0)
        let markups = dictionaries.cbamMarkups.filter { m in m.cnPrefixes.contains { input.cn.filter(\.isNumber).hasPrefix($0) } }
            .sorted { $0.year < $1.year }
        var o = JSONObject([
            "cn": .string(input.cn), "country": .string(input.country), "matchedCn": .string(value.cn), "direct": .number(value.direct),
            "indirect": .number(value.indirect ?? 0), "indirectCounted": .bool(category.countsIndirect(cn: input.cn)),
            "category": .string(category.rawValue), "unit": "t-CO2e/t", "source": .string(value.source),
            "validFrom": .string(Timestamp.format(millis: value.validFromMillis)),
            "validTo": .optional(value.validToMillis.map { Timestamp.format(millis: $0) }), "fallback": .bool(fallback),
            "markups": .array(
                markups.map { ["year": .number(Double($0.year)), "rate": .number($0.rate), "total": .number(total * (1 + $0.rate))] }),
        ])
        if fallback {
            o["note"] = .string(
                "no default value for \(input.country): the value for other countries and territories applies, as the regulation provides")
        }
        return .object(o)
    }

    func cbamInstallation(_ input: CBAMInstallationInput, caller: Caller) async throws -> JSONValue {
        let tenant = try caller.requireTenant()
        let now = clock.nowMillis()
        let id = minter.mint(tenant: tenant.tenantId, kind: "cbam-installation").hex
        let record = CBAMInstallationRecord(
            installationId: id, tenantId: tenant.tenantId, name: input.name, address: input.address, country: input.country,
            unlocode: input.unlocode, latitude: input.latitude, longitude: input.longitude, registryId: input.registryId, createdAt: now)
        let event = try event(.cbamInstallation)
        return try await store.write { tx in
            try tx.insertCBAMInstallation(record)
            // The ledger keeps what was published as a hash: withdrawing removes the names, not the record of the event.
            let published = CanonicalJSON.encode(Self.installationJSON(record))
            let appended = try tx.appendLedger(
                tenantId: tenant.tenantId, contract: ContractID.cbamInstallation.rawValue, event: event, sourceTime: now,
                payload: [
                    "installationId": .string(id), "country": .string(input.country),
                    "publishedSha256": .string(LedgerHashing.sha256Hex(published)),
                ])
            guard case .object(var o) = Self.installationJSON(record) else { return .null }
            o["ledgerSeq"] = .number(Double(appended.seq))
            return .object(o)
        }
    }

    func cbamInstallationWithdrawal(_ input: CBAMInstallationWithdrawalInput, caller: Caller) async throws -> JSONValue {
        let tenant = try caller.requireTenant()
        let now = clock.nowMillis()
        let event = try event(.cbamInstallationWithdrawal)
        return try await store.write { tx in
            _ = try Self.ownInstallation(tx, input.installationId, tenant)
            try tx.deleteCBAMInstallation(input.installationId)
            let appended = try tx.appendLedger(
                tenantId: tenant.tenantId, contract: ContractID.cbamInstallationWithdrawal.rawValue, event: event, sourceTime: now,
                payload: ["installationId": .string(input.installationId)])
            return ["installationId": .string(input.installationId), "withdrawn": true, "ledgerSeq": .number(Double(appended.seq))]
        }
    }

    func cbamInstallationEnquiry(_ input: CBAMInstallationEnquiryInput, caller: Caller) async throws -> JSONValue {
        let tenant = try caller.requireTenant()
        let list = try await store.read { tx in try tx.cbamInstallations(tenantId: tenant.tenantId) }
        return ["installations": .array(list.map(Self.installationJSON))]
    }

    /// The caller's installation, or 404 exactly as if it did not exist.
    static func ownInstallation(
        _ tx: any StoreReading, _ id: String, _ tenant: TenantRecord, field: String = "installationId"
    ) throws -> CBAMInstallationRecord {
        guard let i = try tx.cbamInstallation(id), i.tenantId == tenant.tenantId else {
            throw Problem.notFound("installation \(id)", field: field)
        }
        return i
    }

    static func installationJSON(_ i: CBAMInstallationRecord) -> JSONValue {
        [
            "installationId": .string(i.installationId), "name": .string(i.name), "address": .string(i.address),
            "country": .string(i.country),
            "unlocode": .string(i.unlocode), "latitude": .number(i.latitude), "longitude": .number(i.longitude),
            "registryId": .optional(i.registryId), "createdAt": .string(Timestamp.format(millis: i.createdAt)),
        ]
    }
}

import CTNLedger
import CTNModel
import CTNPACT
import CTNStore
import CurlHTTP
import Foundation

/// A supplier's PACT footprint used as a material: fetched (v2.3) over HTTPS with the client
/// credentials the supplier issued to the tenant, checked, and kept as evidence.
struct PACTEvidence: Sendable {
    var document: JSONValue
    var sha256: String
    /// kg-CO2e per `unit` (a CTN unit) and the footprint's version.
    var perUnit: Double
    var unit: String
    var version: Int64
    var status: String
}

extension ContractService {
    func pullPACTFootprint(_ footprintId: String, supplier supplierId: String, for tenant: TenantRecord) async throws -> PACTEvidence {
        guard let supplier = try await store.read({ tx in try tx.pactSupplier(supplierId) }), supplier.tenantId == tenant.tenantId else {
            throw Problem.notFound("PACT supplier \(supplierId)", field: "supplier")
        }
        func unreachable(_ why: String) -> Problem {
            Problem(
                status: 502, code: "pact_unreachable", title: "Supplier's PACT host failed", detail: "\(supplier.baseURL): \(why)",
                field: "supplier")
        }
        let fetched: (token: HTTPResult, footprint: HTTPResult?)
        do {
            fetched = try await OffPool.run {
                let curl = CurlClient(caFile: supplier.caFile, connectTimeout: 5, timeout: 20)
                curl.maxBodyBytes = 1 << 20
                let basic = Data("\(supplier.clientId):\(supplier.clientSecret)".utf8).base64EncodedString()
                let token = try curl.request(
                    "POST", supplier.baseURL + "/auth/token",
                    headers: [
                        "Authorization: Basic \(basic)", "Content-Type: application/x-www-form-urlencoded", "Accept: application/json",
                    ],
                    body: Array("grant_type=client_credentials".utf8))
                guard token.status == 200, let access = (try? JSONParser.parse(token.body))?["access_token"]?.stringValue else {
                    return (token, nil)
                }
                let footprint = try curl.request(
                    "GET", supplier.baseURL + "/2/footprints/\(footprintId)",
                    headers: ["Authorization: Bearer \(access)", "Accept: application/json"])
                return (token, footprint)
            }
        } catch {
            throw unreachable("\(error)")
        }
        guard let answer = fetched.footprint else { throw unreachable("the token endpoint answered \(fetched.token.status)") }
        if answer.status == 404 { throw Problem.notFound("PACT footprint \(footprintId)", field: "pactFootprintId") }
        guard answer.status == 200, let document = (try? JSONParser.parse(answer.body))?["data"], document["id"]?.stringValue == footprintId
        else {
            throw unreachable("the footprint request answered \(answer.status)")
        }
        let pcf = document["pcf"]
        guard let declared = pcf?["declaredUnit"]?.stringValue, let unit = PACTUnits.ctnUnit(declared),
            let amount = pcf?["unitaryProductAmount"]?.stringValue.flatMap(Double.init), amount.isFinite, amount > 0,
            let co2 = pcf?["pCfExcludingBiogenic"]?.stringValue.flatMap(Double.init), co2.isFinite, co2 >= 0, (co2 / amount).isFinite
        else { throw unreachable("the footprint has no declared unit, amount or pCfExcludingBiogenic this node reads") }
        let status = document["status"]?.stringValue ?? ""
        guard status == "Active" else {
            throw Problem.conflict(
                "pact_footprint_deprecated", "footprint \(footprintId) is \(status): use its successor", field: "pactFootprintId")
        }
        return PACTEvidence(
            document: document, sha256: LedgerHashing.sha256Hex(CanonicalJSON.encode(document)), perUnit: co2 / amount, unit: unit,
            version: document["version"]?.numberValue.flatMap { Int64(exactly: $0) } ?? 1, status: status)
    }
}

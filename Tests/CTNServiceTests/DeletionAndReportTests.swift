import CTNLedger
import CTNModel
import CTNService
import Testing

/// Deletion requests, receipts and held data; Energy Report.
@Suite("Deletion and energy report rooms")
struct DeletionAndReportTests {
    @Test("A deletion request to a node that is not a peer is refused; receipts and held data start empty")
    func deletion() async throws {
        let f = try await ServiceFixture()
        let problem = try await f.refusal(.deletionRequest, JSONObject(["node": "elsewhere"]))
        #expect(problem.code == "unknown_node")
        #expect(try await f.call(.deletionReceiptEnquiry)["receipts"] == [])
        #expect(try await f.call(.heldDataEnquiry)["held"] == [])
    }

    @Test("Honouring a deletion of a lot held nowhere here signs a receipt that says so")
    func honour() async throws {
        let f = try await ServiceFixture()
        let receipt = try await f.service.honourDeletion(
            requester: "\(String(repeating: "9", count: 32))@elsewhere", node: "elsewhere", lotIds: [String(repeating: "a", count: 32)])
        let payload = try DeletionReceipt.verify(receipt, publicKey: f.keys.signingKey.publicKey)
        #expect(payload["requester"] == .string("\(String(repeating: "9", count: 32))@elsewhere"))
        #expect(payload["deleted"] == [], "this node held nothing of the lot")
        #expect(payload["kept"] == [], "no lot of this node rests on it")
    }

    /// One hour of 10 kWh of electricity at a given factor, all on one equipment measured in minutes.
    func report(_ equipmentId: String, factor: JSONValue? = 0.5) -> JSONObject {
        var energy = JSONObject(["type": "electricity", "consumption": 10, "unit": "kWh"])
        if let factor {
            energy["emissionFactor"] = factor
            energy["emissionFactorUnit"] = "kg-CO2e/kWh"
        }
        return JSONObject([
            "periodStart": "2026-05-01T00:00:00Z", "periodEnd": "2026-05-02T00:00:00Z", "energy": [.object(energy)],
            "equipment": [
                [
                    "equipmentId": .string(equipmentId), "operatingTime": 60, "unit": "min",
                    "performance": [["type": "electricity", "value": 10, "unit": "kW"]],
                ]
            ],
        ])
    }

    @Test("An energy report gives the only equipment all the emissions: 10 kWh × 0.5 over 60 min = 5/60 per min")
    func energyReport() async throws {
        let f = try await ServiceFixture()
        let equipmentId = try await f.equipment()
        let answer = try await f.call(.energyReport, report(equipmentId))
        let line = try #require(answer["equipment"]?.arrayValue?.first)
        #expect(close(try ServiceFixture.number(line["co2"]), 5))
        #expect(close(try ServiceFixture.number(line["intensity"]), 5.0 / 60))
        #expect(line["version"] == 1)
        let list = try #require(try await f.call(.equipmentEnquiry)["equipment"]?.arrayValue)
        #expect(list.first?["energyReportId"] == answer["energyReportId"])
    }

    @Test("Energy reports refused: foreign equipment, equipment not measured in time, duplicate energy types")
    func reportRefusals() async throws {
        let f = try await ServiceFixture()
        let foreign = try await f.equipment(as: 1)
        let problem = try await f.refusal(.energyReport, report(foreign))
        #expect(problem.status == 404)
        #expect(problem.field == "equipment[0].equipmentId")
        let perKg = try await f.equipment(unit: "kg")
        #expect(try await f.refusal(.energyReport, report(perKg)).field == "equipment[0].equipmentId")
        let own = try await f.equipment()
        var twice = report(own)
        twice["energy"] = .array((twice["energy"]?.arrayValue ?? []) + (twice["energy"]?.arrayValue ?? []))
        #expect(try await f.refusal(.energyReport, twice).field == "energy[1].type")
    }
}

import CTNModel
import CTNService
import Testing

/// Equipment Registration, Equipment Intensity Registration and Equipment Enquiry.
@Suite("Equipment room")
struct EquipmentRoomTests {
    @Test("An intensity per minute is converted to the equipment's activity unit (hours): 0.251 × 60 = 15.06")
    func intensityConversion() async throws {
        let f = try await ServiceFixture()
        let equipmentId = try await f.equipment(unit: "h")
        let answer = try await f.call(
            .equipmentIntensityRegistration, path: ["equipmentId": equipmentId], JSONObject(["intensity": 0.251, "unit": "kg-CO2e/min"]))
        #expect(close(try ServiceFixture.number(answer["perActivityUnit"]), 15.06))
        #expect(answer["perActivityUnitOf"] == "kg-CO2e/h")
        #expect(answer["version"] == 1)
        #expect(answer["validFrom"] == .string(Timestamp.format(millis: ServiceFixture.now)), "defaults to the clock's now")
    }

    @Test("Versions count up per equipment")
    func versions() async throws {
        let f = try await ServiceFixture()
        let equipmentId = try await f.equipment()
        try await f.intensity(equipmentId, 0.2)
        let second = try await f.call(
            .equipmentIntensityRegistration, path: ["equipmentId": equipmentId], JSONObject(["intensity": 0.3, "unit": "kg-CO2e/min"]))
        #expect(second["version"] == 2)
    }

    @Test("Another business's equipment is not found, exactly like unknown equipment")
    func foreignEquipment() async throws {
        let f = try await ServiceFixture()
        let equipmentId = try await f.equipment(as: 1)
        let problem = try await f.refusal(
            .equipmentIntensityRegistration, path: ["equipmentId": equipmentId], JSONObject(["intensity": 0.2, "unit": "kg-CO2e/min"]))
        #expect(problem.status == 404)
        #expect(problem.field == "equipmentId")
    }

    @Test("An intensity per kilogram does not fit equipment measured in minutes")
    func incompatibleIntensity() async throws {
        let f = try await ServiceFixture()
        let equipmentId = try await f.equipment()
        let problem = try await f.refusal(
            .equipmentIntensityRegistration, path: ["equipmentId": equipmentId], JSONObject(["intensity": 1, "unit": "kg-CO2e/kg"]))
        #expect(problem.status == 422)
        #expect(problem.code == "incompatible_unit")
        #expect(problem.field == "unit")
    }

    @Test("The enquiry shows the intensity in force, and null for equipment without one; only the caller's equipment")
    func enquiry() async throws {
        let f = try await ServiceFixture()
        let withIntensity = try await f.equipment()
        let without = try await f.equipment()
        _ = try await f.equipment(as: 1)
        try await f.intensity(withIntensity, 0.2, validFrom: "2026-01-01T00:00:00Z")
        try await f.intensity(withIntensity, 0.3, validFrom: "2027-01-01T00:00:00Z")
        let list = try #require(try await f.call(.equipmentEnquiry)["equipment"]?.arrayValue)
        #expect(list.count == 2)
        let shown = try #require(list.first { $0["equipmentId"] == .string(withIntensity) })
        #expect(shown["intensity"] == 0.2, "the 2027 version is not yet in force on 2026-06-01")
        #expect(shown["version"] == 1)
        let bare = try #require(list.first { $0["equipmentId"] == .string(without) })
        #expect(bare["intensity"] == .null)
    }

    @Test("Without a tenant every equipment contract is refused with 401")
    func unauthenticated() async throws {
        let f = try await ServiceFixture()
        #expect(try await f.refusal(.equipmentRegistration, as: nil, JSONObject(["activityUnit": "min"])).status == 401)
        #expect(try await f.refusal(.equipmentEnquiry, as: nil).status == 401)
    }
}

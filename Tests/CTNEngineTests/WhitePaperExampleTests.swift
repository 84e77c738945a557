import CTNModel
import Foundation
import Testing

@testable import CTNEngine

/// The worked example of the CTN white paper (IVI, 2023), Tables 3 to 9, recomputed exactly.
///
/// Expected values are worked out by hand with exact fractions (see each comment), not taken from
/// the engine. The paper prints rounded figures and has three slips that make its printed values
/// differ from the exact ones:
/// - Table 3 writes the city-gas line as "5.00 thousand Nm3" at "2.234 t-CO2/thousand Nm3" but
///   shows 11.17 kg-CO2: the consumption is 5.00 Nm3 (2.234 kg-CO2/Nm3), "thousand" is a unit slip.
/// - Table 5 rounds the allocation factors to three digits (0.627, 0.348, 0.025); the exact factors
///   are 5400/8610, 3000/8610 and 210/8610, so Table 6 (34.008, 18.876, 1.356) is off in the
///   third decimal; exactly it is 34.0181185, 18.8989547 and 1.3229268 kg-CO2.
/// - Table 6 prints the assembly line at 0.002 kg-CO2/min; 1.3229268 / 420 = 0.0031498.
/// Tables 8 and 10 also label kg-CO2 figures as g-CO2.
@Suite("White paper worked example")
struct WhitePaperExampleTests {
    static let dictionaries: Dictionaries = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        // A broken dictionary folder fails every test of the suite with this message.
        do { return try Dictionaries.load(folder: root.appendingPathComponent("Dictionaries")) } catch { preconditionFailure("\(error)") }
    }()
    let engine = Engine(dictionaries: WhitePaperExampleTests.dictionaries)

    /// Relative tolerance: the exact values below are rationals rounded to 16 significant digits;
    /// the engine's double arithmetic differs from them by a few ulps at most.
    static let tolerance = 1e-12
    func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= Self.tolerance * max(abs(a), abs(b)) }

    func report() throws -> EnergyReportResult {
        // Table 3: 120.0 kWh at 0.452 kg-CO2/kWh; 5.00 Nm3 at 2.234 kg-CO2/Nm3.
        // Table 4: electricity 30 / 10 / 0.5 kW; gas 10 Nm3/min (furnace only); 180 / 300 / 420 min.
        try engine.energyReport(
            energy: [
                EnergyConsumption(energyType: "electricity", consumption: 120, unit: "kWh", factor: 0.452, factorUnit: "kg-CO2e/kWh"),
                EnergyConsumption(energyType: "city-gas", consumption: 5, unit: "Nm3", factor: 2.234, factorUnit: "kg-CO2e/Nm3"),
            ],
            equipment: [
                EquipmentOperation(
                    equipmentId: "furnace", operatingTime: 180, timeUnit: "min", activityUnit: "min",
                    performance: [("electricity", 30, "kW"), ("city-gas", 10, "Nm3/min")]),
                EquipmentOperation(
                    equipmentId: "nc", operatingTime: 300, timeUnit: "min", activityUnit: "min",
                    performance: [("electricity", 10, "kW")]),
                EquipmentOperation(
                    equipmentId: "assembly", operatingTime: 420, timeUnit: "min", activityUnit: "min",
                    performance: [("electricity", 0.5, "kW")]),
            ])
    }

    @Test("Table 3: CO2 emissions per energy type")
    func table3() throws {
        let r = try report()
        #expect(close(r.emissions[0].co2, 54.24))  // 120 × 0.452
        #expect(close(r.emissions[1].co2, 11.17))  // 5 × 2.234
    }

    @Test("Table 5: allocation factors are the bases normalised (exact, not the printed 3 digits)")
    func table5() throws {
        let r = try report()
        // Bases: 30 kW × 180 min = 5400, 10 × 300 = 3000, 0.5 × 420 = 210; sum 8610.
        #expect(close((r.equipment[0].allocation["electricity"] ?? .nan), 5400.0 / 8610.0))  // 0.627178…
        #expect(close((r.equipment[1].allocation["electricity"] ?? .nan), 3000.0 / 8610.0))  // 0.348432…
        #expect(close((r.equipment[2].allocation["electricity"] ?? .nan), 210.0 / 8610.0))  // 0.024390…
        #expect(r.equipment[0].allocation["city-gas"] == 1)
        #expect(r.equipment[1].allocation["city-gas"] == 0)
        let sum = r.equipment.map { $0.allocation["electricity"] ?? .nan }.reduce(0, +)
        #expect(abs(sum - 1) < 1e-15)
    }

    @Test("Table 6: emissions and intensity per equipment")
    func table6() throws {
        let r = try report()
        // Furnace: 54.24 × 5400/8610 + 11.17 = 45.188118466898956 kg; / 180 min.
        #expect(close(r.equipment[0].co2, 45.188118466898956))
        #expect(close(r.equipment[0].intensity, 0.2510451025938831))
        // NC machine: 54.24 × 3000/8610 = 18.898954703832754 kg; / 300 min.
        #expect(close(r.equipment[1].co2, 18.898954703832754))
        #expect(close(r.equipment[1].intensity, 0.0629965156794425))
        // Assembly line: 54.24 × 210/8610 = 1.3229268292682927 kg; / 420 min.
        #expect(close(r.equipment[2].co2, 1.3229268292682927))
        #expect(close(r.equipment[2].intensity, 0.0031498257839721253))
        // The rounded figures, to 7 decimals.
        #expect(abs(r.equipment[0].intensity - 0.2510451) < 5e-8)
        #expect(abs(r.equipment[1].intensity - 0.0629965) < 5e-8)
        #expect(abs(r.equipment[2].intensity - 0.0031498) < 5e-8)
        #expect(r.equipment.allSatisfy { $0.unit == "kg-CO2e/min" })
        // All emissions are allocated: 54.24 + 11.17 = 65.41.
        #expect(close(r.equipment.map(\.co2).reduce(0, +), 65.41))
    }

    @Test("Tables 7-8: process part per piece from standard times")
    func table8() throws {
        let r = try report()
        let i = r.equipment.map(\.intensity)
        func process(_ times: [Double]) throws -> Double {
            var total = 0.0
            for (k, t) in times.enumerated() {
                total += try engine.equipmentUseCO2(activity: t, unit: "min", intensity: i[k], activityUnit: "min")
            }
            return total
        }
        // Product A: 6 min, 20 min, 220/12 min: exactly 2.8239477351916378 kg-CO2 (paper: 2.803, from rounded intensities).
        let a = try process([6, 20, 220.0 / 12])
        #expect(close(a, 2.8239477351916378))
        #expect(abs(a - 2.82395) < 5e-6)
        // Product B: 6, 12.5, 20 min: exactly 2.356723577235772 kg-CO2 (paper: 2.334).
        let b = try process([6, 12.5, 20])
        #expect(close(b, 2.356723577235772))
        #expect(abs(b - 2.35672) < 5e-6)
    }

    @Test("Table 9: material part from category intensities, with unit conversion g → kg")
    func table9() throws {
        let steel = try #require(Self.dictionaries.categories["steel-s45c"])
        let absResin = try #require(Self.dictionaries.categories["resin-abs"])
        let (ps, us) = try engine.categoryIntensity(steel)
        let (pa, ua) = try engine.categoryIntensity(absResin)
        #expect(us == "kg" && ua == "kg")
        // Product B: 13 g × 0.393 = 5.109 g-CO2 (as printed); 7 g × 0.254 = 1.778 g-CO2 (printed 1.777).
        let sB = try engine.materialUseCO2(quantity: 13, unit: "g", perUnit: ps, perUnitOf: us)
        let aB = try engine.materialUseCO2(quantity: 7, unit: "g", perUnit: pa, perUnitOf: ua)
        #expect(close(sB, 0.005109))
        #expect(close(aB, 0.001778))
        // Product A: 28 g × 0.393 = 11.004 g-CO2 (the paper prints 11.015, which 0.393 does not give).
        #expect(close(try engine.materialUseCO2(quantity: 28, unit: "g", perUnit: ps, perUnitOf: us), 0.011004))
    }

    @Test("Lot completion: CFP per good unit = total / (completed − defects)")
    func completion() throws {
        // 12 pieces of A: process 12 × 2.8239477351916378, material 12 × 0.014052.
        let r = try Engine.completeLot(materialCO2: 0.168624, processCO2: 33.887372822299654, completed: 13, defects: 1)
        #expect(close(r.total, 34.055996822299654))
        #expect(r.good == 12)
        #expect(close(r.perGoodUnit, 2.8379997351916378))
        #expect(throws: EngineError.self) { try Engine.completeLot(materialCO2: 1, processCO2: 1, completed: 3, defects: 3) }
        #expect(throws: EngineError.self) { try Engine.completeLot(materialCO2: 1, processCO2: 1, completed: 3, defects: 4) }
    }

    @Test("Determinism: the same report gives the same bits")
    func determinism() throws {
        let a = try report()
        let b = try report()
        #expect(a == b)
        #expect(a.equipment.map(\.intensity.bitPattern) == b.equipment.map(\.intensity.bitPattern))
    }

    @Test("Energy that no equipment can take is refused, not lost")
    func unallocated() throws {
        #expect(throws: EngineError.self) {
            try engine.energyReport(
                energy: [EnergyConsumption(energyType: "city-gas", consumption: 5, unit: "Nm3", factor: 2.234, factorUnit: "kg-CO2e/Nm3")],
                equipment: [EquipmentOperation(equipmentId: "x", operatingTime: 1, timeUnit: "h", activityUnit: "min", performance: [])])
        }
    }
}

@Suite("Units")
struct UnitTests {
    let units = UnitConverter(WhitePaperExampleTests.dictionaries)

    @Test func conversions() throws {
        #expect(try units.convert(1500, from: "g", to: "kg") == 1.5)
        #expect(try units.convert(2, from: "t", to: "kg") == 2000)
        #expect(try units.convert(90, from: "min", to: "h") == 1.5)
        #expect(abs(try units.convert(3.6, from: "MJ", to: "kWh") - 1) < 1e-15)
        #expect(try units.convert(0.123456789, from: "min", to: "min") == 0.123456789)
        #expect(throws: EngineError.self) { try units.convert(1, from: "kg", to: "min") }
        #expect(throws: EngineError.self) { try units.convert(1, from: "parsec", to: "m") }
    }

    @Test func intensities() throws {
        // 15.06 kg-CO2e/h is 0.251 kg-CO2e/min.
        #expect(abs(try units.intensity(15.06, unit: "kg-CO2e/h", perActivityUnit: "min") - 0.251) < 1e-15)
        // 251 g-CO2e/min is 0.251 kg-CO2e/min.
        #expect(abs(try units.intensity(251, unit: "g-CO2e/min", perActivityUnit: "min") - 0.251) < 1e-15)
        #expect(throws: EngineError.self) { try units.intensity(1, unit: "kWh/min", perActivityUnit: "min") }
        #expect(throws: EngineError.self) { try units.intensity(1, unit: "kg-CO2e/kg", perActivityUnit: "min") }
    }
}

import CTNEngine
import CTNModel
import Foundation
import Testing

/// No computation leaves the finite numbers: what would overflow is refused with `out_of_range`,
/// so no infinity or NaN is stored, signed or served (issue 10, items 1 and 4).
@Suite("Finite numbers")
struct FiniteNumbersTests {
    static let dictionaries = try? Dictionaries.load(
        folder: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Dictionaries"))

    @Test("A lot whose CO2 sum overflows is refused at completion")
    func completion() {
        #expect(throws: EngineError.self) {
            try Engine.completeLot(materialCO2: 1e308, processCO2: 1e308, completed: 1, defects: 0)
        }
        #expect(throws: EngineError.self) {
            try Engine.completeLot(materialCO2: 5, processCO2: 0, completed: 2.3e-308, defects: 0)  // 2.17e308 per unit
        }
        #expect((try? Engine.completeLot(materialCO2: 3, processCO2: 1, completed: 2, defects: 0))?.perGoodUnit == 2)
    }

    @Test("Conversions, uses and running sums that overflow are refused")
    func conversions() throws {
        let engine = Engine(dictionaries: try #require(Self.dictionaries))
        #expect(throws: EngineError.self) { try engine.units.convert(1e308, from: "t", to: "g") }
        #expect(try engine.units.convert(1, from: "t", to: "g") == 1_000_000)
        #expect(throws: EngineError.self) { try engine.materialUseCO2(quantity: 1e300, unit: "kg", perUnit: 1e10, perUnitOf: "kg") }
        #expect(throws: EngineError.self) { try engine.units.intensity(1e308, unit: "kg-CO2e/s", perActivityUnit: "d") }
        #expect(throws: EngineError.self) { try Engine.checkedAccumulate(1.7e308, 1.7e308) }
    }

    @Test("Canonical JSON never writes a bare inf or nan")
    func json() {
        #expect(CanonicalJSON.encode(["a": .number(.infinity), "b": .number(.nan), "c": 1]) == #"{"a":null,"b":null,"c":1}"#)
    }

    @Test("Statistics skip non-finite stored values instead of trapping")
    func statistics() throws {
        let summary = try #require(CategoryStatistics.summary([1, .infinity, 3, .nan]))
        #expect(summary.count == 2 && summary.mean == 2)
        #expect(CategoryStatistics.summary([.infinity]) == nil)
        var sketch = QuantileSketch()
        sketch.add(.infinity)
        sketch.add(-1)
        sketch.add(2)
        #expect(sketch.count == 1)
    }
}

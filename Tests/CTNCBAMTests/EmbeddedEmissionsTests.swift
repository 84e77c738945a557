import CTNCBAM
import Testing

/// Embedded emissions worked by hand (tolerance 1e-9 relative):
///
/// Pig iron (CN 7201): 1,000 t; direct 1,800 t-CO2e less 50 t of exported heat = 1,750; 200 MWh ×
/// 0.5 = 100 t indirect. SEE 1.75 direct, 0.1 indirect.
/// Hot-rolled coil (CN 7208): 1,200 t; direct 240 + 10 imported heat = 250; 600 MWh × 0.5 = 300
/// indirect; 900 t of the pig iron and 400 t of slab (CN 7207) bought from India.
/// - slab verified at 1.9 / 0.3: direct 250 + 900 × 1.75 + 400 × 1.9 = 2,585 → 2.1541666…;
///   indirect 300 + 90 + 120 = 510 → 0.425; steel counts direct only; nothing on defaults.
/// - slab unverified, default 2.5 / 0.4: direct 250 + 1,575 + 1,000 = 2,825 → 2.3541666…; on
///   defaults 1,000 of 2,825 = 0.353982…
@Suite("CBAM embedded emissions")
struct EmbeddedEmissionsTests {
    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(abs(b), 1e-300) }

    static func chain(verified: Bool, country: String = "IN") -> [CBAMProcess] {
        [
            CBAMProcess(
                id: "pig-iron", goods: ["7201 10 11"], activityLevel: 1000, directEmissions: 1800,
                flows: CBAMProcess.Flows(heatExported: 50), electricityConsumed: 200, electricityFactor: 0.5),
            CBAMProcess(
                id: "hot-rolled", goods: ["7208 51 20"], activityLevel: 1200, directEmissions: 240,
                flows: CBAMProcess.Flows(heatImported: 10),
                electricityConsumed: 600, electricityFactor: 0.5,
                precursors: [
                    .init(.own(process: "pig-iron"), tonnes: 900),
                    .init(
                        .purchased(cn: "7207 11", country: country, actual: CBAMSEE(direct: 1.9, indirect: 0.3), verified: verified),
                        tonnes: 400),
                ]),
        ]
    }

    static func defaults(_ cn: String, _ country: String) -> CBAMDefault? {
        cn.hasPrefix("7207") ? CBAMDefault(see: CBAMSEE(direct: 2.5, indirect: 0.4), source: "test table", fallback: country != "IN") : nil
    }

    @Test("Own pig iron and verified purchased slab: SEE 2.1541666… direct, 0.425 indirect, counted direct, nothing on defaults")
    func verified() throws {
        let (processes, goods) = try EmbeddedEmissions.resolve(Self.chain(verified: true), defaults: Self.defaults)
        #expect(Self.close(processes[0].see.direct, 1.75) && Self.close(processes[0].see.indirect, 0.1))
        let coil = try #require(goods.first { $0.cn == "7208 51 20" })
        #expect(Self.close(coil.see.direct, 2585.0 / 1200) && Self.close(coil.see.indirect, 0.425))
        #expect(coil.category == .ironAndSteel && !coil.countsIndirect && Self.close(coil.counted, 2585.0 / 1200))
        #expect(coil.defaultShare == 0 && coil.tier == .actual)
        #expect(coil.precursors.map(\.source) == ["own", "verified"])
    }

    @Test("The slab unverified: the default for India, 2.3541666… direct, 35.398 % on defaults, and the reason")
    func unverified() throws {
        let goods = try EmbeddedEmissions.resolve(Self.chain(verified: false), defaults: Self.defaults).goods
        let coil = try #require(goods.first { $0.cn == "7208 51 20" })
        #expect(Self.close(coil.see.direct, 2825.0 / 1200) && Self.close(coil.see.indirect, (300 + 90 + 160) / 1200.0))
        #expect(Self.close(coil.defaultShare, 1000.0 / 2825) && coil.tier == .default)
        #expect(
            coil.precursors[1].source == "default" && coil.precursors[1].reason.hasPrefix("the supplier's actual values are not verified"))
        // From Germany the slab counts zero: 250 + 1,575 = 1,825 → 1.5208333…
        let eu = try EmbeddedEmissions.resolve(Self.chain(verified: false, country: "DE"), defaults: Self.defaults).goods[1]
        #expect(Self.close(eu.see.direct, 1825.0 / 1200) && eu.precursors[1].source == "eu" && eu.defaultShare == 0)
    }

    @Test("Cement counts indirect: clinker 0.85 + 0.05, cement of 0.9 t clinker per t adds 0.02 direct and 0.04 indirect")
    func cement() throws {
        let processes = [
            CBAMProcess(
                id: "clinker", goods: ["2523 10 00"], activityLevel: 1000, directEmissions: 850, electricityConsumed: 100,
                electricityFactor: 0.5),
            CBAMProcess(
                id: "cement", goods: ["2523 29 00"], activityLevel: 1000, directEmissions: 20, electricityConsumed: 80,
                electricityFactor: 0.5,
                precursors: [.init(.own(process: "clinker"), tonnes: 900)]),
        ]
        let cement = try #require(try EmbeddedEmissions.resolve(processes, defaults: Self.defaults).goods.last)
        // Direct 20 + 900 × 0.85 = 785 → 0.785; indirect 40 + 900 × 0.05 = 85 → 0.085; counted 0.87.
        #expect(Self.close(cement.see.direct, 0.785) && Self.close(cement.see.indirect, 0.085))
        #expect(cement.countsIndirect && Self.close(cement.counted, 0.87))
    }

    @Test("Cycles, unknown processes, missing activity, goods outside CBAM and missing defaults are errors naming the place")
    func errors() {
        var loop = Self.chain(verified: true)
        loop[0].precursors = [.init(.own(process: "hot-rolled"), tonnes: 1)]
        #expect(throws: CBAMError.self) { try EmbeddedEmissions.resolve(loop, defaults: Self.defaults) }
        do {
            _ = try EmbeddedEmissions.resolve(loop, defaults: Self.defaults)
        } catch {
            #expect(error.code == .cycle && error.message.contains("pig-iron → hot-rolled → pig-iron"))
        }
        var selfLoop = Self.chain(verified: true)
        selfLoop[0].precursors = [.init(.own(process: "pig-iron"), tonnes: 1)]
        #expect(throws: CBAMError(.cycle, "process pig-iron cannot be its own precursor", process: 0, precursor: 0)) {
            try EmbeddedEmissions.resolve(selfLoop, defaults: Self.defaults)
        }
        var unknown = Self.chain(verified: true)
        unknown[1].precursors[0] = .init(.own(process: "coke"), tonnes: 1)
        #expect(throws: CBAMError(.unknownProcess, "precursor process coke is not a process of this report", process: 1, precursor: 0)) {
            try EmbeddedEmissions.resolve(unknown, defaults: Self.defaults)
        }
        var idle = Self.chain(verified: true)
        idle[0].activityLevel = 0
        #expect(throws: CBAMError(.noActivity, "process pig-iron has no activity level above 0", process: 0)) {
            try EmbeddedEmissions.resolve(idle, defaults: Self.defaults)
        }
        var timber = Self.chain(verified: true)
        timber[0].goods = ["4407 10"]
        #expect(throws: CBAMError(.notCovered, "CN 4407 10 is not a good CBAM covers", process: 0)) {
            try EmbeddedEmissions.resolve(timber, defaults: Self.defaults)
        }
        #expect(throws: CBAMError(.noDefault, "no default value for CN 7207 11 from IN", process: 1, precursor: 1)) {
            try EmbeddedEmissions.resolve(Self.chain(verified: false), defaults: { _, _ in nil })
        }
    }

    @Test(
        "Categories from CN codes: steel, aluminium, cement, fertilisers, hydrogen, electricity; scrap and ferro-silicon are not CBAM goods"
    )
    func categories() {
        #expect(CBAMCategory.of(cn: "7208 51 20") == .ironAndSteel)
        #expect(CBAMCategory.of(cn: "26011200") == .ironAndSteel && CBAMCategory.ironAndSteel.countsIndirect(cn: "2601 12 00"))
        #expect(CBAMCategory.of(cn: "7601 10 00") == .aluminium)
        #expect(CBAMCategory.of(cn: "2523 29 00") == .cement)
        #expect(CBAMCategory.of(cn: "3102 10 10") == .fertilisers && CBAMCategory.of(cn: "3105 60 00") == nil)
        #expect(CBAMCategory.of(cn: "2804 10 00") == .hydrogen && CBAMCategory.of(cn: "2716 00 00") == .electricity)
        #expect(CBAMCategory.of(cn: "7204 41") == nil && CBAMCategory.of(cn: "7202 21 00") == nil)
        #expect(CBAMCategory.of(cn: "72x8") == nil)
    }
}

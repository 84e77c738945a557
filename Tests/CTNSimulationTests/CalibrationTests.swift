import Testing

@testable import CTNSimulation

/// Two meters on two lines over eight days: the readings are made from known ("true") powers, the
/// model starts from wrong ones, and least squares must find the true ones again.
struct CalibrationTests {
    static let day = 24 * 60 * Ticks.perMinute

    static func machine(_ id: String, _ b: Double, _ s: Double, _ i: Double) -> ProductionModel.Machine {
        ProductionModel.Machine(id: id, power: [.init(energyType: "electricity", busy: b, setup: s, idle: i, warmUp: 0)])
    }

    /// Line 1: machine L1 alone; line 2: L2a → L2b, and L2b alone. Machines switch off after 45 idle minutes, so
    /// the idle time of each machine differs from day to day and from the others'.
    static func model(_ powers: [(Double, Double, Double)]) -> ProductionModel {
        let min = Ticks.perMinute
        let machines = zip(["L1", "L2a", "L2b"], powers).map { machine($0.0, $0.1.0, $0.1.1, $0.1.2) }
        let p = ProductionModel.Product(id: "P", routing: [.init(machine: 0, perPiece: 3 * min, setup: 15 * min)])
        let q = ProductionModel.Product(
            id: "Q",
            routing: [.init(machine: 1, perPiece: 2 * min, setup: 20 * min), .init(machine: 2, perPiece: 5 * min, setup: 10 * min)])
        // R runs on L2b alone: without it the two machines of line 2 would always work in the same
        // ratio and no meter could tell their powers apart (the fit would fall back to grouped factors).
        let r = ProductionModel.Product(id: "R", routing: [.init(machine: 2, perPiece: 4 * min, setup: 30 * min)])
        return ProductionModel(machines: machines, products: [p, q, r], switchOff: .whenIdle(after: 45 * min, warmUp: 0))
    }

    static func orders() -> [Order] {
        let min = Ticks.perMinute
        var out: [Order] = []
        // Day d: a different number of lots of different sizes at different hours.
        for d in 0..<8 {
            for k in 0...(d % 3) {
                let release = Int64(d) * day + Int64(6 * 60 + 170 * k + 13 * d) * min
                out.append(Order(product: 0, quantity: Int64(10 + 7 * ((d + k) % 4)), release: release, origin: out.count))
                out.append(Order(product: 1, quantity: Int64(4 + 5 * ((2 * d + k) % 3)), release: release + 25 * min, origin: out.count))
                if (d + k) % 2 == 1 {
                    out.append(Order(product: 2, quantity: Int64(3 + 4 * (d % 3)), release: release + 300 * min, origin: out.count))
                }
            }
        }
        return out
    }

    @Test func leastSquaresRecoversThePowers() throws {
        let truth = [(11.5, 4.2, 1.7), (7.3, 3.1, 0.9), (15.8, 6.4, 2.6)]
        let prior = [(10.0, 5.0, 2.0), (8.0, 3.0, 1.0), (14.0, 7.0, 2.0)]
        let horizon = 8 * Self.day
        let orders = Self.orders()
        let schedule = JobShop.simulate(Self.model(truth), orders: orders, horizon: horizon)
        func reading(_ machines: [Int], _ d: Int) -> Meter.Reading {
            let from = Int64(d) * Self.day
            var kWh = 0.0
            for m in machines {
                let t = schedule.ticks(machine: m, from: from, to: from + Self.day)
                let (b, s, i) = truth[m]
                kWh +=
                    b * Ticks.hours(t[MachineState.busy.rawValue]) + s * Ticks.hours(t[MachineState.setup.rawValue])
                    + i * Ticks.hours(t[MachineState.idle.rawValue])
            }
            return Meter.Reading(from: from, to: from + Self.day, kWh: kWh)
        }
        let meters = [
            Meter(machines: [0], readings: (0..<8).map { reading([0], $0) }),
            Meter(machines: [1, 2], readings: (0..<8).map { reading([1, 2], $0) }),
        ]
        let run = SimulationRun(model: Self.model(prior), orders: orders, horizon: horizon, meters: meters, factors: ["electricity": 0.3])
        let result = Simulation.run(run)
        let c = try #require(result.calibration)
        #expect(c.fits.map(\.level) == [.powers, .powers])
        for (m, (b, s, i)) in truth.enumerated() {
            let p = c.model.machines[m].power[0]
            #expect(abs(p.busy - b) < 1e-6, "machine \(m) busy \(p.busy)")
            #expect(abs(p.setup - s) < 1e-6, "machine \(m) setup \(p.setup)")
            #expect(abs(p.idle - i) < 1e-6, "machine \(m) idle \(p.idle)")
        }
        // A perfect fit: no bias, no scatter, no finding.
        for f in c.fits {
            #expect(abs(f.nmbe) < 1e-6)
            #expect(try #require(f.cvRMSE) < 1e-6)
            #expect(!f.poor)
        }
        #expect(c.findings.isEmpty)
    }

    @Test func oneReadingGivesOneFactor() throws {
        let run = FlowLineTests.line()
        let c = try #require(Simulation.run(run).calibration)
        #expect(c.fits.map(\.level) == [.factor])
        #expect(abs(c.model.machines[1].power[0].idle - 2 * 1.2) < 1e-12)
    }

    @Test func aFitThatMissesIsAFinding() throws {
        // Readings that the model cannot explain: every other day the meter reads 40 % more.
        let truth = [(11.5, 4.2, 1.7), (7.3, 3.1, 0.9), (15.8, 6.4, 2.6)]
        let horizon = 8 * Self.day
        let orders = Self.orders()
        let schedule = JobShop.simulate(Self.model(truth), orders: orders, horizon: horizon)
        let readings = (0..<8).map { d -> Meter.Reading in
            let from = Int64(d) * Self.day
            let t = schedule.ticks(machine: 0, from: from, to: from + Self.day)
            let kWh = 11.5 * Ticks.hours(t[0]) + 4.2 * Ticks.hours(t[1]) + 1.7 * Ticks.hours(t[3])
            return Meter.Reading(from: from, to: from + Self.day, kWh: kWh * (d % 2 == 0 ? 1.4 : 1))
        }
        let run = SimulationRun(
            model: Self.model(truth), orders: orders, horizon: horizon, meters: [Meter(machines: [0], readings: readings)],
            factors: ["electricity": 0.3])
        let c = try #require(Simulation.run(run).calibration)
        #expect(c.fits[0].poor)
        #expect(c.findings.contains { $0.code == "calibration_poor" })
    }

    @Test func nonNegativeLeastSquaresKeepsPowersAtZeroOrAbove() {
        // b = 2·a1 − 1·a2 has no non-negative solution; the best one sets x2 = 0 (worked by hand:
        // with a1 = (1,0,1), a2 = (0,1,1), b = (2,−1,1), x2 = 0 gives x1 = (a1·b)/(a1·a1) = 3/2).
        let x = LeastSquares.nonNegative([[1, 0, 1], [0, 1, 1]], [2, -1, 1])
        #expect(abs(x[0] - 1.5) < 1e-12)
        #expect(x[1] == 0)
        #expect(LeastSquares.rank([[1, 2, 3], [2, 4, 6], [0, 1, 0]]) == 2)
    }
}

extension CalibrationTests {
    @Test func machinesThatAlwaysWorkTogetherGetGroupedFactors() throws {
        // Without product R, L2a and L2b work in a fixed ratio: their powers cannot be told apart.
        let orders = Self.orders().filter { $0.product != 2 }
        let horizon = 8 * Self.day
        let schedule = JobShop.simulate(Self.model([(1, 1, 1), (7, 3, 1), (15, 6, 2)]), orders: orders, horizon: horizon)
        let readings = (0..<8).map { d -> Meter.Reading in
            let from = Int64(d) * Self.day
            let kWh = [1, 2].reduce(0.0) { sum, m in
                let t = schedule.ticks(machine: m, from: from, to: from + Self.day)
                return sum + 1.1 * (m == 1 ? 7 * Ticks.hours(t[0]) + 3 * Ticks.hours(t[1]) : 15 * Ticks.hours(t[0]) + 6 * Ticks.hours(t[1]))
            }
            return Meter.Reading(from: from, to: from + Self.day, kWh: kWh)
        }
        let run = SimulationRun(
            model: Self.model([(1, 1, 1), (7, 3, 1), (15, 6, 2)]), orders: orders, horizon: horizon,
            meters: [Meter(machines: [1, 2], readings: readings)], factors: ["electricity": 0.3])
        let c = try #require(Simulation.run(run).calibration)
        #expect(c.fits[0].level != .powers)
        #expect(c.findings.contains { $0.code == "calibration_grouped" })
    }
}

extension CalibrationTests {
    @Test func aMachineIsCalibratedOnlyWhenEveryEnergyTypeItDrawsIsMetered() throws {
        // M1 of the flow line also burns gas; the plant meter reads electricity only.
        var run = FlowLineTests.line()
        run.model.machines[0].power.append(.init(energyType: "natural-gas", busy: 20, setup: 0, idle: 0))
        run.factors["natural-gas"] = 0.2
        let r = Simulation.run(run)
        let c = try #require(r.calibration)
        #expect(c.covered == [false, true, true])
        #expect(!r.calibrated)
        // Gas: 20 kW × 35 busy minutes = 35/3 kWh, left as modelled, × 0.2 kg-CO2e/kWh on top.
        #expect(abs(r.totalCO2 - (50.8 * 0.4 + 35.0 / 3 * 0.2)) < 1e-9)
    }
}

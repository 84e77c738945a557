import Testing

@testable import CTNSimulation

/// The flow line of three machines and two products, worked out by hand.
///
/// Routing of both products: M1 → M2 → M3. Minutes per piece / setup minutes per lot:
///   A: M1 2 / 10, M2 3 / 5, M3 1 / 0;   B: M1 1 / 20, M2 2 / 10, M3 2 / 5.
/// Lots (FIFO): O1 = 10 A released at 0, O2 = 5 B at 0, O3 = 5 A at 30. Horizon 240 min.
///
/// Schedule (setup then busy):
///   M1: O1 setup 0–10 busy 10–30; O2 setup 30–50 busy 50–55; O3 setup 55–65 busy 65–75.
///   M2: O1 setup 30–35 busy 35–65; O2 setup 65–75 busy 75–85; O3 setup 85–90 busy 90–105.
///   M3: O1 busy 65–75; O2 setup 85–90 busy 90–100; O3 busy 105–110.
///   (At 30 M1 frees, O3 arrives and O2 has waited since 0: FIFO takes O2.)
/// Done: O1 75, O2 100, O3 110 → lead times 75, 100, 80; makespan 110.
/// Minutes (busy, setup, idle): M1 35, 40, 165; M2 55, 20, 165; M3 25, 5, 210.
/// Powers kW (busy, setup, idle): M1 12, 6, 3; M2 9, 4, 2; M3 6, 3, 1.5.
/// Energy kWh: M1 7 + 4 + 8.25 = 19.25; M2 8.25 + 4/3 + 5.5 = 15.08333…; M3 2.5 + 0.25 + 5.25 = 8.
/// Modelled total 42.3333…; the plant meter read 50.8 kWh → k = 50.8 ÷ 42.3333… = 1.2.
/// Idle shared by busy minutes — M1 (20, 5, 10 of 35): 8.25 × (4/7, 1/7, 2/7); M2 (30, 10, 15 of 55):
/// 3, 1, 1.5; M3 (10, 10, 5 of 25): 2.1, 2.1, 1.05.
/// Modelled per lot: O1 = (4 + 1 + 33/7) + (4.5 + 1/3 + 3) + (1 + 2.1) = 15.6 + 106/21;
///   O2 = (1 + 2 + 33/28) + (1.5 + 2/3 + 1) + (1 + 0.25 + 2.1) = 8.85 + 33/28 + 2/3;
///   O3 = (2 + 1 + 33/14) + (2.25 + 1/3 + 1.5) + (0.5 + 1.05) = 8.3 + 33/14 + 1/3.
/// Calibrated = × 1.2; CO2 per piece = calibrated × 0.4 kg-CO2e/kWh ÷ pieces.
struct FlowLineTests {
    static func line(switchOff: SwitchOff = .never) -> SimulationRun {
        let m = { (id: String, b: Double, s: Double, i: Double) in
            ProductionModel.Machine(id: id, power: [.init(energyType: "electricity", busy: b, setup: s, idle: i)])
        }
        let min = Ticks.perMinute
        let a = ProductionModel.Product(
            id: "A",
            routing: [
                .init(machine: 0, perPiece: 2 * min, setup: 10 * min), .init(machine: 1, perPiece: 3 * min, setup: 5 * min),
                .init(machine: 2, perPiece: 1 * min, setup: 0),
            ])
        let b = ProductionModel.Product(
            id: "B",
            routing: [
                .init(machine: 0, perPiece: 1 * min, setup: 20 * min), .init(machine: 1, perPiece: 2 * min, setup: 10 * min),
                .init(machine: 2, perPiece: 2 * min, setup: 5 * min),
            ])
        let model = ProductionModel(
            machines: [m("M1", 12, 6, 3), m("M2", 9, 4, 2), m("M3", 6, 3, 1.5)], products: [a, b], switchOff: switchOff)
        let orders = [
            Order(product: 0, quantity: 10, release: 0, origin: 0), Order(product: 1, quantity: 5, release: 0, origin: 1),
            Order(product: 0, quantity: 5, release: 30 * min, origin: 2),
        ]
        return SimulationRun(
            model: model, orders: orders, horizon: 240 * min,
            meters: [Meter(machines: [0, 1, 2], readings: [.init(from: 0, to: 240 * min, kWh: 50.8)])], factors: ["electricity": 0.4])
    }

    @Test func scheduleMatchesTheHandWorkedOne() throws {
        let r = Simulation.run(Self.line())
        let minute = Double(Ticks.perMinute)
        let leads: [Double?] = r.lots.map { $0.leadTicks.map { Double($0) / minute } }
        #expect(leads == [75, 100, 80])
        #expect(r.makespan == 110 * Ticks.perMinute)
        let states: [MachineState] = [.busy, .setup, .idle, .off]
        let minutes: [[Double]] = r.account.machines.map { m in states.map { Ticks.minutes(m.ticks[$0.rawValue]) } }
        let want: [[Double]] = [[35, 40, 165, 0], [55, 20, 165, 0], [25, 5, 210, 0]]
        #expect(minutes == want)
        // Segments of M1 as worked out above.
        let m1: [[Double]] = r.schedule.machines[0].map { s in
            [Ticks.minutes(s.start), Ticks.minutes(s.end), Double(s.state.rawValue), Double(s.order)]
        }
        let expected: [[Double]] = [
            [0, 10, 1, 0], [10, 30, 0, 0], [30, 50, 1, 1], [50, 55, 0, 1], [55, 65, 1, 2], [65, 75, 0, 2], [75, 240, 3, -1],
        ]
        #expect(m1 == expected)
    }

    @Test func calibratedEnergyAndCO2PerPiece() throws {
        let r = Simulation.run(Self.line())
        let c = try #require(r.calibration)
        let factor: Double = try #require(c.factor)
        let total: Double = 19.25 + (15 + 1.0 / 12) + 8
        #expect(abs(factor - 50.8 / total) < 1e-12)
        #expect(abs(factor - 1.2) < 1e-12)
        let o1: Double = 15.6 + 106.0 / 21
        let o2: Double = 8.85 + 33.0 / 28 + 2.0 / 3
        let o3: Double = 8.3 + 33.0 / 14 + 1.0 / 3
        let modelled = [o1, o2, o3]
        for (k, lot) in r.lots.enumerated() {
            #expect(abs(lot.totalKWh - modelled[k] * 1.2) < 1e-9, "lot \(k)")
            let pieces = Double(r.run.orders[k].quantity)
            let co2: Double = modelled[k] * 1.2 * 0.4 / pieces
            #expect(abs(lot.co2PerPiece - co2) < 1e-9, "lot \(k)")
        }
        // Every kWh the meter read is carried by some lot.
        #expect(abs(r.lots.reduce(0) { $0 + $1.totalKWh } - 50.8) < 1e-9)
        #expect(r.calibrated)
        // Time-average WIP: (75 + 100 + 80) lot-minutes over 240.
        #expect(abs(r.wipAverage - 255.0 / 240) < 1e-12)
    }

    @Test func switchOffAfterTheLastLotSavesTheTailIdle() throws {
        let on = Simulation.run(Self.line())
        let off = Simulation.run(Self.line(switchOff: .afterLastLot))
        // Tails after each machine's last lot: M1 75–240, M2 105–240, M3 110–240 → modelled idle
        // 3 × 165/60 + 2 × 135/60 + 1.5 × 130/60 = 8.25 + 4.5 + 3.25 = 16 kWh no longer drawn.
        // Without meters in the variant, compare at modelled powers: 42.3333… − 16 = 26.3333… kWh.
        var runOn = Self.line()
        runOn.meters = []
        var runOff = Self.line(switchOff: .afterLastLot)
        runOff.meters = []
        let a = Simulation.run(runOn)
        let b = Simulation.run(runOff)
        #expect(abs(a.totalKWh - b.totalKWh - 16) < 1e-9)
        #expect(abs(a.totalCO2 - b.totalCO2 - 16 * 0.4) < 1e-9)
        #expect(on.makespan == off.makespan)
    }

    @Test func sameInputSameBits() {
        let a = Simulation.run(Self.line())
        let b = Simulation.run(Self.line())
        #expect(a.lots.map(\.co2PerPiece.bitPattern) == b.lots.map(\.co2PerPiece.bitPattern))
        #expect(a.schedule.machines == b.schedule.machines)
    }
}

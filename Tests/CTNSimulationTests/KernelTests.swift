import Testing

@testable import CTNSimulation

/// The kernel's pieces: event order, the shift calendar, the switch-off policy, dispatch rules.
struct KernelTests {
    @Test func equalTimesRunByPriorityThenSchedulingOrder() {
        var q = EventQueue<String>()
        q.schedule("late", at: 20)
        q.schedule("b", at: 10, priority: 1)
        q.schedule("a", at: 10, priority: 0)
        q.schedule("c", at: 10, priority: 1)
        q.schedule("first", at: 5, priority: 9)
        var order: [String] = []
        while let e = q.pop() { order.append(e.payload) }
        #expect(order == ["first", "a", "b", "c", "late"])
        #expect(q.processed == 5)
    }

    @Test func heapKeepsOrderOverManyEvents() {
        var q = EventQueue<Int>()
        var x: UInt64 = 88_172_645_463_325_252
        for i in 0..<10_000 {
            x ^= x << 13
            x ^= x >> 7
            x ^= x << 17
            q.schedule(i, at: Int64(x % 1000))
        }
        var last: (Int64, UInt64) = (-1, 0)
        var ok = true
        while let e = q.pop() {
            if (e.time, e.sequence) < last { ok = false }
            last = (e.time, e.sequence)
        }
        #expect(ok)
    }

    @Test func shiftsPauseWorkAndCountTheRestOff() {
        // One shift 06:00–14:00 a day (in minutes of a 1440-minute cycle).
        let min = Ticks.perMinute
        let cal = ShiftCalendar(cycle: 1440 * min, windows: [.init(start: 360 * min, end: 840 * min)])
        // 600 minutes of work from 10:00: 240 today (to 14:00), 360 tomorrow from 06:00 → 12:00 next day.
        #expect(cal.advance(600 * min, by: 600 * min) == (1440 + 720) * min)
        #expect(cal.onTicks(0, 1440 * min) == 480 * min)
        #expect(cal.nextOn(900 * min) == (1440 + 360) * min)
        #expect(cal.advance(0, by: 480 * min) == 840 * min)
    }

    @Test func whenIdleSwitchesOffAndWarmsUp() {
        let min = Ticks.perMinute
        let m = ProductionModel.Machine(
            id: "M", power: [.init(energyType: "electricity", busy: 10, setup: 5, idle: 2, off: 0.5, warmUp: 8)])
        let p = ProductionModel.Product(id: "P", routing: [.init(machine: 0, perPiece: 10 * min, setup: 0)])
        let model = ProductionModel(machines: [m], products: [p], switchOff: .whenIdle(after: 30 * min, warmUp: 5 * min))
        // Lot 1 at 0 (the machine was just on: no warm-up) busy 0–10; lot 2 at 100: idle 10–40, off 40–100,
        // warm-up 100–105, busy 105–115; then idle 115–145 and off to 200.
        let s = JobShop.simulate(
            model, orders: [Order(product: 0, quantity: 1, release: 0), Order(product: 0, quantity: 1, release: 100 * min)],
            horizon: 200 * min)
        let t = s.ticks(machine: 0).map { Ticks.minutes($0) }
        #expect(t == [20, 0, 5, 60, 115])
        let a = EnergyAccount(schedule: s, model: model, lotCount: 2)
        // Busy 20 min × 10 kW + warm-up 5 × 8 + idle 60 × 2 + off 115 × 0.5, per hour.
        let kWh = a.machines[0].kWh[0].reduce(0, +)
        #expect(abs(kWh - (200 + 40 + 120 + 57.5) / 60) < 1e-12)
        // The warm-up belongs to lot 2, which caused it.
        #expect(a.lots[1][0].ticks[MachineState.warmUp.rawValue] == 5 * min)
    }

    @Test func sptTakesTheShortestWaitingLot() {
        let min = Ticks.perMinute
        let m = ProductionModel.Machine(id: "M", power: [.init(energyType: "electricity", busy: 1, setup: 1, idle: 1)])
        let p = ProductionModel.Product(id: "P", routing: [.init(machine: 0, perPiece: 1 * min, setup: 0)])
        let orders = [
            Order(product: 0, quantity: 5, release: 0), Order(product: 0, quantity: 30, release: 1 * min),
            Order(product: 0, quantity: 2, release: 2 * min),
        ]
        let fifo = JobShop.simulate(ProductionModel(machines: [m], products: [p]), orders: orders, horizon: 100 * min)
        let spt = JobShop.simulate(ProductionModel(machines: [m], products: [p], dispatch: .spt), orders: orders, horizon: 100 * min)
        // FIFO: 0–5, 5–35, 35–37. SPT at 5: lot 3 (2 min) before lot 2 (30): 5–7, 7–37.
        #expect(fifo.lots.map(\.end) == [5 * min, 35 * min, 37 * min])
        #expect(spt.lots.map(\.end) == [5 * min, 37 * min, 7 * min])
    }
}

extension KernelTests {
    @Test func workBeyondEveryHorizonEndsNeverWithoutTrapping() {
        // A 1 ms window a year and six billion ms of work: the end does not fit in Int64 arithmetic.
        let year = 527_040 * Ticks.perMinute
        let cal = ShiftCalendar(cycle: year, windows: [.init(start: 0, end: 1)])
        #expect(cal.advance(5, by: 6_000_000_000) == ShiftCalendar.never)
        let m = ProductionModel.Machine(id: "M", power: [.init(energyType: "electricity", busy: 1, setup: 1, idle: 1)])
        let p = ProductionModel.Product(id: "P", routing: [.init(machine: 0, perPiece: 100_000 * Ticks.perMinute, setup: 0)])
        let s = JobShop.simulate(
            ProductionModel(machines: [m], products: [p], shifts: cal), orders: [Order(product: 0, quantity: 10_000_000, release: 0)],
            horizon: year)
        #expect(s.lots[0].end == nil)
        #expect(s.ticks(machine: 0).reduce(0, +) == year, "every tick of the horizon is in some state")
    }
}

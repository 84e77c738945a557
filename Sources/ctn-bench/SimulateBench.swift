import CTNSimulation
import Foundation

// ctn-bench simulate: a month (30 days) of a job shop of 20 machines and 2,000 lots of 40
// products (3 to 8 steps each, seeded), always on, FIFO. Times the kernel alone (events per
// second), the whole run with a plant meter (schedule, energy, calibration, lot figures), and as
// the baseline in the same run the bare event list (the same number of events scheduled and taken
// from the heap, with no model behind them). Medians of `rounds` rounds.
//
//   swift run -c release ctn-bench simulate [--rounds 7] [--lots 2000] [--machines 20]
struct SimulateBench {
    let rounds: Int
    let lots: Int
    let machines: Int

    /// The job shop, its lots and a plant meter, from a fixed seed.
    func shop() -> SimulationRun {
        var x: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            x ^= x << 13
            x ^= x >> 7
            x ^= x << 17
            return Int(x % UInt64(n))
        }
        let minute = Ticks.perMinute
        let list = (0..<machines).map { m in
            ProductionModel.Machine(
                id: "m\(m)",
                power: [.init(energyType: "electricity", busy: Double(5 + next(20)), setup: Double(2 + next(5)), idle: Double(1 + next(3)))]
            )
        }
        let products = (0..<40).map { p in
            ProductionModel.Product(
                id: "p\(p)",
                routing: (0..<(3 + next(6))).map { _ in
                    .init(machine: next(machines), perPiece: Int64(12 + next(168)) * minute / 100, setup: Int64(5 + next(26)) * minute)
                })
        }
        let horizon = Int64(30 * 1440) * minute
        let orders = (0..<lots).map { i in
            Order(product: next(40), quantity: Int64(5 + next(46)), release: Int64(next(28 * 1440)) * minute, origin: i)
        }
        let meter = Meter(machines: Array(0..<machines), readings: [.init(from: 0, to: horizon, kWh: 250_000)])
        return SimulationRun(
            model: ProductionModel(machines: list, products: products), orders: orders, horizon: horizon, meters: [meter],
            factors: ["electricity": 0.4])
    }

    func run() {
        func time(_ body: () -> Void) -> Double {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        }
        let run = shop()
        var events = 0
        var done = 0
        var kernel: [Double] = []
        var whole: [Double] = []
        var bare: [Double] = []
        for _ in 0..<rounds {
            kernel.append(
                time {
                    let s = JobShop.simulate(run.model, orders: run.orders, horizon: run.horizon)
                    events = s.events
                    done = s.lots.filter { $0.end != nil }.count
                })
            whole.append(time { _ = Simulation.run(run) })
            let n = events
            bare.append(time { _ = EventListDrill.run(events: n, pending: lots) })
        }
        let (k, w, b) = (median(kernel), median(whole), median(bare))
        print("job shop: \(machines) machines, \(lots) lots, 30 days; \(events) events; \(done) lots done in the month")
        print(String(format: "kernel (schedule)         %8.2f ms   %12.0f events/s", k * 1000, Double(events) / k))
        print(String(format: "whole run (+ energy, calibration, lot figures) %8.2f ms", w * 1000))
        print(String(format: "baseline: bare event list %8.2f ms   %12.0f events/s", b * 1000, Double(events) / b))
        print(String(format: "kernel ÷ bare event list  %8.2f", k / b))
    }
}

/// The discrete-event simulation of a job shop. Each machine is a resource of capacity one with a
/// queue of waiting lots; a lot moves between machines as a whole, and a machine sets up before
/// every lot once the lot is there. Events are plain values dispatched by a switch (no closures,
/// no concurrency), so one input always gives the same schedule, bit for bit.
public enum JobShop {
    enum Kind: UInt8 { case arrive, dispatch, phaseEnd }

    struct Event: Sendable {
        var kind: Kind
        var index: Int32
    }

    /// Same-time order: work that ends frees its machine and moves its lot first, then lots arrive,
    /// then free machines choose among everything that is waiting.
    static let endPriority: Int32 = 0
    static let arrivePriority: Int32 = 1
    static let dispatchPriority: Int32 = 2

    struct MachineRun {
        var waiting = WaitingLine()
        var free = true
        var dispatchPending = false
        var lastEnd: Int64 = 0
        var current: Int32 = -1
        var phases: [(MachineState, Int64)] = []
        var phase = 0
        var phaseStart: Int64 = 0
        var segments: [Schedule.Segment] = []

        var waitingCount: Int { waiting.count }
    }

    public static func simulate(_ model: ProductionModel, orders: [Order], horizon: Int64) -> Schedule {
        var queue = EventQueue<Event>(capacity: orders.count * 2)
        var machines = [MachineRun](repeating: MachineRun(), count: model.machines.count)
        var step = [Int](repeating: 0, count: orders.count)
        var lots = [Schedule.LotTimes](repeating: Schedule.LotTimes(released: false, start: nil, end: nil), count: orders.count)
        let calendar = model.shifts
        for (i, o) in orders.enumerated() where o.release <= horizon && !model.products[o.product].routing.isEmpty {
            lots[i].released = true
            queue.schedule(Event(kind: .arrive, index: Int32(i)), at: o.release, priority: arrivePriority)
        }

        func fillGap(_ m: inout MachineRun, until t: Int64, last: Bool) {
            let a = m.lastEnd
            guard t > a else { return }
            switch model.switchOff {
            case .never:
                m.segments.append(.init(start: a, end: t, state: .idle, order: -1))
            case .afterLastLot:
                m.segments.append(.init(start: a, end: t, state: last ? .off : .idle, order: -1))
            case .whenIdle(let after, _):
                let cut = min(t, a + after)
                if cut > a { m.segments.append(.init(start: a, end: cut, state: .idle, order: -1)) }
                if t > cut { m.segments.append(.init(start: cut, end: t, state: .off, order: -1)) }
            }
        }

        /// The dispatch rule's key of a lot waiting for its next step (lower goes first; ties FIFO).
        func key(_ lot: Int) -> Int64 {
            let o = orders[lot]
            switch model.dispatch {
            case .fifo: return 0
            case .spt:
                let s = model.products[o.product].routing[step[lot]]
                return s.setup + s.perPiece * o.quantity
            case .edd: return o.due ?? Int64.max
            }
        }

        func startPhase(_ m: inout MachineRun, machine: Int, at t: Int64) {
            // Busy is last and never empty, so a phase with work is always found.
            while m.phases[m.phase].1 == 0 { m.phase += 1 }
            m.phaseStart = t
            queue.schedule(
                Event(kind: .phaseEnd, index: Int32(machine)), at: calendar.advance(t, by: m.phases[m.phase].1), priority: endPriority)
        }

        func dispatch(_ m: inout MachineRun, machine: Int, at t: Int64) {
            m.dispatchPending = false
            guard m.free, m.waitingCount > 0 else { return }
            guard let lot = m.waiting.take() else { return }
            let o = orders[Int(lot)]
            let s = model.products[o.product].routing[step[Int(lot)]]
            let gap = t - m.lastEnd
            var warm: Int64 = 0
            if case .whenIdle(let after, let warmUp) = model.switchOff, gap > after { warm = warmUp }
            fillGap(&m, until: t, last: false)
            m.free = false
            m.current = lot
            m.phases = [(.warmUp, warm), (.setup, s.setup), (.busy, s.perPiece * o.quantity)]
            m.phase = 0
            if lots[Int(lot)].start == nil { lots[Int(lot)].start = calendar.nextOn(t) }
            startPhase(&m, machine: machine, at: t)
        }

        func phaseEnd(_ m: inout MachineRun, machine: Int, at t: Int64) {
            let state = m.phases[m.phase].0
            if t > m.phaseStart { m.segments.append(.init(start: m.phaseStart, end: t, state: state, order: m.current)) }
            m.phase += 1
            if m.phase < m.phases.count {
                startPhase(&m, machine: machine, at: t)
                return
            }
            let lot = Int(m.current)
            step[lot] += 1
            if step[lot] < model.products[orders[lot].product].routing.count {
                queue.schedule(Event(kind: .arrive, index: Int32(lot)), at: t, priority: arrivePriority)
            } else {
                lots[lot].end = t
            }
            m.free = true
            m.current = -1
            m.lastEnd = t
            if m.waitingCount > 0 {
                m.dispatchPending = true
                queue.schedule(Event(kind: .dispatch, index: Int32(machine)), at: t, priority: dispatchPriority)
            }
        }

        while let next = queue.nextTime, next <= horizon, let e = queue.pop() {
            let t = e.time
            let index = Int(e.payload.index)
            switch e.payload.kind {
            case .arrive:
                let o = orders[index]
                let machine = model.products[o.product].routing[step[index]].machine
                machines[machine].waiting.add(e.payload.index, key: key(index))
                if machines[machine].free, !machines[machine].dispatchPending {
                    machines[machine].dispatchPending = true
                    queue.schedule(Event(kind: .dispatch, index: Int32(machine)), at: t, priority: dispatchPriority)
                }
            case .dispatch: dispatch(&machines[index], machine: index, at: t)
            case .phaseEnd: phaseEnd(&machines[index], machine: index, at: t)
            }
        }

        for i in machines.indices {
            var m = machines[i]
            if !m.free {
                // Work in progress at the horizon: counted up to it.
                let (state, _) = m.phases[min(m.phase, m.phases.count - 1)]
                if horizon > m.phaseStart {
                    m.segments.append(.init(start: m.phaseStart, end: horizon, state: state, order: m.current))
                }
            } else {
                fillGap(&m, until: horizon, last: true)
            }
            machines[i] = m
        }
        return Schedule(
            machines: machines.map(\.segments), lots: lots, horizon: horizon, calendar: calendar, events: queue.processed)
    }
}

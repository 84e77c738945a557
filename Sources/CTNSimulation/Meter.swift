/// A meter: the machines it covers (indices), the energy type it reads, what it read over which
/// intervals, and a known base load (lighting, compressed air) to take off first, in kW.
public struct Meter: Sendable, Equatable {
    /// Energy read over [from, to) ticks, in kWh.
    public struct Reading: Sendable, Equatable {
        public var from: Int64
        public var to: Int64
        public var kWh: Double
        public init(from: Int64, to: Int64, kWh: Double) {
            self.from = from
            self.to = to
            self.kWh = kWh
        }
    }

    public var machines: [Int]
    public var energyType: String
    public var readings: [Reading]
    public var baseLoad: Double

    public init(machines: [Int], energyType: String = "electricity", readings: [Reading], baseLoad: Double = 0) {
        self.machines = machines
        self.energyType = energyType
        self.readings = readings
        self.baseLoad = baseLoad
    }
}

/// A production system as the simulation sees it: machines with their power per state and energy
/// type, products with their routings and bills of materials, the shift calendar, the switch-off
/// policy, the dispatch rule and how a machine's idle energy is shared. The owner's own keys
/// (machine and product IDs) are kept only to name the results.
public struct ProductionModel: Sendable, Equatable {
    /// Power in kW of one energy type, per state.
    public struct Power: Sendable, Equatable {
        public var energyType: String
        public var busy: Double
        public var setup: Double
        public var idle: Double
        public var off: Double
        public var warmUp: Double

        public init(energyType: String, busy: Double, setup: Double, idle: Double, off: Double = 0, warmUp: Double? = nil) {
            self.energyType = energyType
            self.busy = busy
            self.setup = setup
            self.idle = idle
            self.off = off
            self.warmUp = warmUp ?? idle
        }

        public subscript(state: MachineState) -> Double {
            get {
                switch state {
                case .busy: busy
                case .setup: setup
                case .warmUp: warmUp
                case .idle: idle
                case .off: off
                }
            }
            set {
                switch state {
                case .busy: busy = newValue
                case .setup: setup = newValue
                case .warmUp: warmUp = newValue
                case .idle: idle = newValue
                case .off: off = newValue
                }
            }
        }
    }

    /// A machine: the owner's key, the registered equipment it stands for, its powers, its cost per working hour.
    public struct Machine: Sendable, Equatable {
        public var id: String
        public var equipmentId: String?
        public var power: [Power]
        public var costPerHour: Double?
        public init(id: String, equipmentId: String? = nil, power: [Power], costPerHour: Double? = nil) {
            self.id = id
            self.equipmentId = equipmentId
            self.power = power
            self.costPerHour = costPerHour
        }
    }

    /// One step of a routing: a machine (index), the work per piece and the setup per lot, in ticks.
    public struct Step: Sendable, Equatable {
        public var machine: Int
        public var perPiece: Int64
        public var setup: Int64
        public init(machine: Int, perPiece: Int64, setup: Int64) {
            self.machine = machine
            self.perPiece = perPiece
            self.setup = setup
        }
    }

    /// A material of a bill of materials: quantity per piece, and its CO2 per unit when known (kg-CO2e).
    public struct Material: Sendable, Equatable {
        public var id: String
        public var perPiece: Double
        public var unit: String
        public var co2PerUnit: Double?
        public init(id: String, perPiece: Double, unit: String, co2PerUnit: Double? = nil) {
            self.id = id
            self.perPiece = perPiece
            self.unit = unit
            self.co2PerUnit = co2PerUnit
        }
    }

    /// A product: its routing and optional bill of materials.
    public struct Product: Sendable, Equatable {
        public var id: String
        public var routing: [Step]
        public var materials: [Material]
        public init(id: String, routing: [Step], materials: [Material] = []) {
            self.id = id
            self.routing = routing
            self.materials = materials
        }
    }

    public var machines: [Machine]
    public var products: [Product]
    public var shifts: ShiftCalendar
    public var switchOff: SwitchOff
    public var dispatch: DispatchRule
    public var allocation: IdleAllocation

    public init(
        machines: [Machine], products: [Product], shifts: ShiftCalendar = .alwaysOn, switchOff: SwitchOff = .never,
        dispatch: DispatchRule = .fifo, allocation: IdleAllocation = .busyMinutes
    ) {
        self.machines = machines
        self.products = products
        self.shifts = shifts
        self.switchOff = switchOff
        self.dispatch = dispatch
        self.allocation = allocation
    }
}

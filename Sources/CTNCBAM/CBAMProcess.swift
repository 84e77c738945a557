/// One production process of an installation in a reporting period, in tonnes, t-CO2e and MWh:
/// its goods, activity level, direct emissions, the heat, waste-gas and electricity flows that
/// attribution adds or removes, the electricity it consumed and its factor, and its precursors.
public struct CBAMProcess: Sendable, Equatable {
    /// A flow attribution adds or removes: its emissions in t-CO2e (energy × factor, computed by the caller).
    public struct Flows: Sendable, Equatable {
        public var heatImported: Double
        public var heatExported: Double
        public var wasteGasImported: Double
        public var wasteGasExported: Double
        public var electricityExported: Double

        public init(
            heatImported: Double = 0, heatExported: Double = 0, wasteGasImported: Double = 0, wasteGasExported: Double = 0,
            electricityExported: Double = 0
        ) {
            self.heatImported = heatImported
            self.heatExported = heatExported
            self.wasteGasImported = wasteGasImported
            self.wasteGasExported = wasteGasExported
            self.electricityExported = electricityExported
        }
    }

    /// A precursor consumed by the process: made by another process of the installation, or purchased.
    public enum Source: Sendable, Equatable {
        case own(process: String)
        /// `actual`: the supplier's SEE, used only when `verified` for the period.
        case purchased(cn: String, country: String, actual: CBAMSEE?, verified: Bool)
    }

    /// A precursor and the tonnes of it the process consumed (scrap and cut-offs included).
    public struct Precursor: Sendable, Equatable {
        public var source: Source
        public var tonnes: Double
        public init(_ source: Source, tonnes: Double) {
            self.source = source
            self.tonnes = tonnes
        }
    }

    public var id: String
    public var goods: [String]
    /// Tonnes of the goods produced in the period.
    public var activityLevel: Double
    public var directEmissions: Double
    public var flows: Flows
    public var electricityConsumed: Double
    /// t-CO2e per MWh of the electricity consumed.
    public var electricityFactor: Double
    public var precursors: [Precursor]

    public init(
        id: String, goods: [String], activityLevel: Double, directEmissions: Double, flows: Flows = Flows(), electricityConsumed: Double,
        electricityFactor: Double, precursors: [Precursor] = []
    ) {
        self.id = id
        self.goods = goods
        self.activityLevel = activityLevel
        self.directEmissions = directEmissions
        self.flows = flows
        self.electricityConsumed = electricityConsumed
        self.electricityFactor = electricityFactor
        self.precursors = precursors
    }

    /// `AttrEm_dir = DirEm + Em_H,imp − Em_H,exp + WG_corr,imp − WG_corr,exp − Em_el,exp`, never below zero.
    public var attributedDirect: Double {
        max(
            0,
            directEmissions + flows.heatImported - flows.heatExported + flows.wasteGasImported - flows.wasteGasExported
                - flows.electricityExported)
    }

    /// `AttrEm_ind = electricity consumed × its emission factor`.
    public var attributedIndirect: Double { electricityConsumed * electricityFactor }
}

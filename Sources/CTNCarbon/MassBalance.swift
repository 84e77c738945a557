/// Method 3, carbon mass balance: E = [Σ m_in C_in − Σ m_out C_out − ΔC_stock − C_captured] × 44/12,
/// in tonnes of CO2 with masses in tonnes and carbon as mass fractions. Only capture to permanent
/// storage is subtracted; a stream leaving the boundary (exported by-product gas) is an output
/// once and may not also be an input. No fallback: a balance that does not close fails.
public enum MassBalance {
    /// Molar mass of CO2 over that of carbon.
    public static let co2PerCarbon = 44.0 / 12.0

    /// One stream: its mass in tonnes and its carbon fraction.
    public struct Stream: Sendable, Equatable {
        public var name: String
        public var mass: Measured
        public var carbonFraction: Measured
        public var leavesBoundary: Bool
        /// For captured carbon: whether it goes to permanent storage.
        public var permanent: Bool
        public init(_ name: String, mass: Measured, carbonFraction: Measured, leavesBoundary: Bool = false, permanent: Bool = false) {
            self.name = name
            self.mass = mass
            self.carbonFraction = carbonFraction
            self.leavesBoundary = leavesBoundary
            self.permanent = permanent
        }

        /// Tonnes of carbon.
        public var carbon: Double { mass.value * carbonFraction.value }
    }

    /// The route's streams.
    public struct Input: Sendable, Equatable {
        public var inputs: [Stream]
        public var outputs: [Stream]
        public var stockChange: [Stream]
        public var captured: [Stream]
        public init(inputs: [Stream], outputs: [Stream], stockChange: [Stream] = [], captured: [Stream] = []) {
            self.inputs = inputs
            self.outputs = outputs
            self.stockChange = stockChange
            self.captured = captured
        }

        /// Every uncertain quantity, in a fixed order (masses and fractions of inputs, outputs,
        /// stock changes, permanent captures), for sampling.
        var quantities: [Measured] {
            (inputs + outputs + stockChange + captured.filter(\.permanent)).flatMap { [$0.mass, $0.carbonFraction] }
        }
    }

    /// Why a balance does not close.
    public struct NotClosed: Error, Sendable, Equatable {
        public var reason: String
    }

    /// The carbon account of the route, in tonnes.
    public struct Account: Sendable, Equatable {
        public var carbonIn: Double
        public var carbonOut: Double
        public var stockChange: Double
        public var captured: Double
        /// Captured carbon not going to permanent storage: counted as emitted, shown.
        public var capturedNotPermanent: Double
        public var netCarbon: Double
        public var co2: Double
    }

    public static func account(_ input: Input) throws(NotClosed) -> Account {
        let inputNames = Set(input.inputs.map(\.name))
        if let twice = input.outputs.first(where: { inputNames.contains($0.name) }) {
            throw NotClosed(reason: "stream '\(twice.name)' is both an input and an output: its carbon would count twice")
        }
        // Only a stock change may be negative (the stock went down).
        for stream in input.inputs + input.outputs + input.captured where stream.mass.value < 0 {
            throw NotClosed(reason: "stream '\(stream.name)' has a negative mass")
        }
        for stream in input.inputs + input.outputs + input.stockChange + input.captured where !(0...1).contains(stream.carbonFraction.value)
        {
            throw NotClosed(reason: "stream '\(stream.name)' has a carbon fraction outside 0…1")
        }
        let carbonIn = input.inputs.reduce(0) { $0 + $1.carbon }
        let carbonOut = input.outputs.reduce(0) { $0 + $1.carbon }
        let stock = input.stockChange.reduce(0) { $0 + $1.carbon }
        let captured = input.captured.filter(\.permanent).reduce(0) { $0 + $1.carbon }
        let notPermanent = input.captured.filter { !$0.permanent }.reduce(0) { $0 + $1.carbon }
        let net = carbonIn - carbonOut - stock - captured
        guard net >= 0 else {
            throw NotClosed(
                reason: "carbon out, to stock and captured (\(carbonOut + stock + captured) t) exceeds carbon in (\(carbonIn) t)")
        }
        return Account(
            carbonIn: carbonIn, carbonOut: carbonOut, stockChange: stock, captured: captured, capturedNotPermanent: notPermanent,
            netCarbon: net, co2: net * co2PerCarbon)
    }

    /// The CO2 of the route for one draw of its quantities (in the order of `Input.quantities`).
    static func co2(_ input: Input, draw: [Double]) -> Double {
        var k = 0
        func take(_ streams: [Stream]) -> Double {
            var sum = 0.0
            for _ in streams {
                sum += draw[k] * draw[k + 1]
                k += 2
            }
            return sum
        }
        let carbonIn = take(input.inputs)
        let carbonOut = take(input.outputs)
        let stock = take(input.stockChange)
        let captured = take(input.captured.filter(\.permanent))
        return (carbonIn - carbonOut - stock - captured) * co2PerCarbon
    }

    /// The CO2 with its uncertainty from Monte Carlo (Latin hypercube, normal inputs).
    public static func emissions(_ input: Input, samples: Int, seed: UInt64) throws(NotClosed) -> (account: Account, mc: MonteCarlo.Summary)
    {
        let account = try account(input)
        let mc = MonteCarlo.run(input.quantities, distribution: .normal, samples: samples, seed: seed) { co2(input, draw: $0) }
        return (account, mc)
    }
}

/// A product's figures over a run: pieces, process CO2 per piece (kg-CO2e), with its bill of
/// materials' CO2 when known, energy per piece and mean lead time of its lots.
public struct ProductFigures: Sendable, Equatable {
    public var product: Int
    public var pieces: Int64
    public var co2PerPiece: Double
    public var materialCO2PerPiece: Double?
    public var kWhPerPiece: Double
    public var meanLeadTicks: Double?

    /// Per product of the model, in its order, those with lots in the run.
    public static func of(_ result: SimulationResult) -> [ProductFigures] {
        var byProduct = [[LotResult]](repeating: [], count: result.effectiveModel.products.count)
        for lot in result.lots { byProduct[result.run.orders[lot.order].product].append(lot) }
        return byProduct.enumerated().compactMap { p, lots in
            guard !lots.isEmpty else { return nil }
            let pieces = lots.reduce(Int64(0)) { $0 + result.run.orders[$1.order].quantity }
            let leads = lots.compactMap(\.leadTicks)
            return ProductFigures(
                product: p, pieces: pieces, co2PerPiece: lots.reduce(0) { $0 + $1.co2 } / Double(pieces),
                materialCO2PerPiece: lots.first?.materialCO2PerPiece, kWhPerPiece: lots.reduce(0) { $0 + $1.totalKWh } / Double(pieces),
                meanLeadTicks: leads.isEmpty ? nil : Double(leads.reduce(0, +)) / Double(leads.count))
        }
    }
}

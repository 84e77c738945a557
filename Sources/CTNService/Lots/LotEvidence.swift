import CTNCarbon
import CTNLedger
import CTNModel
import CTNStore

/// A lot's uncertainty and evidence, from its parts when its figures are fixed: each equipment use
/// carries its intensity's uncertainty and tiers (uses of one locked period or one intensity
/// version share their error), each material lot its statement's (uses of one lot share it),
/// categories are secondary data with no stated uncertainty. Parts that state none are counted
/// in `unquantifiedShare` instead of being guessed.
struct LotEvidence: Sendable, Equatable {
    var uncertainty: Double?
    var unquantifiedShare: Double?
    var shares: [String: Double]

    static func of(_ tx: any StoreReading, lotId: String) throws -> LotEvidence {
        var parts: [ChainUncertainty.Part] = []
        var unquantified = 0.0
        var tiers: [String: Double] = [:]
        var total = 0.0
        func add(_ co2: Double, u: Double?, source: String, shares: [String: Double]?, fallback: String) {
            total += co2
            if let u { parts.append(ChainUncertainty.Part(value: co2, u: u, source: source)) } else { unquantified += co2 }
            let given = shares ?? [:]
            let sum = given.values.reduce(0, +)
            if sum > 0 {
                for (tier, share) in given { tiers[tier, default: 0] += co2 * share / sum }
            } else {
                tiers[fallback, default: 0] += co2
            }
        }
        for use in try tx.equipmentUses(lotId: lotId) {
            let i = try tx.intensity(equipmentId: use.equipmentId, version: use.intensityVersion)
            let source = i?.snapshotId.map { "snapshot:\($0)" } ?? "intensity:\(use.equipmentId)@\(use.intensityVersion)"
            add(
                use.co2, u: i?.u, source: source, shares: i?.evidence.flatMap(Uncertainty.shares),
                fallback: i?.tier ?? EvidenceTier.declared.rawValue)
        }
        for use in try tx.materialUses(lotId: lotId) {
            guard let material = use.materialLotId else {
                // A supplier's PACT footprint is its declared figure; a category is a default.
                let pact = use.intensitySource?.hasPrefix("pact:") == true
                add(
                    use.co2, u: nil, source: pact ? (use.intensitySource ?? "") : "category:\(use.category ?? "")", shares: nil,
                    fallback: pact ? EvidenceTier.declared.rawValue : EvidenceTier.default.rawValue)
                continue
            }
            if let node = use.materialNode {
                let claims = try tx.remoteStatement(nodeId: node, lotId: material, version: use.statementVersion).flatMap {
                    LotStatement.payload($0.jws)
                }
                add(
                    use.co2, u: Uncertainty.standard(claims?["uncertainty"]), source: "lot:\(node):\(material)",
                    shares: Uncertainty.shares(claims?["evidenceBreakdown"]), fallback: EvidenceTier.declared.rawValue)
            } else {
                let lot = try tx.lot(material)
                add(
                    use.co2, u: lot?.uncertainty, source: "lot::\(material)", shares: lot?.evidence.flatMap(Uncertainty.shares),
                    fallback: EvidenceTier.declared.rawValue)
            }
        }
        guard total > 0 else { return LotEvidence(uncertainty: nil, unquantifiedShare: nil, shares: [:]) }
        let combined = ChainUncertainty.combine(parts)
        // Relative to the whole lot: the unquantified parts add nothing to the variance and are named.
        let absolute = combined.u * abs(combined.value)
        return LotEvidence(
            uncertainty: parts.isEmpty ? nil : absolute / total, unquantifiedShare: unquantified / total,
            shares: tiers.mapValues { $0 / total })
    }

    func apply(to lot: inout LotRecord) {
        lot.uncertainty = uncertainty
        lot.unquantifiedShare = unquantifiedShare
        lot.evidence = shares.isEmpty ? nil : Uncertainty.text(shares: shares)
    }
}

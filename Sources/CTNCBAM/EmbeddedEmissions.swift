/// Specific embedded emissions of every good of an installation's processes:
/// `SEE_g = (AttrEm_g + Σᵢ Mᵢ × SEE_i) / AL_g`, direct and indirect separately. Precursors made in
/// the installation are resolved from their own process (once, cycles refused); purchased ones
/// carry the supplier's actual values only when verified, else the default value of their country
/// and CN code; those from the EU (and the ETS countries of Annex III) count zero. Pure.
public enum EmbeddedEmissions {
    /// How good the data an input rests on is.
    public enum Tier: String, Sendable {
        case `default`
        case actual
        case actualVerified = "actual-verified"
    }

    /// A precursor as it was counted: where its SEE came from and why.
    public struct PrecursorUse: Sendable, Equatable {
        /// `own`, `verified`, `default` or `eu`.
        public var source: String
        public var process: String?
        public var cn: String?
        public var country: String?
        public var tonnes: Double
        public var see: CBAMSEE
        public var tier: Tier
        public var reason: String
    }

    /// A process resolved: its SEE, the embedded emissions in total (t-CO2e) and the part of them on defaults.
    public struct ProcessResult: Sendable, Equatable {
        public var id: String
        public var see: CBAMSEE
        public var attributed: CBAMSEE
        public var embedded: CBAMSEE
        public var onDefault: CBAMSEE
        public var precursors: [PrecursorUse]
    }

    /// One good (process and CN code) with the figure its CBAM total uses.
    public struct Good: Sendable, Equatable {
        public var process: String
        public var cn: String
        public var category: CBAMCategory
        public var see: CBAMSEE
        public var countsIndirect: Bool
        public var counted: Double
        /// The share of the counted embedded emissions that rests on default values.
        public var defaultShare: Double
        public var tier: Tier
        public var precursors: [PrecursorUse]
    }

    public static func resolve(
        _ processes: [CBAMProcess], defaults: (_ cn: String, _ country: String) -> CBAMDefault?
    ) throws(CBAMError) -> (processes: [ProcessResult], goods: [Good]) {
        var index: [String: Int] = [:]
        for (i, p) in processes.enumerated() { index[p.id] = i }
        var done: [Int: ProcessResult] = [:]
        var visiting: [Int] = []

        func visit(_ i: Int) throws(CBAMError) -> ProcessResult {
            if let r = done[i] { return r }
            let p = processes[i]
            if visiting.contains(i) {
                let path = (visiting.drop { $0 != i }.map { processes[$0].id } + [p.id]).joined(separator: " → ")
                throw CBAMError(.cycle, "precursors go round in a cycle: \(path)", process: i)
            }
            guard p.activityLevel > 0 else { throw CBAMError(.noActivity, "process \(p.id) has no activity level above 0", process: i) }
            visiting.append(i)
            defer { visiting.removeLast() }
            var embedded = CBAMSEE(direct: p.attributedDirect, indirect: p.attributedIndirect)
            var onDefault = CBAMSEE.zero
            var uses: [PrecursorUse] = []
            for (j, pre) in p.precursors.enumerated() {
                let use: PrecursorUse
                switch pre.source {
                case .own(let id):
                    guard let k = index[id] else {
                        throw CBAMError(
                            .unknownProcess, "precursor process \(id) is not a process of this report", process: i, precursor: j)
                    }
                    if k == i { throw CBAMError(.cycle, "process \(id) cannot be its own precursor", process: i, precursor: j) }
                    let r = try visit(k)
                    let al = processes[k].activityLevel
                    onDefault.direct += pre.tonnes * r.onDefault.direct / al
                    onDefault.indirect += pre.tonnes * r.onDefault.indirect / al
                    let tier: Tier = r.onDefault == .zero ? .actual : .default
                    use = PrecursorUse(
                        source: "own", process: id, cn: processes[k].goods.first, country: nil, tonnes: pre.tonnes, see: r.see, tier: tier,
                        reason: "made in this installation: its own process")
                case .purchased(let cn, let country, let actual, let verified):
                    if CBAMOrigin.countsZero(country) {
                        use = PrecursorUse(
                            source: "eu", process: nil, cn: cn, country: country, tonnes: pre.tonnes, see: .zero, tier: .actual,
                            reason: "of \(country) origin, inside the EU ETS: counts zero")
                    } else if let actual, verified {
                        use = PrecursorUse(
                            source: "verified", process: nil, cn: cn, country: country, tonnes: pre.tonnes, see: actual,
                            tier: .actualVerified,
                            reason: "the supplier's actual values, verified for the period")
                    } else {
                        guard let d = defaults(cn, country) else {
                            throw CBAMError(.noDefault, "no default value for CN \(cn) from \(country)", process: i, precursor: j)
                        }
                        onDefault.direct += pre.tonnes * d.see.direct
                        onDefault.indirect += pre.tonnes * d.see.indirect
                        let why = actual == nil ? "no actual values from the supplier" : "the supplier's actual values are not verified"
                        use = PrecursorUse(
                            source: "default", process: nil, cn: cn, country: country, tonnes: pre.tonnes, see: d.see, tier: .default,
                            reason: "\(why): default value (\(d.fallback ? "fallback for countries without one, " : "")\(d.source))")
                    }
                }
                embedded.direct += pre.tonnes * use.see.direct
                embedded.indirect += pre.tonnes * use.see.indirect
                uses.append(use)
            }
            let see = CBAMSEE(direct: embedded.direct / p.activityLevel, indirect: embedded.indirect / p.activityLevel)
            let r = ProcessResult(
                id: p.id, see: see, attributed: CBAMSEE(direct: p.attributedDirect, indirect: p.attributedIndirect), embedded: embedded,
                onDefault: onDefault, precursors: uses)
            done[i] = r
            return r
        }

        var results: [ProcessResult] = []
        var goods: [Good] = []
        for i in processes.indices {
            let r = try visit(i)
            results.append(r)
            for cn in processes[i].goods {
                guard let category = CBAMCategory.of(cn: cn) else {
                    throw CBAMError(.notCovered, "CN \(cn) is not a good CBAM covers", process: i)
                }
                let counts = category.countsIndirect(cn: cn)
                let total = r.embedded.counted(indirect: counts)
                let share = total > 0 ? r.onDefault.counted(indirect: counts) / total : 0
                goods.append(
                    Good(
                        process: r.id, cn: cn, category: category, see: r.see, countsIndirect: counts,
                        counted: r.see.counted(indirect: counts),
                        defaultShare: share, tier: share > 0 ? .default : .actual, precursors: r.precursors))
            }
        }
        return (results, goods)
    }
}

import Foundation

/// The shared vocabularies a node loads from `Dictionaries/`: units, energy types with their
/// emission factors, material categories with default intensities.
public struct Dictionaries: Sendable {
    public private(set) var units: [String: UnitDef] = [:]
    public private(set) var energyTypes: [String: EnergyType] = [:]
    public private(set) var categories: [String: MaterialCategory] = [:]
    public private(set) var loaded: [DictionaryInfo] = []
    public private(set) var mappings: [TermMapping] = []
    /// CBAM default values per CN code and country of origin, and the mark-ups by year.
    public private(set) var cbamDefaults: [CBAMDefaultValue] = []
    public private(set) var cbamMarkups: [CBAMMarkup] = []
    /// Units whose symbol names a rate directly (`kW` = `kWh/h`).
    private var rateAliases: [String: String] = [:]

    public init() {}

    /// Loads every `*.json` file of a folder; each declares which vocabularies it carries.
    public static func load(folder: URL) throws -> Dictionaries {
        var d = Dictionaries()
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".json") }.sorted()
        guard !files.isEmpty else { throw ConfigError("no dictionaries in \(folder.path)") }
        for f in files {
            let data = try Data(contentsOf: folder.appendingPathComponent(f))
            let v: JSONValue
            do { v = try JSONParser.parse(data) } catch { throw ConfigError("\(f): \(error)") }
            try d.add(v, file: f)
        }
        try d.checkMappings()
        return d
    }

    public mutating func add(_ v: JSONValue, file: String) throws {
        func str(_ o: JSONValue?, _ key: String) throws -> String {
            guard let s = o?[key]?.stringValue else { throw ConfigError("\(file): '\(key)' missing") }
            return s
        }
        func num(_ o: JSONValue?, _ key: String) throws -> Double {
            guard let s = o?[key]?.numberValue else { throw ConfigError("\(file): '\(key)' missing") }
            return s
        }
        loaded.append(DictionaryInfo(id: try str(v, "id"), version: try str(v, "version"), source: try str(v, "source"), file: file))
        for u in v["units"]?.arrayValue ?? [] {
            let def = UnitDef(symbol: try str(u, "symbol"), dimension: try str(u, "dimension"), factor: try num(u, "factor"))
            guard units[def.symbol] == nil else { throw ConfigError("\(file): unit \(def.symbol) defined twice") }
            units[def.symbol] = def
            for a in u["aliases"]?.arrayValue ?? [] {
                if let a = a.stringValue { units[a] = def }
            }
        }
        for r in v["rateAliases"]?.arrayValue ?? [] {
            rateAliases[try str(r, "symbol")] = try str(r, "means")
        }
        for e in v["energyTypes"]?.arrayValue ?? [] {
            var factors: [EmissionFactor] = []
            for f in e["emissionFactors"]?.arrayValue ?? [] {
                guard let from = Timestamp.parseMillis(try str(f, "validFrom")) else {
                    throw ConfigError("\(file): bad validFrom")
                }
                factors.append(
                    EmissionFactor(
                        value: try num(f, "value"), unit: try str(f, "unit"), publisher: try str(f, "publisher"),
                        region: try str(f, "region"), validFromMillis: from,
                        validToMillis: f["validTo"]?.stringValue.flatMap(Timestamp.parseMillis),
                        source: try str(f, "source")))
            }
            let t = EnergyType(id: try str(e, "id"), unit: try str(e, "unit"), emissionFactors: factors)
            energyTypes[t.id] = t
        }
        let dictionary = try str(v, "id")
        for c in v["materialCategories"]?.arrayValue ?? [] {
            let m = MaterialCategory(
                id: try str(c, "id"), name: try str(c, "name"), intensity: c["intensity"]?.numberValue,
                unit: try str(c, "unit"), source: try str(c, "source"), dictionary: dictionary)
            guard categories[m.id] == nil else {
                throw ConfigError("\(file): category \(m.id) is already defined by \(categories[m.id]?.dictionary ?? "")")
            }
            categories[m.id] = m
        }
        for c in v["cbamDefaults"]?.arrayValue ?? [] {
            guard let from = Timestamp.parseMillis(try str(c, "validFrom")) else { throw ConfigError("\(file): bad validFrom") }
            let cn = try str(c, "cn").filter(\.isNumber)
            guard cn.count >= 4, cn.count <= 8 else { throw ConfigError("\(file): CN code \(cn) is not 4 to 8 digits") }
            cbamDefaults.append(
                CBAMDefaultValue(
                    cn: cn, country: try str(c, "country"), direct: try num(c, "direct"), indirect: c["indirect"]?.numberValue,
                    source: try str(c, "source"), validFromMillis: from,
                    validToMillis: c["validTo"]?.stringValue.flatMap(Timestamp.parseMillis)))
        }
        for m in v["cbamMarkups"]?.arrayValue ?? [] {
            cbamMarkups.append(
                CBAMMarkup(
                    year: Int(try num(m, "year")), rate: try num(m, "rate"),
                    cnPrefixes: (m["cnPrefixes"]?.arrayValue ?? []).compactMap(\.stringValue), source: try str(m, "source")))
        }
        for t in v["mappings"]?.arrayValue ?? [] {
            mappings.append(
                TermMapping(
                    term: try str(t, "term"), dictionary: try str(t, "dictionary"), sameAs: try str(t, "sameAs"),
                    sameAsDictionary: try str(t, "sameAsDictionary"), basis: try str(t, "basis")))
        }
    }

    /// Checks that every mapping joins two loaded terms of the dictionaries it names.
    public func checkMappings() throws {
        for m in mappings {
            for (term, dict) in [(m.term, m.dictionary), (m.sameAs, m.sameAsDictionary)] {
                guard let c = categories[term], c.dictionary == dict else {
                    throw ConfigError("mapping: \(term) is not a category of dictionary \(dict)")
                }
            }
        }
    }

    /// The terms a mapping declares the same as `term` (itself first), following mappings both ways.
    public func equivalents(_ term: String) -> [String] {
        var out = [term]
        var i = 0
        while i < out.count {
            for m in mappings {
                if m.term == out[i], !out.contains(m.sameAs) { out.append(m.sameAs) }
                if m.sameAs == out[i], !out.contains(m.term) { out.append(m.term) }
            }
            i += 1
        }
        return out
    }

    public func unit(_ symbol: String) -> UnitDef? { units[symbol] }

    /// Parses `a/b` (or a rate alias such as `kW`) into a rate of two known units.
    public func rate(_ symbol: String) -> RateUnit? {
        let s = rateAliases[symbol] ?? symbol
        let parts = s.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let n = units[String(parts[0])], let d = units[String(parts[1])] else { return nil }
        return RateUnit(numerator: n, denominator: d)
    }

    public func isKnownUnit(_ symbol: String) -> Bool { units[symbol] != nil || rate(symbol) != nil }

    /// The CBAM default value of `cn` from `country` in force at `time`: the country's own (longest
    /// CN prefix first), else the fallback for countries without one (`fallback` true); nil if neither.
    public func cbamDefault(cn: String, country: String, at time: Int64) -> (value: CBAMDefaultValue, fallback: Bool)? {
        let digits = cn.filter(\.isNumber)
        let candidates = cbamDefaults.filter { digits.hasPrefix($0.cn) && $0.valid(at: time) }.sorted { $0.cn.count > $1.cn.count }
        if let own = candidates.first(where: { $0.country == country.uppercased() }) { return (own, false) }
        return candidates.first(where: { $0.country == "*" }).map { ($0, true) }
    }

    /// The mark-ups on default values for goods of `cn` imported in `year`.
    public func cbamMarkup(cn: String, year: Int) -> CBAMMarkup? {
        let digits = cn.filter(\.isNumber)
        return cbamMarkups.first { $0.year == year && $0.cnPrefixes.contains { digits.hasPrefix($0) } }
    }
}

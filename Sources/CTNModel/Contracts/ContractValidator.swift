/// Checks a request body against a contract definition, before any handler runs. The first
/// violation found (in the definition's parameter order) is reported with the field's path.
public struct ContractValidator: Sendable {
    public let dictionaries: Dictionaries

    public init(dictionaries: Dictionaries) { self.dictionaries = dictionaries }

    public func validatePath(_ contract: ContractDefinition, _ values: [String: String]) throws(Problem) {
        for p in contract.pathParameters {
            guard let v = values[p.name] else { throw Problem.missingField(p.name) }
            try check(.string(v), p, path: p.name)
        }
    }

    /// Checks the query parameters the definition names (all optional); others are ignored.
    public func validateQuery(_ contract: ContractDefinition, _ values: [String: String]) throws(Problem) {
        for p in contract.queryParameters {
            guard let v = values[p.name] else { continue }
            if p.kind == .number || p.kind == .integer {
                // A query carries text: a number parameter is the number that text spells.
                guard let d = Double(v), d.isFinite else { throw Problem.invalidValue(p.name, "must be a number") }
                do { try check(.number(d), p, path: p.name) } catch { throw Problem.invalidValue(p.name, error.detail) }
            } else {
                try check(.string(v), p, path: p.name)
            }
        }
    }

    /// Parses and validates a body; returns the parsed object.
    public func validateBody(_ contract: ContractDefinition, bytes: [UInt8]) throws(Problem) -> JSONObject {
        guard let params = contract.body else { return JSONObject() }
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw Problem.malformedJSON(error.description)
        }
        guard case .object(let obj) = value else { throw Problem.wrongType("body", expected: "a JSON object", got: value.typeName) }
        try checkObject(obj, params, path: "")
        for group in contract.exactlyOneOf {
            let present = group.filter { obj[$0] != nil && obj[$0] != .null }
            if present.count != 1 {
                let field = present.count > 1 ? present[1] : group[0]
                throw Problem(
                    status: 400, code: present.isEmpty ? "missing_field" : "conflicting_fields",
                    title: present.isEmpty ? "Missing field" : "Conflicting fields",
                    detail: "exactly one of \(group.map { "'\($0)'" }.joined(separator: ", ")) must be given",
                    field: field)
            }
        }
        return obj
    }

    private func checkObject(_ obj: JSONObject, _ params: [ParameterDef], path: String) throws(Problem) {
        for key in obj.keys where !params.contains(where: { $0.name == key }) {
            throw Problem.unknownField(path.isEmpty ? key : "\(path).\(key)")
        }
        for p in params {
            let fieldPath = path.isEmpty ? p.name : "\(path).\(p.name)"
            guard let v = obj[p.name] else {
                if p.required { throw Problem.missingField(fieldPath) }
                continue
            }
            if v == .null {
                guard p.nullable else { throw Problem.wrongType(fieldPath, expected: p.expected, got: "null") }
                if p.required { throw Problem.missingField(fieldPath) }
                continue
            }
            try check(v, p, path: fieldPath)
        }
    }

    private func check(_ v: JSONValue, _ p: ParameterDef, path: String) throws(Problem) {
        switch p.kind {
        case .number, .integer:
            guard case .number(let d) = v else {
                throw Problem.wrongType(path, expected: p.kind == .integer ? "an integer" : "a number", got: v.typeName)
            }
            if p.kind == .integer, d != d.rounded() { throw Problem.wrongType(path, expected: "an integer", got: "a fraction") }
            // Subnormal numbers are below any measurable quantity, and dividing by them overflows.
            if d != 0, !d.isNormal { throw Problem.invalidValue(path, "is too small to be a quantity (below 2.2e-308)") }
            if let m = p.minimum {
                if p.exclusiveMinimum ? !(d > m) : !(d >= m) {
                    throw Problem.invalidValue(
                        path, "must be \(p.exclusiveMinimum ? "greater than" : "at least") \(CanonicalJSON.number(m))")
                }
            }
            if let m = p.maximum, d > m { throw Problem.invalidValue(path, "must be at most \(CanonicalJSON.number(m))") }
        case .boolean:
            guard case .bool = v else { throw Problem.wrongType(path, expected: "a boolean", got: v.typeName) }
        case .array:
            guard case .array(let a) = v else { throw Problem.wrongType(path, expected: "an array", got: v.typeName) }
            if a.isEmpty, p.required { throw Problem.invalidValue(path, "must not be empty") }
            if let m = p.maxItems, a.count > m { throw Problem.invalidValue(path, "has more than \(m) items") }
            if let kind = p.itemKind {
                var itemDef = p
                itemDef.kind = kind
                itemDef.itemKind = nil
                for (k, item) in a.enumerated() { try check(item, itemDef, path: "\(path)[\(k)]") }
                return
            }
            for (k, item) in a.enumerated() {
                guard case .object(let o) = item else {
                    throw Problem.wrongType("\(path)[\(k)]", expected: "an object", got: item.typeName)
                }
                try checkObject(o, p.items ?? [], path: "\(path)[\(k)]")
            }
        case .object:
            guard case .object(let o) = v else { throw Problem.wrongType(path, expected: "an object", got: v.typeName) }
            try checkObject(o, p.items ?? [], path: path)
        default:
            guard case .string(let s) = v else { throw Problem.wrongType(path, expected: "a string", got: v.typeName) }
            try checkString(s, p, path: path)
        }
    }

    private func checkString(_ s: String, _ p: ParameterDef, path: String) throws(Problem) {
        if let m = p.maxLength ?? (p.kind == .string ? 256 : nil), s.utf8.count > m {
            throw Problem.invalidValue(path, "is longer than \(m) bytes")
        }
        if let allowed = p.allowed, !allowed.contains(s) {
            throw Problem.invalidValue(path, "must be one of \(allowed.map { "'\($0)'" }.joined(separator: ", "))")
        }
        switch p.kind {
        case .id128:
            guard ID128(s) != nil else { throw Problem.invalidValue(path, "must be a 128-bit ID: 32 lowercase hexadecimal characters") }
        case .business:
            guard BusinessRef(s) != nil else {
                throw Problem.invalidValue(path, "must be a business ID (32 hex characters, optionally '@<nodeId>')")
            }
        case .nodeId:
            guard NodeID.isValid(s) else {
                throw Problem.invalidValue(path, "must be a node ID: lowercase letters, digits and '-', 1 to 63 characters")
            }
        case .timestamp:
            guard Timestamp.parseMillis(s) != nil else { throw Problem.invalidValue(path, "must be an RFC 3339 timestamp") }
        case .unit:
            if p.unitKind == "rate" {
                guard dictionaries.rate(s) != nil else { throw Problem.unknownUnit(path, s, expected: "the form '<unit>/<unit>'") }
            } else {
                guard dictionaries.unit(s) != nil else { throw Problem.unknownUnit(path, s, expected: "the unit dictionary") }
            }
        case .category:
            guard dictionaries.categories[s] != nil else {
                throw Problem(
                    status: 422, code: "unknown_category", title: "Unknown material category",
                    detail: "'\(path)': '\(s)' is not a material category of the loaded dictionaries", field: path)
            }
        case .energyType:
            guard dictionaries.energyTypes[s] != nil else {
                throw Problem(
                    status: 422, code: "unknown_energy_type", title: "Unknown energy type",
                    detail: "'\(path)': '\(s)' is not an energy type of the loaded dictionaries", field: path)
            }
        default: break
        }
    }
}

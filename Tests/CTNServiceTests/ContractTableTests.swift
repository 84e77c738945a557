import CTNModel
import CTNService
import Foundation
import Testing

/// The contract definitions in `Contracts/` and the input types and handlers of the service
/// cannot drift apart: every definition has an entry whose input reads exactly its parameters,
/// and builds from a body the definition accepts.
@Suite("Contract table")
struct ContractTableTests {
    static let definitions: [ContractDefinition] =
        (try? ContractDefinition.loadAll(folder: ServiceFixture.root.appendingPathComponent("Contracts"))) ?? []
    static let dictionaries = try? Dictionaries.load(folder: ServiceFixture.root.appendingPathComponent("Dictionaries"))

    @Test("Every definition names a contract of the table, and every contract of the table has a definition")
    func coverage() throws {
        #expect(Self.definitions.count == ContractID.allCases.count)
        for definition in Self.definitions {
            let id = try #require(definition.contractID, "\(definition.id) is not a ContractID")
            #expect(ContractTable.entries[id] != nil, "\(definition.id) has no handler")
        }
        for id in ContractID.allCases {
            #expect(Self.definitions.contains { $0.id == id.rawValue }, "\(id.rawValue) has no definition")
        }
    }

    @Test("Each input type reads exactly the parameters of its definition", arguments: definitions.map(\.id))
    func fields(_ id: String) throws {
        let definition = try #require(Self.definitions.first { $0.id == id })
        let entry = try #require(definition.contractID.flatMap { ContractTable.entries[$0] })
        #expect(entry.input.contract.rawValue == id)
        #expect(Set(entry.input.bodyFields) == Set((definition.body ?? []).map(\.name)), "body of \(id)")
        #expect(entry.input.bodyFields.count == (definition.body ?? []).count, "each field once")
        #expect(Set(entry.input.pathFields) == Set(definition.pathParameters.map(\.name)), "path of \(id)")
        #expect(Set(entry.input.queryFields) == Set(definition.queryParameters.map(\.name)), "query of \(id)")
    }

    @Test(
        "Each input builds from a body its definition accepts, with only the required fields and with all", arguments: definitions.map(\.id)
    )
    func builds(_ id: String) throws {
        let definition = try #require(Self.definitions.first { $0.id == id })
        let dictionaries = try #require(Self.dictionaries)
        let entry = try #require(definition.contractID.flatMap { ContractTable.entries[$0] })
        let validator = ContractValidator(dictionaries: dictionaries)
        var path: [String: String] = [:]
        for p in definition.pathParameters { path[p.name] = Self.sample(p, dictionaries).stringValue }
        try validator.validatePath(definition, path)
        for full in [false, true] {
            let body = Self.sampleBody(definition, dictionaries: dictionaries, full: full)
            let bytes = Array(CanonicalJSON.encode(.object(body)).utf8)
            let validated = try validator.validateBody(definition, bytes: bytes)
            do {
                _ = try entry.input.init(ValidatedRequest(path: path, body: validated))
            } catch {
                // Cross-field rules of the input may refuse a combination the definition alone allows;
                // they must name a field of the definition.
                let names = Set(
                    (definition.body ?? []).map(\.name) + definition.pathParameters.map(\.name) + definition.queryParameters.map(\.name))
                let root = error.field.map { String($0.prefix { $0 != "." && $0 != "[" }) }
                #expect(root.map { names.contains($0) } ?? false, "\(id): \(error.detail)")
            }
        }
    }

    /// A body with the required parameters (and with `full`, every parameter), one of each
    /// exactly-one group, values of the kinds the definition names.
    static func sampleBody(_ definition: ContractDefinition, dictionaries: Dictionaries, full: Bool) -> JSONObject {
        var body = JSONObject()
        let excluded = Set(definition.exactlyOneOf.flatMap { $0.dropFirst() })
        for p in definition.body ?? [] where (p.required || full) && !excluded.contains(p.name) {
            body[p.name] = sample(p, dictionaries)
        }
        for group in definition.exactlyOneOf {
            if let first = group.first, let p = definition.body?.first(where: { $0.name == first }) {
                body[first] = sample(p, dictionaries)
            }
        }
        return body
    }

    static func sample(_ p: ParameterDef, _ dictionaries: Dictionaries) -> JSONValue {
        if let allowed = p.allowed?.first, p.kind != .array { return .string(allowed) }
        switch p.kind {
        case .id128: return .string(String(repeating: "ab", count: 16))
        case .number, .integer: return .number((p.minimum ?? 0) + 1)
        case .string: return .string(String("sample".prefix(p.maxLength ?? 6)))
        case .boolean: return false
        case .unit: return p.unitKind == "rate" ? "kg-CO2e/min" : "kg"
        case .timestamp: return "2026-01-01T00:00:00Z"
        case .business: return .string(String(repeating: "1", count: 32))
        case .nodeId: return "peer-node"
        case .category: return .string(dictionaries.categories.keys.sorted().first ?? "")
        case .energyType: return .string(dictionaries.energyTypes.keys.sorted().first ?? "")
        case .object:
            var o = JSONObject()
            for item in p.items ?? [] where item.required { o[item.name] = sample(item, dictionaries) }
            return .object(o)
        case .array:
            if let kind = p.itemKind {
                var item = p
                item.kind = kind
                item.itemKind = nil
                return [sample(item, dictionaries)]
            }
            var o = JSONObject()
            for item in p.items ?? [] where item.required { o[item.name] = sample(item, dictionaries) }
            return [.object(o)]
        }
    }
}

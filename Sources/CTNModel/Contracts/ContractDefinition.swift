import Foundation

/// One data-transaction contract as `Contracts/<id>.json` defines it: its route, its parameters, its answer.
public struct ContractDefinition: Sendable {
    public var id: String
    public var name: String
    public var direction: ContractDirection
    public var summary: String
    public var method: String
    public var path: String
    /// `tenant` (bearer token), `public` (anyone who knows the ID).
    public var auth: ContractAuth
    public var callers: String
    public var ledgerEvent: String?
    public var pathParameters: [ParameterDef]
    /// Optional query parameters of an enquiry (`queryParameters`), checked like path parameters.
    public var queryParameters: [ParameterDef]
    /// The ISA-95 level that sends the contract's events (`isa95Level`), for plant-floor contracts.
    public var isa95Level: String?
    public var body: [ParameterDef]?
    /// Groups of body parameters of which exactly one must be present.
    public var exactlyOneOf: [[String]]
    public var responseStatus: Int
    public var responseDescription: String
    public var responseFields: [ParameterDef]
    /// Every problem the contract can answer (`problems`), by status then code.
    public var problems: [ContractProblem]
    /// Whether another node may call the contract for one of its businesses (`peers`).
    public var peerCallable: Bool
    /// Whether a hosted business may ask it of another node through this one (`forwardable`, `?node=`).
    public var forwardable: Bool
    /// The largest body this contract takes (`maxBodyBytes`), when it differs from the node's limit:
    /// a calculation document with a month of hourly CEMS samples is larger than a contract call.
    public var maxBodyBytes: Int?
    /// The raw definition, served as is by `GET /v1/contracts`.
    public var raw: JSONValue

    /// The contract this definition describes, when this node implements it.
    public var contractID: ContractID? { ContractID(rawValue: id) }

    public static func loadAll(folder: URL) throws -> [ContractDefinition] {
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        let all = try files.map { f in
            let data = try Data(contentsOf: folder.appendingPathComponent(f))
            do {
                return try ContractDefinition(json: try JSONParser.parse(data))
            } catch let e as JSONParseError {
                throw ConfigError("Contracts/\(f): \(e)")
            } catch let e as ConfigError {
                throw ConfigError("Contracts/\(f): \(e.description)")
            }
        }
        return try resolvingItems(all)
    }

    /// Fills every `itemsFrom` parameter with the body parameters of the contract it names.
    public static func resolvingItems(_ all: [ContractDefinition]) throws -> [ContractDefinition] {
        let bodies = Dictionary(all.map { ($0.id, $0.body ?? []) }, uniquingKeysWith: { a, _ in a })
        func resolve(_ params: [ParameterDef], in id: String) throws -> [ParameterDef] {
            try params.map { p in
                var p = p
                if let from = p.itemsFrom {
                    guard let items = bodies[from], from != id else {
                        throw ConfigError("Contracts/\(id).json: parameter \(p.name) takes its items from unknown contract \(from)")
                    }
                    p.items = items
                } else if let items = p.items {
                    p.items = try resolve(items, in: id)
                }
                return p
            }
        }
        return try all.map { d in
            var d = d
            d.body = try d.body.map { try resolve($0, in: d.id) }
            return d
        }
    }

    public init(json v: JSONValue) throws {
        func str(_ k: String) throws -> String {
            guard let s = v[k]?.stringValue else { throw ConfigError("'\(k)' missing") }
            return s
        }
        raw = v
        id = try str("id")
        name = try str("name")
        summary = try str("summary")
        method = try str("method")
        path = try str("path")
        callers = try str("callers")
        guard let direction = ContractDirection(rawValue: try str("direction")) else {
            throw ConfigError("direction must be PUSH or PULL")
        }
        self.direction = direction
        guard let auth = ContractAuth(rawValue: try str("auth")) else { throw ConfigError("auth must be tenant or public") }
        self.auth = auth
        ledgerEvent = v["ledgerEvent"]?.stringValue
        pathParameters = try (v["pathParameters"]?.arrayValue ?? []).map(ParameterDef.init(json:))
        queryParameters = try (v["queryParameters"]?.arrayValue ?? []).map(ParameterDef.init(json:))
        isa95Level = v["isa95Level"]?.stringValue
        if let b = v["body"] {
            body = try (b["parameters"]?.arrayValue ?? []).map(ParameterDef.init(json:))
            exactlyOneOf = (b["exactlyOneOf"]?.arrayValue ?? []).map { ($0.arrayValue ?? []).compactMap(\.stringValue) }
        } else {
            body = nil
            exactlyOneOf = []
        }
        guard let r = v["response"], let status = r["status"]?.numberValue.flatMap({ Int(exactly: $0) }) else {
            throw ConfigError("'response' missing")
        }
        responseStatus = status
        responseDescription = r["description"]?.stringValue ?? ""
        responseFields = try (r["fields"]?.arrayValue ?? []).map(ParameterDef.init(json:))
        problems = try (v["problems"]?.arrayValue ?? []).map(ContractProblem.init(json:)).sorted {
            ($0.status, $0.code) < ($1.status, $1.code)
        }
        maxBodyBytes = v["maxBodyBytes"]?.numberValue.flatMap { Int(exactly: $0) }
        peerCallable = v["peers"] == .bool(true)
        forwardable = v["forwardable"] == .bool(true)
        guard !forwardable || peerCallable else { throw ConfigError("a forwardable contract must be open to peers") }
    }

    /// Whether the contract defines the problem `code` with `status`.
    public func defines(status: Int, code: String) -> Bool { problems.contains { $0.status == status && $0.code == code } }
}

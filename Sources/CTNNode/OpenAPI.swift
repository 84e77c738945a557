import CTNModel

/// The node's OpenAPI 3.1 document, generated from the same contract definitions that validate
/// requests, so the reference cannot drift from what the node accepts.
enum OpenAPI {
    static func document(_ node: Node) -> JSONValue {
        var paths = JSONObject()
        for c in node.contracts {
            let key = c.path
            var item = paths[key]?.objectValue ?? JSONObject()
            item[c.method.lowercased()] = operation(c, node.dictionaries)
            paths[key] = .object(item)
        }
        paths["/v1/contracts"] = ["get": plainGet("listContracts", "The contract definitions this node enforces", "Contracts")]
        paths["/openapi.json"] = ["get": plainGet("openAPI", "This document", "OpenAPI")]
        paths["/healthz"] = ["get": plainGet("health", "Liveness and the node's ID", "Node")]
        paths["/readyz"] = ["get": readiness()]
        paths["/metrics"] = ["get": metricsOperation()]
        paths["/v1/ledger/head"] = ["get": plainGet("ledgerHead", "The ledger head signed with the node's Ed25519 key", "Node")]
        for (path, item) in logPaths() { paths[path] = item }
        paths["/v1/lots/{lotId}/trace"] = ["get": trace()]
        paths["/v1/federation/lots"] = ["post": federationLots()]
        paths["/v1/statistics/{category}/network"] = [
            "get": [
                "operationId": "networkStatistics", "summary": "Category statistics of the network",
                "description":
                    "This node's and every peer's statistics of a material category, combined through their mergeable sketches (count, contributors and mean exact; median and percentiles within the sketch's relative accuracy). Nodes with fewer than 5 contributing businesses give nothing.",
                "tags": ["Federation"], "security": [["tenantToken": []]],
                "parameters": [
                    [
                        "name": "category", "in": "path", "required": true,
                        "schema": ["type": "string", "enum": .array(node.dictionaries.categories.keys.sorted().map { .string($0) })],
                    ]
                ],
                "responses": [
                    "200": ["description": "The combined statistics", "content": ["application/json": ["schema": ["type": "object"]]]],
                    "401": ["$ref": "#/components/responses/P401"], "422": ["$ref": "#/components/responses/P422"],
                ],
            ]
        ]

        // Any call that carries a tenant token counts against that tenant's limits (the PACT host
        // authenticates its own clients).
        for path in paths.keys where !path.hasPrefix("/pact/") {
            guard var methods = paths[path]?.objectValue else { continue }
            for method in methods.keys {
                guard var op = methods[method]?.objectValue, var responses = op["responses"]?.objectValue else { continue }
                responses["429"] = ["$ref": "#/components/responses/P429"]
                op["responses"] = .object(responses)
                methods[method] = .object(op)
            }
            paths[path] = .object(methods)
        }

        let problem: JSONValue = [
            "type": "object",
            "required": ["type", "title", "status", "code", "detail"],
            "properties": [
                "type": ["type": "string"], "title": ["type": "string"], "status": ["type": "integer"],
                "code": ["type": "string", "description": "Stable machine-readable code"],
                "detail": ["type": "string"], "field": ["type": "string", "description": "The offending parameter"],
            ],
        ]
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "ctn node",
                "version": "1.0.0",
                "description":
                    "Data-transaction contracts of the Carbon chain Trusted Network, served by one ctn node. Every ID is a hashed 128-bit value written as 32 lowercase hex characters; CO2 figures are kg-CO2e.",
            ],
            "paths": .object(paths),
            "components": [
                "securitySchemes": [
                    "tenantToken": ["type": "http", "scheme": "bearer", "description": "A tenant token from 'ctn tenant add'"]
                ],
                "schemas": ["Problem": problem],
                "responses": .object(problemResponses()),
            ],
        ]
    }

    static func problemResponses() -> JSONObject {
        var o = JSONObject()
        for (code, text) in [
            ("400", "Malformed or invalid request"), ("401", "Missing or invalid token"),
            ("404", "Unknown ID, or not visible to the caller"),
            ("409", "Conflicts with the current state"), ("413", "Body too large"), ("422", "Valid JSON that cannot be accepted"),
        ] {
            o["P\(code)"] = [
                "description": .string(text),
                "content": ["application/problem+json": ["schema": ["$ref": "#/components/schemas/Problem"]]],
            ]
        }
        o["P429"] = [
            "description":
                "The tenant made more requests a second than it may (`rate_limited`), or runs as many heavy calls (traces, certifications, statistics, simulations, site calculations) as it may at once (`too_many_heavy_calls`)",
            "headers": ["Retry-After": ["description": "Seconds to wait", "schema": ["type": "integer", "minimum": 1]]],
            "content": ["application/problem+json": ["schema": ["$ref": "#/components/schemas/Problem"]]],
        ]
        return o
    }

    static func readiness() -> JSONValue {
        [
            "operationId": "readiness", "summary": "Readiness: the database answers with this build's whole schema",
            "tags": ["Node"],
            "responses": [
                "200": ["description": "Ready", "content": ["application/json": ["schema": ["type": "object"]]]],
                "503": [
                    "description":
                        "Not ready (`not_ready`): the database does not answer or lacks migrations; the node stays up and is ready again when it does",
                    "headers": ["Retry-After": ["description": "Seconds to wait", "schema": ["type": "integer", "minimum": 1]]],
                    "content": ["application/problem+json": ["schema": ["$ref": "#/components/schemas/Problem"]]],
                ],
            ],
        ]
    }

    static func metricsOperation() -> JSONValue {
        [
            "operationId": "metrics", "summary": "The node's series in Prometheus text format",
            "description":
                "Requests by method, route template and status; request latency histograms; requests in flight; ledger size; trace durations by outcome; peer call durations and errors by peer node; database connections in use and writes waiting; requests refused by tenant limits. No series is labelled with a tenant, lot or partner.",
            "tags": ["Node"],
            "responses": ["200": ["description": "OK", "content": ["text/plain": ["schema": ["type": "string"]]]]],
        ]
    }

    static func plainGet(_ id: String, _ summary: String, _ tag: String) -> JSONValue {
        [
            "operationId": .string(id), "summary": .string(summary), "tags": [.string(tag)],
            "responses": ["200": ["description": "OK", "content": ["application/json": ["schema": ["type": "object"]]]]],
        ]
    }

    static func query(_ name: String, _ description: String, _ schema: JSONValue) -> JSONValue {
        ["name": .string(name), "in": "query", "required": false, "description": .string(description), "schema": schema]
    }

    static func trace() -> JSONValue {
        [
            "operationId": "traceLot", "summary": "Trace",
            "description":
                "Walks the lot's carbon chain upstream across nodes for the calling business: each lot with its verified statement, the quantity used and CO2 contributed, and `breakdown` (its inputs, \"undisclosed\", \"unreachable\" or \"cut\" with a reason). `complete` is true only when nothing was unreachable or cut.",
            "tags": ["Federation"], "security": [["tenantToken": []]],
            "parameters": [
                ["name": "lotId", "in": "path", "required": true, "schema": ["type": "string", "pattern": "^[0-9a-f]{32}$"]],
                query(
                    "node", "The node holding the lot when it is a peer (default: this node)",
                    ["type": "string", "pattern": "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"]),
                query("deadlineMs", "Time limit of the whole walk (default 10000)", ["type": "integer", "minimum": 1, "maximum": 120000]),
                query("maxDepth", "Levels followed (default and maximum 50)", ["type": "integer", "minimum": 0, "maximum": 50]),
            ],
            "responses": [
                "200": [
                    "description": "The tree; in CBOR (RFC 8949, the same data) when `Accept` asks for `application/cbor`",
                    "content": ["application/json": ["schema": ["type": "object"]], "application/cbor": ["schema": ["type": "object"]]],
                ],
                "401": ["$ref": "#/components/responses/P401"], "404": ["$ref": "#/components/responses/P404"],
                "422": ["$ref": "#/components/responses/P422"],
            ],
        ]
    }

    static func federationLots() -> JSONValue {
        [
            "operationId": "federationLots", "summary": "Lots for a peer's trace",
            "description":
                "For peer nodes only, signed with HTTP Message Signatures (RFC 9421, Ed25519) for an acting business `<businessId>@<nodeId>`: the statements of up to 256 lots and their material uses where disclosed to that business. Read-only.",
            "tags": ["Federation"],
            "requestBody": [
                "required": true,
                "content": [
                    "application/json": [
                        "schema": [
                            "type": "object", "required": ["lots"], "additionalProperties": false,
                            "properties": [
                                "lots": ["type": "array", "maxItems": 256, "items": ["type": "string", "pattern": "^[0-9a-f]{32}$"]],
                                "onward": [
                                    "type": "array", "maxItems": 1024, "items": ["type": "string"],
                                    "description": "Onward grants (JWS) that came with the uses leading to these lots",
                                ],
                                "known": [
                                    "type": "string", "pattern": "^[0-9a-f-]{1,64}$",
                                    "description":
                                        "The `answerTag` of this node's answer to the same request that the caller holds: when it is the node's last answer to it and nothing it rests on changed since, the answer is `{\"unchanged\": true}` with the current tree head, and the reads are logged again",
                                ],
                            ],
                        ]
                    ]
                ],
            ],
            "responses": [
                "200": [
                    "description":
                        "One entry per lot asked and the answer's `answerTag`, or `unchanged` (see `known`); in CBOR (RFC 8949) when `Accept` asks for `application/cbor`",
                    "content": ["application/json": ["schema": ["type": "object"]], "application/cbor": ["schema": ["type": "object"]]],
                ],
                "400": ["$ref": "#/components/responses/P400"], "401": ["$ref": "#/components/responses/P401"],
                "422": ["$ref": "#/components/responses/P422"],
            ],
        ]
    }

    static func camel(_ id: String) -> String {
        let parts = id.split(separator: "-")
        return parts.enumerated().map { $0 == 0 ? String($1) : $1.prefix(1).uppercased() + $1.dropFirst() }.joined()
    }

    static func operation(_ c: ContractDefinition, _ d: Dictionaries) -> JSONValue {
        var op = JSONObject()
        op["operationId"] = .string(camel(c.id))
        op["summary"] = .string(c.name)
        var description = "\(c.summary)\n\nDirection: \(c.direction.rawValue). Who may call: \(c.callers)."
        if let e = c.ledgerEvent { description += " Ledger event: `\(e)`." }
        if let level = c.isa95Level { description += " ISA-95 level: \(level)." }
        op["description"] = .string(description)
        op["tags"] = [.string(c.direction == .push ? "PUSH contracts" : "PULL contracts")]
        op["security"] = c.auth == .tenant ? [["tenantToken": []]] : [[:], ["tenantToken": []]]
        var parameters: [JSONValue] = c.pathParameters.map {
            ["name": .string($0.name), "in": "path", "required": true, "description": .string($0.description), "schema": schema($0, d)]
        }
        parameters += c.queryParameters.map { query($0.name, $0.description, schema($0, d)) }
        if c.forwardable {
            parameters.append(
                query(
                    "node", "Another node to ask, through this one, for the calling business (default: this node)",
                    ["type": "string", "pattern": "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"]))
        }
        if !parameters.isEmpty { op["parameters"] = .array(parameters) }
        if let body = c.body {
            var s = objectSchema(body, d, closed: true).objectValue ?? JSONObject()
            if !c.exactlyOneOf.isEmpty {
                s["oneOf"] = .array(
                    c.exactlyOneOf.flatMap { group in
                        group.map { name in
                            JSONValue.object(
                                JSONObject([
                                    "required": [.string(name)],
                                    "not": ["anyOf": .array(group.filter { $0 != name }.map { ["required": [.string($0)]] })],
                                ]))
                        }
                    })
            }
            op["requestBody"] = ["required": true, "content": ["application/json": ["schema": .object(s)]]]
        }
        var responses = JSONObject()
        responses[String(c.responseStatus)] = [
            "description": .string(c.responseDescription),
            "content": ["application/json": ["schema": objectSchema(c.responseFields, d, closed: false, nullable: true)]],
        ]
        for (status, problems) in Dictionary(grouping: c.problems, by: \.status).sorted(by: { $0.key < $1.key }) {
            responses[String(status)] = problemResponse(status, problems)
        }
        op["responses"] = .object(responses)
        return .object(op)
    }

    /// The answer of one problem status of an operation: a problem whose `code` is one of those the
    /// contract defines for that status, each explained in the description.
    static func problemResponse(_ status: Int, _ problems: [ContractProblem]) -> JSONValue {
        let description = problems.map { "`\($0.code)`: \($0.when)" }.joined(separator: "; ")
        let schema: JSONValue = [
            "allOf": [
                ["$ref": "#/components/schemas/Problem"],
                [
                    "properties": [
                        "status": ["const": .number(Double(status))], "code": ["enum": .array(problems.map { .string($0.code) })],
                    ]
                ],
            ]
        ]
        return ["description": .string(description), "content": ["application/problem+json": ["schema": schema]]]
    }

    /// `nullable`: fields that are not required may be `null` (a response's figure not known yet,
    /// such as the CFP of an open lot), written as a JSON Schema type array (OpenAPI 3.1).
    static func objectSchema(_ params: [ParameterDef], _ d: Dictionaries, closed: Bool, nullable: Bool = false) -> JSONValue {
        var props = JSONObject()
        for p in params {
            var field = schema(p, d, response: nullable)
            if nullable || p.nullable, !p.required, var o = field.objectValue, let type = o["type"]?.stringValue {
                o["type"] = [.string(type), "null"]
                if let values = o["enum"]?.arrayValue { o["enum"] = .array(values + [.null]) }
                field = .object(o)
            }
            props[p.name] = field
        }
        var o = JSONObject()
        o["type"] = "object"
        o["properties"] = .object(props)
        let req = params.filter(\.required).map { JSONValue.string($0.name) }
        if !req.isEmpty { o["required"] = .array(req) }
        if closed { o["additionalProperties"] = false }
        return .object(o)
    }

    /// `response`: the schema of an answer's field: nested objects open to further fields, and
    /// fields that are not required nullable.
    static func schema(_ p: ParameterDef, _ d: Dictionaries, response: Bool = false) -> JSONValue {
        var s = JSONObject()
        switch p.kind {
        case .id128:
            s["type"] = "string"
            s["pattern"] = "^[0-9a-f]{32}$"
        case .business:
            s["type"] = "string"
            s["pattern"] = "^[0-9a-f]{32}(@[a-z0-9-]{1,63})?$"
        case .nodeId:
            s["type"] = "string"
            s["pattern"] = "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"
        case .timestamp:
            s["type"] = "string"
            s["format"] = "date-time"
        case .number, .integer:
            s["type"] = p.kind == .integer ? "integer" : "number"
            if let m = p.minimum {
                if p.exclusiveMinimum, m == 0, p.kind == .number {
                    // Above zero and not subnormal: the smallest normal double.
                    s["minimum"] = .number(Double.leastNormalMagnitude)
                } else {
                    s[p.exclusiveMinimum ? "exclusiveMinimum" : "minimum"] = .number(m)
                }
            }
            if let m = p.maximum { s["maximum"] = .number(m) }
            if p.kind == .number, p.minimum == 0, !p.exclusiveMinimum {
                // Zero, or a normal number (subnormal ones are refused).
                var positive = s
                positive["minimum"] = .number(Double.leastNormalMagnitude)
                return .object(
                    JSONObject([
                        "anyOf": [["type": "number", "const": 0], .object(positive)],
                        "description": .string(p.description),
                    ]))
            }
        case .boolean: s["type"] = "boolean"
        case .string: s["type"] = "string"
        case .unit:
            s["type"] = "string"
            if p.unitKind == "rate" {
                // Every rate the dictionaries know: a unit per unit, or a named one (kW).
                let symbols = d.units.keys.sorted()
                let rates = (symbols + symbols.flatMap { a in symbols.map { "\(a)/\($0)" } }).filter { d.rate($0) != nil }
                s["enum"] = .array(rates.map { .string($0) })
            } else {
                s["enum"] = .array(d.units.keys.sorted().map { .string($0) })
            }
        case .category:
            s["type"] = "string"
            s["enum"] = .array(d.categories.keys.sorted().map { .string($0) })
        case .energyType:
            s["type"] = "string"
            s["enum"] = .array(d.energyTypes.keys.sorted().map { .string($0) })
        case .array:
            s["type"] = "array"
            if let items = p.items { s["items"] = objectSchema(items, d, closed: !response, nullable: response) }
            if let k = p.itemKind {
                var item = p
                item.kind = k
                item.itemKind = nil
                item.description = ""
                s["items"] = schema(item, d)
            }
            if let m = p.maxItems { s["maxItems"] = .number(Double(m)) }
            // A request's required list holds at least one item; an answer's list may be empty.
            if p.required, !response { s["minItems"] = 1 }
        case .object:
            return objectSchema(p.items ?? [], d, closed: !response, nullable: response)
        }
        if let allowed = p.allowed, p.kind != .array { s["enum"] = .array(allowed.map { .string($0) }) }
        if !p.description.isEmpty { s["description"] = .string(p.description) }
        return .object(s)
    }
}

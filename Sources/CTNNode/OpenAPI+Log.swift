import CTNModel

/// The verifiable log's routes in the OpenAPI document.
extension OpenAPI {
    static func required(_ parameter: JSONValue) -> JSONValue {
        guard case .object(var o) = parameter else { return parameter }
        o["required"] = true
        return .object(o)
    }

    static func logPaths() -> [(String, JSONValue)] {
        func get(_ id: String, _ summary: String, _ description: String, _ parameters: [JSONValue]) -> JSONValue {
            [
                "get": [
                    "operationId": .string(id), "summary": .string(summary), "description": .string(description), "tags": ["Log"],
                    "parameters": .array(parameters),
                    "responses": [
                        "200": ["description": "OK", "content": ["application/json": ["schema": ["type": "object"]]]],
                        "400": ["$ref": "#/components/responses/P400"], "422": ["$ref": "#/components/responses/P422"],
                    ],
                ]
            ]
        }
        func plain(_ id: String, _ summary: String, _ description: String) -> JSONValue {
            [
                "get": [
                    "operationId": .string(id), "summary": .string(summary), "description": .string(description), "tags": ["Log"],
                    "responses": ["200": ["description": "OK", "content": ["application/json": ["schema": ["type": "object"]]]]],
                ]
            ]
        }
        let whole: JSONValue = ["type": "integer", "minimum": 0, "maximum": 9_999_999_999_999_999]
        return [
            (
                "/v1/log/head",
                plain(
                    "logHead", "The signed tree head",
                    "The size of the node's log, the RFC 9162 Merkle root of its events (leaf = SHA-256(0x00 ‖ event hash), or for an event that fixed a lot's figures SHA-256(0x00 ‖ 'ctn-lot-statement-leaf-v1\\n' ‖ the statement's JWS signing input)) and the time, signed with the node's Ed25519 key over 'ctn-tree-head-v1\\n<nodeId>\\n<size>\\n<rootHash>\\n<timestamp ms>'."
                )
            ),
            (
                "/v1/log/witnessed",
                plain(
                    "logWitnessed", "Peers' tree heads this node witnessed",
                    "The newest head of each peer that this node checked (consistent with the last one it saw) and cosigned: Ed25519 over 'ctn-cosign-v1\\n<witness>\\n' followed by the head's signed message."
                )
            ),
            (
                "/v1/log/alarms",
                plain(
                    "logAlarms", "Forks this node saw",
                    "Heads of peers that no append-only log could have signed after the ones this node witnessed, with why.")
            ),
            (
                "/v1/log/proof/inclusion",
                get(
                    "logInclusionProof", "An inclusion proof",
                    "The audit path of leaf `leaf` (the event of sequence leaf + 1) in the tree of `size` events (default: the head's).",
                    [required(query("leaf", "0-based leaf index", whole)), query("size", "Tree size", whole)])
            ),
            (
                "/v1/lots/{lotId}/statement",
                [
                    "get": [
                        "operationId": "lotStatementWithProof", "summary": "A lot's statement with its log proof", "tags": ["Log"],
                        "description":
                            "The lot's signed statement, the inclusion proof of its leaf (the statement's `logLeaf`) and the signed tree head the proof leads to; `ctn statement verify` checks all three offline. Statements signed before the log held them come without a proof.",
                        "parameters": [
                            [
                                "name": "lotId", "in": "path", "required": true,
                                "schema": ["type": "string", "pattern": "^[0-9a-f]{32}$"],
                            ]
                        ],
                        "responses": [
                            "200": ["description": "OK", "content": ["application/json": ["schema": ["type": "object"]]]],
                            "404": ["$ref": "#/components/responses/P404"], "409": ["$ref": "#/components/responses/P409"],
                            "422": ["$ref": "#/components/responses/P422"],
                        ],
                    ]
                ]
            ),
            (
                "/v1/log/proof/consistency",
                get(
                    "logConsistencyProof", "A consistency proof",
                    "The proof that the tree of `to` events (default: the head's) extends the tree of `from` events.",
                    [required(query("from", "The earlier size", whole)), query("to", "The later size", whole)])
            ),
        ]
    }
}

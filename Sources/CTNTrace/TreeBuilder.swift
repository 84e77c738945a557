import CTNLedger
import CTNModel
import Crypto
import Foundation

/// Turns the fetched lots into the answer's tree.
struct TreeBuilder {
    typealias Key = TraceWalker.Key
    let results: [Key: TraceWalker.Fetched]
    let maxDepth: Int
    let maxOutput: Int
    let deadlineHit: Bool
    var complete = true
    var unreachable: [String: String] = [:]
    var emitted = 0

    init(results: [Key: TraceWalker.Fetched], maxDepth: Int, maxOutput: Int, deadlineHit: Bool) {
        self.results = results
        self.maxDepth = maxDepth
        self.maxOutput = maxOutput
        self.deadlineHit = deadlineHit
    }

    /// The subtree of `k`; `path` holds the lots from the root to `k`'s user (as it was on return).
    mutating func build(_ k: Key, use: JSONObject?, path: inout Set<Key>, depth: Int) -> JSONValue {
        emitted += 1
        var o = JSONObject()
        o["lotId"] = .string(k.lot)
        o["node"] = .string(k.node)
        if let use {
            o["quantity"] = use["quantity"]
            o["unit"] = use["unit"]
            o["co2"] = use["co2"]
            o["co2PerUnitUsed"] = use["co2PerUnit"]
            if let v = use["statementVersion"] { o["statementVersionUsed"] = v }
        }
        func cut(_ kind: String, _ reason: String) -> JSONValue {
            complete = false
            o["breakdown"] = .string(kind)
            o["reason"] = .string(reason)
            return .object(o)
        }
        if path.contains(k) { return cut("cut", "cycle: lot \(k.lot) on node \(k.node) is among its own inputs") }
        guard let fetched = results[k] else {
            if depth > maxDepth { return cut("cut", "deeper than \(maxDepth) levels") }
            let reason = deadlineHit ? "the trace deadline passed before node \(k.node) was asked" : "not fetched"
            if unreachable[k.node] == nil { unreachable[k.node] = reason }
            return cut("unreachable", reason)
        }
        switch fetched {
        case .missing(let reason):
            if unreachable[k.node] == nil, !reason.hasPrefix("lot ") { unreachable[k.node] = reason }
            return cut("unreachable", reason)
        case .lot(let lot, let claims):
            o["status"] = claims.map { .string($0.status) } ?? lot["status"]
            o["declaredUnit"] = .string(claims?.declaredUnit ?? lot["declaredUnit"]?.stringValue ?? "")
            o["co2PerUnit"] = .optional(claims?.co2PerUnit)
            // The band at this level, as the lot's owner signed it (or answered it, unsigned).
            if let band = claims?.uncertainty ?? lot["uncertainty"] { o["uncertainty"] = band }
            if let evidence = claims?.evidenceBreakdown ?? lot["evidenceBreakdown"] { o["evidenceBreakdown"] = evidence }
            if let c = claims {
                o["version"] = .number(Double(c.version))
                o["statement"] = .string(c.jws)
                if let proof = lot["logProof"] { o["logProof"] = proof }
                o["verified"] = true
                if let used = use?["statementVersion"]?.numberValue, used != Double(c.version) { o["superseded"] = true }
            }
            if let certs = lot["certificates"] { o["certificates"] = certs }
            // The certified share its owner's dispatches declared (mass balance), as answered.
            if let certified = lot["certified"] { o["certified"] = certified }
            guard let uses = lot["materialUses"]?.arrayValue else {
                o["breakdown"] = "undisclosed"
                return .object(o)
            }
            o["materialCO2"] = lot["materialCO2"]
            o["processCO2"] = lot["processCO2"]
            if let why = lot["disclosedAs"] { o["disclosedAs"] = why }
            if emitted > maxOutput { return cut("cut", "answer size limit: this lot's inputs are shown where it appeared before") }
            var inputs: [JSONValue] = []
            path.insert(k)
            defer { path.remove(k) }
            for u in uses {
                guard let u = u.objectValue else { continue }
                if let m = u["materialLotId"]?.stringValue {
                    inputs.append(
                        build(Key(node: u["node"]?.stringValue ?? k.node, lot: m), use: u, path: &path, depth: depth + 1))
                } else {
                    var leaf = JSONObject()
                    leaf["quantity"] = u["quantity"]
                    leaf["unit"] = u["unit"]
                    leaf["co2"] = u["co2"]
                    leaf["co2PerUnitUsed"] = u["co2PerUnit"]
                    if u["source"] == "pact" {
                        // A supplier's PACT footprint: the end of what CTN can trace.
                        leaf["source"] = "pact"
                        leaf["pactFootprintId"] = u["pactFootprintId"]
                        leaf["supplier"] = u["supplier"]
                        leaf["pactFootprintVersion"] = u["pactFootprintVersion"]
                    } else {
                        leaf["category"] = u["category"]
                        leaf["source"] = "dictionary"
                    }
                    inputs.append(.object(leaf))
                }
            }
            o["breakdown"] = .array(inputs)
            return .object(o)
        }
    }
}

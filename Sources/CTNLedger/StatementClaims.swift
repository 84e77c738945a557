import CTNModel
import Crypto
import Foundation

/// The claims of a verified lot statement, as a downstream node relies on them.
public struct StatementClaims: Sendable, Equatable {
    public var lotId: String
    public var nodeId: String
    public var version: Int64
    public var status: String
    public var declaredUnit: String
    public var co2PerUnit: Double?
    public var totalCO2: Double?
    public var ledgerSeq: Int64?
    /// The leaf of the node's log that holds this statement (statements signed since the log held them).
    public var logLeaf: Int64? = nil
    public var jws: String
    /// The stated uncertainty band (`u` expanded, `coverageFactor`, `low`, `high`) and evidence
    /// breakdown, for lots whose node states them.
    public var uncertainty: JSONValue? = nil
    public var evidenceBreakdown: JSONValue? = nil

    /// Verifies `jws` with `publicKey` and checks that it speaks of `lotId` on `nodeId`.
    public static func verify(
        _ jws: String, publicKey: Curve25519.Signing.PublicKey, lotId: String, nodeId: String
    ) throws -> StatementClaims {
        let (header, p) = try LotStatement.verify(jws, publicKey: publicKey)
        return try claims(jws, header: header, payload: p, lotId: lotId, nodeId: nodeId)
    }

    /// Checks that `jws` is leaf `proof.leaf` of `nodeId`'s log under `head` (a head whose signature
    /// the caller verified with the node's key) and that it speaks of `lotId` on `nodeId`.
    public static func verifyLogged(
        _ jws: String, proof: LogProof, head: TreeHead, lotId: String, nodeId: String
    ) throws -> StatementClaims {
        guard head.nodeId == nodeId else { throw LotStatement.Invalid(description: "the tree head is not node \(nodeId)'s") }
        let (header, p) = try LotStatement.verifyLogged(jws, proof: proof, head: head)
        return try claims(jws, header: header, payload: p, lotId: lotId, nodeId: nodeId)
    }

    static func claims(_ jws: String, header: JSONValue, payload p: JSONValue, lotId: String, nodeId: String) throws -> StatementClaims {
        guard header["kid"]?.stringValue == nodeId, p["nodeId"]?.stringValue == nodeId else {
            throw LotStatement.Invalid(description: "statement is not from node \(nodeId)")
        }
        guard p["lotId"]?.stringValue == lotId else { throw LotStatement.Invalid(description: "statement is about another lot") }
        guard let status = p["status"]?.stringValue, let unit = p["declaredUnit"]?.stringValue else {
            throw LotStatement.Invalid(description: "statement lacks status or declared unit")
        }
        return StatementClaims(
            lotId: lotId, nodeId: nodeId, version: p["version"]?.numberValue.flatMap { Int64(exactly: $0) } ?? 1, status: status,
            declaredUnit: unit, co2PerUnit: p["co2PerUnit"]?.numberValue, totalCO2: p["totalCO2"]?.numberValue,
            ledgerSeq: p["ledgerSeq"]?.numberValue.flatMap { Int64(exactly: $0) },
            logLeaf: p["logLeaf"]?.numberValue.flatMap { Int64(exactly: $0) }, jws: jws,
            uncertainty: p["uncertainty"]?.objectValue.map(JSONValue.object),
            evidenceBreakdown: p["evidenceBreakdown"]?.objectValue.map(JSONValue.object))
    }
}

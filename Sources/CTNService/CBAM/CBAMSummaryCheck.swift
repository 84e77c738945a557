import CTNFederation
import CTNLedger
import CTNModel

/// Checks a supplier's summary as an importer's node receives it: the operator node's signature,
/// and each verification statement in it (its verifier node's key, the same report, node and
/// content hash). A summary verifies when one statement holds.
struct CBAMSummaryCheck {
    let nodeId: String
    let keys: NodeKeys
    let peers: PeerClient

    func key(_ node: String) -> PublicSigningKey? { node == nodeId ? keys.signingKey.publicKey : peers.peer(node)?.publicKey }

    func check(_ jws: String) throws(Problem) -> (summary: JSONValue, verified: Bool) {
        func invalid(_ why: String) -> Problem {
            Problem(status: 422, code: "invalid_summary", title: "Invalid summary", detail: why, field: "summary")
        }
        guard let signer = CompactJWS.kid(jws) else { throw invalid("not a compact JWS with a signing node") }
        guard let k = key(signer) else { throw invalid("node \(signer) is not in this node's peer directory") }
        let summary: JSONValue
        do { summary = try CBAMSummary.verify(jws, publicKey: k) } catch { throw invalid("\(error)") }
        var verified = false
        for v in summary["verifications"]?.arrayValue?.compactMap(\.stringValue) ?? [] {
            guard let verifier = CompactJWS.kid(v), let vk = key(verifier), let claims = try? CBAMVerification.verify(v, publicKey: vk)
            else { continue }
            if claims["reportId"] == summary["reportId"], claims["node"] == summary["node"], claims["contentHash"] == summary["contentHash"]
            {
                verified = true
            }
        }
        return (summary, verified)
    }
}

import CTNModel
import Crypto
import Foundation

/// Streams a ledger in stored order and checks it: contiguous sequence numbers, each payload's
/// hash, each event's hash, the links between events, and finally the signed head.
public struct LedgerVerifier {
    private var expectedSeq: Int64 = 1
    private var prevHash = LedgerHashing.genesis
    private var failure: VerificationReport.Failure?
    private var count: Int64 = 0

    public init() {}

    /// Returns false once a failure is found (stop feeding).
    public mutating func feed(_ e: LedgerEvent) -> Bool {
        guard failure == nil else { return false }
        count += 1
        if e.seq != expectedSeq {
            failure = .init(
                seq: expectedSeq,
                reason: e.seq > expectedSeq ? "event \(expectedSeq) is missing (found \(e.seq) next)" : "event \(e.seq) is out of order")
        } else if e.prevHash != prevHash {
            failure = .init(seq: e.seq, reason: "previous-hash link is broken")
        } else if LedgerHashing.sha256Hex(e.payload) != e.payloadHash {
            failure = .init(seq: e.seq, reason: "payload does not match its hash")
        } else if LedgerHashing.recomputeHash(e) != e.hash {
            failure = .init(seq: e.seq, reason: "event hash does not match its fields")
        }
        expectedSeq += 1
        prevHash = e.hash
        return failure == nil
    }

    public func finish(head: SignedHead?, nodeId: String, publicKey: Curve25519.Signing.PublicKey) -> VerificationReport {
        var report = VerificationReport(
            events: count, headSeq: head?.seq ?? 0, headHash: head?.hash ?? LedgerHashing.genesis, failure: failure)
        guard failure == nil else { return report }
        let lastSeq = expectedSeq - 1
        guard let head else {
            if lastSeq > 0 { report.failure = .init(seq: lastSeq, reason: "the ledger has events but no signed head") }
            return report
        }
        if head.seq != lastSeq {
            report.failure = .init(
                seq: min(head.seq, lastSeq) + 1,
                reason: "signed head is at event \(head.seq) but the ledger ends at \(lastSeq)")
        } else if head.hash != prevHash {
            report.failure = .init(seq: lastSeq, reason: "signed head hash differs from the last event's hash")
        } else if let sig = Data(base64Encoded: head.signature),
            publicKey.isValidSignature(sig, for: LedgerHashing.headMessage(nodeId: nodeId, seq: head.seq, hash: head.hash))
        {
            return report
        } else {
            report.failure = .init(seq: lastSeq, reason: "signature of the head does not verify with the node's key")
        }
        return report
    }
}

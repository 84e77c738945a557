import Crypto
import Foundation

/// What a witness makes of a peer's new tree head against the last one it saw: the same tree, a
/// tree that extends it (the consistency proof checks), or a fork: two heads signed by the same
/// node that no append-only log can both have produced.
public enum LogWitness {
    /// The verdict on one head.
    public enum Verdict: Sendable, Equatable {
        case first
        case same
        case extends
        case older
        case fork(String)
        case badSignature
    }

    /// `proof` is the consistency proof between the smaller and the larger of the two heads.
    public static func check(previous: TreeHead?, new: TreeHead, proof: [Merkle.Hash], key: PublicSigningKey) -> Verdict {
        guard new.verify(key) else { return .badSignature }
        guard let previous else { return .first }
        guard let oldRoot = LedgerHashing.bytes(hex: previous.root), let newRoot = LedgerHashing.bytes(hex: new.root) else {
            return .fork("a root that is not a hash")
        }
        if new.size == previous.size {
            return new.root == previous.root ? .same : .fork("two roots for size \(new.size): \(previous.root) and \(new.root)")
        }
        let (small, large, smallRoot, largeRoot) =
            new.size > previous.size
            ? (previous.size, new.size, oldRoot, newRoot) : (new.size, previous.size, newRoot, oldRoot)
        guard Merkle.verifyConsistency(from: small, to: large, oldRoot: smallRoot, newRoot: largeRoot, proof: proof) else {
            return .fork("the tree of size \(large) does not extend the tree of size \(small) that the same node signed")
        }
        return new.size > previous.size ? .extends : .older
    }

    /// The message a witness signs for a head it checked.
    public static func cosignMessage(witness: String, head: TreeHead) -> [UInt8] {
        Array("ctn-cosign-v1\n\(witness)\n".utf8)
            + TreeHead.message(nodeId: head.nodeId, size: head.size, root: head.root, timestamp: head.timestamp)
    }
}

extension NodeKeys {
    /// This node's cosignature of another node's head (base64 Ed25519).
    public func cosign(_ head: TreeHead) throws -> String {
        try signingKey.signature(for: LogWitness.cosignMessage(witness: nodeId, head: head)).base64EncodedString()
    }
}

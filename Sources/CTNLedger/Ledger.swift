import CTNModel
import Crypto
import Foundation

public typealias PublicSigningKey = Curve25519.Signing.PublicKey

/// One accepted contract call, as kept in the ledger.
public struct LedgerEvent: Sendable, Equatable {
    public var seq: Int64
    public var ledgerTime: Int64
    public var sourceTime: Int64
    public var tenantId: String
    public var contract: String
    public var event: String
    /// Canonical JSON of the call's parameters and its effect.
    public var payload: String
    public var payloadHash: String
    public var prevHash: String
    public var hash: String

    public init(seq: Int64, ledgerTime: Int64, sourceTime: Int64, tenantId: String, contract: String, event: String,
                payload: String, payloadHash: String, prevHash: String, hash: String) {
        self.seq = seq; self.ledgerTime = ledgerTime; self.sourceTime = sourceTime; self.tenantId = tenantId
        self.contract = contract; self.event = event; self.payload = payload; self.payloadHash = payloadHash
        self.prevHash = prevHash; self.hash = hash
    }
}

/// The hashing rules of the ledger, kept apart from storage so that a verifier needs nothing else.
public enum LedgerHashing {
    public static let genesis = String(repeating: "0", count: 64)

    public static func hex(_ d: some Sequence<UInt8>) -> String {
        let t = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        for b in d { out.append(t[Int(b >> 4)]); out.append(t[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }

    public static func sha256Hex(_ s: String) -> String { hex(SHA256.hash(data: Array(s.utf8))) }

    /// The bytes an event's hash covers: every field but the hash itself, one per line, versioned.
    public static func headerBytes(seq: Int64, ledgerTime: Int64, sourceTime: Int64, tenantId: String, contract: String,
                                   event: String, payloadHash: String, prevHash: String) -> [UInt8] {
        Array("ctn-ledger-v1\n\(seq)\n\(ledgerTime)\n\(sourceTime)\n\(tenantId)\n\(contract)\n\(event)\n\(payloadHash)\n\(prevHash)".utf8)
    }

    /// Builds the next event after `prev` (hash and seq of the current head).
    public static func next(after prevSeq: Int64, prevHash: String, ledgerTime: Int64, sourceTime: Int64,
                            tenantId: String, contract: String, event: String, payload: JSONValue) -> LedgerEvent {
        let bytes = CanonicalJSON.bytes(payload)
        let text = String(decoding: bytes, as: UTF8.self)
        let ph = hex(SHA256.hash(data: bytes))
        let seq = prevSeq + 1
        let h = hex(SHA256.hash(data: headerBytes(seq: seq, ledgerTime: ledgerTime, sourceTime: sourceTime, tenantId: tenantId,
                                                  contract: contract, event: event, payloadHash: ph, prevHash: prevHash)))
        return LedgerEvent(seq: seq, ledgerTime: ledgerTime, sourceTime: sourceTime, tenantId: tenantId, contract: contract,
                           event: event, payload: text, payloadHash: ph, prevHash: prevHash, hash: h)
    }

    public static func recomputeHash(_ e: LedgerEvent) -> String {
        hex(SHA256.hash(data: headerBytes(seq: e.seq, ledgerTime: e.ledgerTime, sourceTime: e.sourceTime, tenantId: e.tenantId,
                                          contract: e.contract, event: e.event, payloadHash: e.payloadHash, prevHash: e.prevHash)))
    }

    public static func headMessage(nodeId: String, seq: Int64, hash: String) -> [UInt8] {
        Array("ctn-head-v1\n\(nodeId)\n\(seq)\n\(hash)".utf8)
    }
}

/// The head of the ledger, signed by the node's Ed25519 key.
public struct SignedHead: Sendable, Equatable {
    public var seq: Int64
    public var hash: String
    public var signature: String  // base64

    public init(seq: Int64, hash: String, signature: String) {
        self.seq = seq; self.hash = hash; self.signature = signature
    }
}

public struct VerificationReport: Sendable, Equatable {
    public var events: Int64
    public var headSeq: Int64
    public var headHash: String
    /// nil when everything verified.
    public var failure: Failure?

    public struct Failure: Sendable, Equatable {
        public var seq: Int64
        public var reason: String
    }
    public var ok: Bool { failure == nil }
}

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
            failure = .init(seq: expectedSeq, reason: e.seq > expectedSeq ? "event \(expectedSeq) is missing (found \(e.seq) next)" : "event \(e.seq) is out of order")
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
        var report = VerificationReport(events: count, headSeq: head?.seq ?? 0, headHash: head?.hash ?? LedgerHashing.genesis, failure: failure)
        guard failure == nil else { return report }
        let lastSeq = expectedSeq - 1
        guard let head else {
            if lastSeq > 0 { report.failure = .init(seq: lastSeq, reason: "the ledger has events but no signed head") }
            return report
        }
        if head.seq != lastSeq {
            report.failure = .init(seq: min(head.seq, lastSeq) + 1,
                                   reason: "signed head is at event \(head.seq) but the ledger ends at \(lastSeq)")
        } else if head.hash != prevHash {
            report.failure = .init(seq: lastSeq, reason: "signed head hash differs from the last event's hash")
        } else if let sig = Data(base64Encoded: head.signature),
                  publicKey.isValidSignature(sig, for: LedgerHashing.headMessage(nodeId: nodeId, seq: head.seq, hash: head.hash)) {
            return report
        } else {
            report.failure = .init(seq: lastSeq, reason: "signature of the head does not verify with the node's key")
        }
        return report
    }
}

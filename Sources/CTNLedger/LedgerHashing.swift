import CTNModel
import Crypto
import Foundation

/// The hashing rules of the ledger, kept apart from storage so that a verifier needs nothing else.
public enum LedgerHashing {
    public static let genesis = String(repeating: "0", count: 64)

    public static func hex(_ d: some Sequence<UInt8>) -> String {
        let t = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        for b in d {
            out.append(t[Int(b >> 4)])
            out.append(t[Int(b & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    public static func sha256Hex(_ s: String) -> String { hex(SHA256.hash(data: Array(s.utf8))) }

    /// The bytes an event's hash covers: every field but the hash itself, one per line, versioned.
    public static func headerBytes(
        seq: Int64, ledgerTime: Int64, sourceTime: Int64, tenantId: String, contract: String,
        event: String, payloadHash: String, prevHash: String
    ) -> [UInt8] {
        Array("ctn-ledger-v1\n\(seq)\n\(ledgerTime)\n\(sourceTime)\n\(tenantId)\n\(contract)\n\(event)\n\(payloadHash)\n\(prevHash)".utf8)
    }

    /// Builds the next event after `prev` (hash and seq of the current head).
    public static func next(
        after prevSeq: Int64, prevHash: String, ledgerTime: Int64, sourceTime: Int64,
        tenantId: String, contract: String, event: String, payload: JSONValue
    ) -> LedgerEvent {
        let bytes = CanonicalJSON.bytes(payload)
        let text = String(decoding: bytes, as: UTF8.self)
        let ph = hex(SHA256.hash(data: bytes))
        let seq = prevSeq + 1
        let h = hex(
            SHA256.hash(
                data: headerBytes(
                    seq: seq, ledgerTime: ledgerTime, sourceTime: sourceTime, tenantId: tenantId,
                    contract: contract, event: event, payloadHash: ph, prevHash: prevHash)))
        return LedgerEvent(
            seq: seq, ledgerTime: ledgerTime, sourceTime: sourceTime, tenantId: tenantId, contract: contract,
            event: event, payload: text, payloadHash: ph, prevHash: prevHash, hash: h)
    }

    public static func recomputeHash(_ e: LedgerEvent) -> String {
        hex(
            SHA256.hash(
                data: headerBytes(
                    seq: e.seq, ledgerTime: e.ledgerTime, sourceTime: e.sourceTime, tenantId: e.tenantId,
                    contract: e.contract, event: e.event, payloadHash: e.payloadHash, prevHash: e.prevHash)))
    }

    public static func headMessage(nodeId: String, seq: Int64, hash: String) -> [UInt8] {
        Array("ctn-head-v1\n\(nodeId)\n\(seq)\n\(hash)".utf8)
    }
}

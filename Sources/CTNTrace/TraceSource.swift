import CTNModel
import Crypto
import Foundation

/// Where a trace gets its lots from. `fetch` answers, for lots held on `node`, what that node
/// discloses to the business on whose behalf the trace runs (the shape of
/// `ContractService.disclose`); it throws when the node cannot be asked or does not answer.
public protocol TraceSource: Sendable {
    /// `onward`: the onward grants that came with the material uses leading to these lots (they may
    /// open breakdowns that an owner passed on transitively).
    func fetch(node: String, lotIds: [String], onward: [String], deadline: Date) async throws -> TraceBatch
    /// As above, for a batch whose earlier answer (tagged `known`) the walker holds: the node may
    /// answer `unchanged` instead of the lots.
    func fetch(node: String, lotIds: [String], onward: [String], known: String?, deadline: Date) async throws -> TraceBatch
    /// The key that signs `node`'s statements, or nil for a node we do not know.
    func publicKey(node: String) -> Curve25519.Signing.PublicKey?
    /// Asks `node` for onward grants: for each use, lot `via` of that node used `lot` of `lotNode`.
    /// Returns the grants it gave (JWS).
    func onward(node: String, uses: [(via: String, lot: String, lotNode: String)], deadline: Date) async throws -> [String]
    /// Whose view the answers are (the business the trace runs for): answers kept for one reader
    /// are never given to another.
    var reader: String { get }
}

extension TraceSource {
    public func onward(node: String, uses: [(via: String, lot: String, lotNode: String)], deadline: Date) async throws -> [String] { [] }
    public func fetch(node: String, lotIds: [String], onward: [String], known: String?, deadline: Date) async throws -> TraceBatch {
        try await fetch(node: node, lotIds: lotIds, onward: onward, deadline: deadline)
    }
    public var reader: String { "" }
}

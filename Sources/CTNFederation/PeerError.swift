import CTNModel
import Crypto
import CurlHTTP
import Dispatch
import Foundation
import Synchronization

/// Why a call to a peer node did not give an answer.
public enum PeerError: Error, Sendable, CustomStringConvertible {
    case unknownNode(String)
    case transport(node: String, CurlError)
    case status(node: String, Int, code: String?, detail: String?)
    case deadline(node: String)
    case badResponse(node: String, String)

    public var description: String {
        switch self {
        case .unknownNode(let n): return "node \(n) is not in the peer directory"
        case .transport(let n, let e): return "node \(n) did not answer: \(e.message) (curl \(e.code))"
        case .status(let n, let s, let code, let detail):
            return "node \(n) answered \(s)\(code.map { " \($0)" } ?? "")\(detail.map { ": \($0)" } ?? "")"
        case .deadline(let n): return "no answer from node \(n) before the deadline"
        case .badResponse(let n, let why): return "node \(n) sent an unusable answer: \(why)"
        }
    }

    /// A short name of what went wrong, for metrics.
    public var kind: String {
        switch self {
        case .unknownNode: return "unknown-peer"
        case .transport: return "transport"
        case .status: return "status"
        case .deadline: return "deadline"
        case .badResponse: return "bad-answer"
        }
    }

    public var node: String {
        switch self {
        case .unknownNode(let n), .transport(let n, _), .status(let n, _, _, _), .deadline(let n), .badResponse(let n, _): return n
        }
    }
}

import CTNLedger
import CTNMetrics
import CTNModel
import Dispatch
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// The outermost middleware: gives every request an ID (the caller's `X-Request-Id` when it is a
/// sane token, else a new one), returns it in the answer's `X-Request-Id`, puts it in every log
/// line of the request, counts the request by method, route template and status, and writes one
/// access-log line (at `info`).
struct RequestTelemetryMiddleware: RouterMiddleware {
    typealias Context = NodeRequestContext
    let metrics: NodeMetrics
    static let header: HTTPField.Name? = HTTPField.Name("X-Request-Id")

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = DispatchTime.now().uptimeNanoseconds
        let id = Self.header.flatMap { request.headers[$0] }.flatMap(Self.sane) ?? Self.newId()
        var context = context
        context.logger[metadataKey: "request_id"] = .string(id)
        metrics.requestStarted()
        defer { metrics.requestEnded() }
        // The problem middleware inside this one turns every error into an answer.
        var response = try await next(request, context)
        if let header = Self.header { response.headers[header] = id }
        let nanos = DispatchTime.now().uptimeNanoseconds &- start
        // Unmatched paths share one label, so a scan of random paths cannot grow the series.
        let route = context.endpointPath.flatMap { $0 == "NotFound" ? nil : $0 } ?? "unmatched"
        metrics.request(
            method: Self.methodLabel(request.method), route: route, status: Int(response.status.code), duration: .nanoseconds(Int64(nanos)))
        if context.logger.logLevel <= .info {
            context.logger.info(
                "request",
                metadata: [
                    "method": .string(request.method.rawValue), "route": .string(route), "status": .stringConvertible(response.status.code),
                    "ms": .string(String(format: "%.3f", Double(nanos) / 1e6)),
                ])
        }
        return response
    }

    /// The standard methods by name, any other as `other`: a caller must not be able to make new
    /// series (and so memory) by inventing methods.
    static func methodLabel(_ m: HTTPRequest.Method) -> String {
        switch m {
        case .get, .post, .put, .delete, .patch, .head, .options: return m.rawValue
        default: return "other"
        }
    }

    /// A caller's request ID is kept when it is 1-128 characters of letters, digits and `-._:`.
    static func sane(_ s: String) -> String? {
        guard (1...128).contains(s.utf8.count),
            s.utf8.allSatisfy({
                ($0 >= 0x30 && $0 <= 0x3A) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) || $0 == 0x2D || $0 == 0x2E || $0 == 0x5F
            })
        else { return nil }
        return s
    }

    /// 128 random bits as 32 lowercase hex characters.
    static func newId() -> String { LedgerHashing.hex(secureRandomBytes(16)) }
}

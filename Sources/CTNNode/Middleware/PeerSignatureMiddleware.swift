import CTNFederation
import CTNModel
import CTNService
import Hummingbird
import NIOCore

/// Verifies the RFC 9421 signature of a request from a peer node (it carries `Signature-Input`)
/// and puts the business it acts for on the request context. The body is collected here because
/// the signature covers its digest; handlers read the collected copy.
struct PeerSignatureMiddleware: RouterMiddleware {
    typealias Context = NodeRequestContext
    let verifier: SignatureVerifier
    let maxBodyBytes: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.headers.contains(where: { $0.name.canonicalName == "signature-input" }) else {
            return try await next(request, context)
        }
        var request = request
        let body: ByteBuffer
        do { body = try await request.collectBody(upTo: maxBodyBytes) } catch { throw Problem.bodyTooLarge(maxBodyBytes) }
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        let verified: MessageSignature.Verified
        do {
            verified = try verifier.verify(
                method: request.method.rawValue, path: request.uri.path + (request.uri.query.map { "?\($0)" } ?? ""), headers: headers,
                body: Array(body.readableBytesView))
        } catch let refused as MessageSignature.Refused {
            throw Problem(status: 401, code: "bad_signature", title: "Request signature refused", detail: refused.reason)
        }
        var context = context
        context.caller = .remote(verified.actingBusiness.description)
        context.peerNode = verified.nodeId
        return try await next(request, context)
    }
}

import CTNModel
import Hummingbird
import NIOCore

/// Responses in the node's JSON encodings: canonical JSON for data, RFC 9457 for problems.
enum Responses {
    static func raw(_ bytes: [UInt8], status: HTTPResponse.Status = .ok, contentType: String = "application/json") -> Response {
        Response(status: status, headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func json(_ status: Int, _ value: JSONValue) -> Response {
        raw(CanonicalJSON.orderedBytes(value), status: HTTPResponse.Status(code: status))
    }

    /// `value` in CBOR when the request's `Accept` asks for it (RFC 8949), else as `json` writes it.
    static func negotiated(_ status: Int, _ value: JSONValue, accept: String?) -> Response {
        guard CBOR.accepted(accept) else { return json(status, value) }
        var response = raw(CBOR.bytes(value), status: HTTPResponse.Status(code: status), contentType: CBOR.mediaType)
        response.headers[.vary] = "Accept"
        return response
    }

    static func problem(_ problem: Problem) -> Response {
        var response = raw(
            CanonicalJSON.orderedBytes(problem.json), status: HTTPResponse.Status(code: problem.status),
            contentType: "application/problem+json")
        // The rest of an oversized body is not read: the connection ends with the answer, so that a
        // client still writing sees the close at once instead of waiting on a full socket.
        if problem.status == 413 { response.headers[.connection] = "close" }
        return response
    }
}

import CCurl
import Foundation

public struct HTTPResult: Sendable {
    public var status: Int
    public var headers: [String: String]
    public var body: [UInt8]
    public var text: String { String(decoding: body, as: UTF8.self) }
}

public struct CurlError: Error, CustomStringConvertible, Sendable {
    public var code: Int
    public var message: String
    public var description: String { "curl error \(code): \(message)" }
    public init(code: Int, message: String) { self.code = code; self.message = message }
}

private let globalInit: Void = { curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()

/// A small blocking HTTP client on the system libcurl. One instance keeps one connection alive
/// and is used by one thread at a time; make one per thread for parallel requests.
/// Redirects are never followed.
public final class CurlClient {
    private let handle: UnsafeMutableRawPointer
    public var caFile: String?
    /// A CA certificate (PEM) to trust instead of `caFile`: pins one peer's CA.
    public var caPEM: String?
    /// Refuse every scheme but https (node-to-node calls).
    public var httpsOnly = false
    public var connectTimeout: Double
    public var timeout: Double

    final class Sink {
        var body: [UInt8] = []
        var headers: [String: String] = [:]
    }

    public init(caFile: String? = nil, connectTimeout: Double = 5, timeout: Double = 30) {
        _ = globalInit
        handle = curl_easy_init()
        self.caFile = caFile
        self.connectTimeout = connectTimeout
        self.timeout = timeout
    }

    deinit { curl_easy_cleanup(handle) }

    public func request(_ method: String, _ url: String, headers: [String] = [], body: [UInt8]? = nil) throws -> HTTPResult {
        let h = handle
        curl_easy_reset(h)
        let sink = Sink()
        let sinkPtr = Unmanaged.passUnretained(sink).toOpaque()
        _ = ctn_setopt_string(h, CURLOPT_URL, url)
        _ = ctn_setopt_long(h, CURLOPT_FOLLOWLOCATION, 0)
        _ = ctn_setopt_long(h, CURLOPT_NOSIGNAL, 1)
        _ = ctn_setopt_long(h, CURLOPT_CONNECTTIMEOUT_MS, Int(connectTimeout * 1000))
        _ = ctn_setopt_long(h, CURLOPT_TIMEOUT_MS, Int(timeout * 1000))
        _ = ctn_setopt_long(h, CURLOPT_TCP_NODELAY, 1)
        if let caFile { _ = ctn_setopt_string(h, CURLOPT_CAINFO, caFile) }
        if let caPEM {
            // The pinned CA is the only trust anchor: no CA file, no CA directory of the system.
            _ = ctn_setopt_pointer(h, CURLOPT_CAINFO, nil)
            _ = ctn_setopt_pointer(h, CURLOPT_CAPATH, nil)
            let pem = Array(caPEM.utf8)
            let rc = pem.withUnsafeBufferPointer { b in
                b.withMemoryRebound(to: CChar.self) { ctn_setopt_ca_blob(h, $0.baseAddress, $0.count) }
            }
            guard rc == CURLE_OK else { throw CurlError(code: Int(rc.rawValue), message: "this libcurl cannot pin a CA certificate (CURLOPT_CAINFO_BLOB)") }
        }
        if httpsOnly {
            let a = ctn_setopt_string(h, CURLOPT_PROTOCOLS_STR, "https")
            let b = ctn_setopt_string(h, CURLOPT_REDIR_PROTOCOLS_STR, "https")
            guard a == CURLE_OK, b == CURLE_OK else { throw CurlError(code: Int(a.rawValue), message: "this libcurl cannot restrict protocols to https") }
        }
        _ = ctn_setopt_string(h, CURLOPT_CUSTOMREQUEST, method)
        if method == "HEAD" { _ = ctn_setopt_long(h, CURLOPT_NOBODY, 1) }
        _ = ctn_setopt_write_function(h) { ptr, size, count, user in
            let n = size * count
            let sink = Unmanaged<Sink>.fromOpaque(user!).takeUnretainedValue()
            ptr!.withMemoryRebound(to: UInt8.self, capacity: n) { sink.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: n)) }
            return n
        }
        _ = ctn_setopt_pointer(h, CURLOPT_WRITEDATA, sinkPtr)
        _ = ctn_setopt_header_function(h) { ptr, size, count, user in
            let n = size * count
            let sink = Unmanaged<Sink>.fromOpaque(user!).takeUnretainedValue()
            let line = ptr!.withMemoryRebound(to: UInt8.self, capacity: n) { String(decoding: UnsafeBufferPointer(start: $0, count: n), as: UTF8.self) }
            if let colon = line.firstIndex(of: ":") {
                sink.headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
            }
            return n
        }
        _ = ctn_setopt_pointer(h, CURLOPT_HEADERDATA, sinkPtr)
        var list: UnsafeMutablePointer<curl_slist>? = nil
        for header in headers + (body != nil ? ["Content-Type: application/json"] : []) + ["Expect:"] {
            list = curl_slist_append(list, header)
        }
        defer { curl_slist_free_all(list) }
        _ = ctn_setopt_slist(h, CURLOPT_HTTPHEADER, list)
        let code: CURLcode = (body ?? []).withUnsafeBufferPointer { buf in
            if body != nil {
                _ = ctn_setopt_long(h, CURLOPT_POSTFIELDSIZE, buf.count)
                _ = ctn_setopt_pointer(h, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: buf.baseAddress ?? UnsafePointer(bitPattern: 1)!))
            }
            return curl_easy_perform(h)
        }
        guard code == CURLE_OK else { throw CurlError(code: Int(code.rawValue), message: String(cString: curl_easy_strerror(code))) }
        var status = 0
        _ = ctn_getinfo_long(h, CURLINFO_RESPONSE_CODE, &status)
        return HTTPResult(status: status, headers: sink.headers, body: sink.body)
    }
}

import CCurl
import Foundation
import Synchronization

/// libcurl is initialised once per process, before the first handle.
private let globalInit: Void = { curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()

/// A small blocking HTTP client on the system libcurl. One instance keeps one connection alive;
/// its handle sits behind a mutex, so concurrent requests on one instance wait for each other
/// (make one per thread for parallel requests). Redirects are never followed.
public final class CurlClient: Sendable {
    /// The curl handle and the settings the next request uses.
    struct Connection {
        let handle: UnsafeMutableRawPointer
        var caFile: String?
        var caPEM: String?
        var httpsOnly = false
        var connectTimeout: Double
        var timeout: Double
        var maxBodyBytes = 64 << 20
        var maxHeaderCount = 200
    }

    private let connection: Mutex<Connection>

    /// A CA certificate file to trust (PEM).
    public var caFile: String? {
        get { connection.withLock { $0.caFile } }
        set { connection.withLock { $0.caFile = newValue } }
    }
    /// A CA certificate (PEM) to trust instead of `caFile`: pins one peer's CA.
    public var caPEM: String? {
        get { connection.withLock { $0.caPEM } }
        set { connection.withLock { $0.caPEM = newValue } }
    }
    /// Refuse every scheme but https (node-to-node calls).
    public var httpsOnly: Bool {
        get { connection.withLock { $0.httpsOnly } }
        set { connection.withLock { $0.httpsOnly = newValue } }
    }
    public var connectTimeout: Double {
        get { connection.withLock { $0.connectTimeout } }
        set { connection.withLock { $0.connectTimeout = newValue } }
    }
    public var timeout: Double {
        get { connection.withLock { $0.timeout } }
        set { connection.withLock { $0.timeout = newValue } }
    }
    /// Answers with a larger body are aborted (a peer cannot make this node buffer without bound).
    public var maxBodyBytes: Int {
        get { connection.withLock { $0.maxBodyBytes } }
        set { connection.withLock { $0.maxBodyBytes = newValue } }
    }
    /// Answers with more header lines are aborted.
    public var maxHeaderCount: Int {
        get { connection.withLock { $0.maxHeaderCount } }
        set { connection.withLock { $0.maxHeaderCount = newValue } }
    }

    /// Where libcurl's callbacks put the answer of one request.
    final class Sink {
        var body: [UInt8] = []
        var headers: [String: String] = [:]
        var headerLines = 0
        let maxBody: Int
        let maxHeaders: Int
        /// Set when a limit cut the transfer.
        var overLimit: String?
        init(maxBody: Int, maxHeaders: Int) {
            self.maxBody = maxBody
            self.maxHeaders = maxHeaders
        }
    }

    public init(caFile: String? = nil, connectTimeout: Double = 5, timeout: Double = 30) {
        _ = globalInit
        connection = Mutex(Connection(handle: curl_easy_init(), caFile: caFile, connectTimeout: connectTimeout, timeout: timeout))
    }

    deinit { connection.withLock { curl_easy_cleanup($0.handle) } }

    public func request(_ method: String, _ url: String, headers: [String] = [], body: [UInt8]? = nil) throws -> HTTPResult {
        try connection.withLock { connection throws(CurlError) in try Self.perform(connection, method, url, headers: headers, body: body) }
    }

    private static func perform(
        _ c: Connection, _ method: String, _ url: String, headers: [String], body: [UInt8]?
    ) throws(CurlError) -> HTTPResult {
        let h = c.handle
        curl_easy_reset(h)
        let sink = Sink(maxBody: c.maxBodyBytes, maxHeaders: c.maxHeaderCount)
        let sinkPtr = Unmanaged.passUnretained(sink).toOpaque()
        _ = ctn_setopt_string(h, CURLOPT_URL, url)
        _ = ctn_setopt_long(h, CURLOPT_FOLLOWLOCATION, 0)
        _ = ctn_setopt_long(h, CURLOPT_NOSIGNAL, 1)
        _ = ctn_setopt_long(h, CURLOPT_CONNECTTIMEOUT_MS, Int(c.connectTimeout * 1000))
        _ = ctn_setopt_long(h, CURLOPT_TIMEOUT_MS, Int(c.timeout * 1000))
        _ = ctn_setopt_long(h, CURLOPT_TCP_NODELAY, 1)
        if let caFile = c.caFile { _ = ctn_setopt_string(h, CURLOPT_CAINFO, caFile) }
        if let caPEM = c.caPEM {
            // The pinned CA is the only trust anchor: no CA file, no CA directory of the system.
            _ = ctn_setopt_pointer(h, CURLOPT_CAINFO, nil)
            _ = ctn_setopt_pointer(h, CURLOPT_CAPATH, nil)
            let pem = Array(caPEM.utf8)
            let rc = pem.withUnsafeBufferPointer { b in
                b.withMemoryRebound(to: CChar.self) { ctn_setopt_ca_blob(h, $0.baseAddress, $0.count) }
            }
            guard rc == CURLE_OK else {
                throw CurlError(code: Int(rc.rawValue), message: "this libcurl cannot pin a CA certificate (CURLOPT_CAINFO_BLOB)")
            }
        }
        if c.httpsOnly {
            let a = ctn_setopt_string(h, CURLOPT_PROTOCOLS_STR, "https")
            let b = ctn_setopt_string(h, CURLOPT_REDIR_PROTOCOLS_STR, "https")
            guard a == CURLE_OK, b == CURLE_OK else {
                throw CurlError(code: Int(a.rawValue), message: "this libcurl cannot restrict protocols to https")
            }
        }
        _ = ctn_setopt_string(h, CURLOPT_CUSTOMREQUEST, method)
        if method == "HEAD" { _ = ctn_setopt_long(h, CURLOPT_NOBODY, 1) }
        _ = ctn_setopt_write_function(h) { ptr, size, count, user in
            let n = size * count
            guard let ptr, let user else { return 0 }
            let sink = Unmanaged<Sink>.fromOpaque(user).takeUnretainedValue()
            guard sink.body.count + n <= sink.maxBody else {
                sink.overLimit = "the answer's body is larger than \(sink.maxBody) bytes"
                return 0  // libcurl aborts the transfer
            }
            ptr.withMemoryRebound(to: UInt8.self, capacity: n) { sink.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: n)) }
            return n
        }
        _ = ctn_setopt_pointer(h, CURLOPT_WRITEDATA, sinkPtr)
        _ = ctn_setopt_header_function(h) { ptr, size, count, user in
            let n = size * count
            guard let ptr, let user else { return 0 }
            let sink = Unmanaged<Sink>.fromOpaque(user).takeUnretainedValue()
            sink.headerLines += 1
            guard sink.headerLines <= sink.maxHeaders else {
                sink.overLimit = "the answer has more than \(sink.maxHeaders) header lines"
                return 0
            }
            let line = ptr.withMemoryRebound(to: UInt8.self, capacity: n) {
                String(decoding: UnsafeBufferPointer(start: $0, count: n), as: UTF8.self)
            }
            if let colon = line.firstIndex(of: ":") {
                sink.headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                    in: .whitespacesAndNewlines)
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
        // An empty body still needs a non-null pointer: one spare byte, never read (the size is 0).
        let bytes: [UInt8] = (body ?? []) + [0]
        let code: CURLcode = withExtendedLifetime(sink) {
            bytes.withUnsafeBufferPointer { buf in
                if let body, let base = buf.baseAddress {
                    _ = ctn_setopt_long(h, CURLOPT_POSTFIELDSIZE, body.count)
                    _ = ctn_setopt_pointer(h, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: base))
                }
                return curl_easy_perform(h)
            }
        }
        if let limit = sink.overLimit { throw CurlError(code: Int(code.rawValue), message: limit) }
        guard code == CURLE_OK else { throw CurlError(code: Int(code.rawValue), message: String(cString: curl_easy_strerror(code))) }
        var status = 0
        _ = ctn_getinfo_long(h, CURLINFO_RESPONSE_CODE, &status)
        return HTTPResult(status: status, headers: sink.headers, body: sink.body)
    }
}

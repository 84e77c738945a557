import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A minimal HTTP/1.1 keep-alive client on a blocking socket, for load generation: it does as
/// little work per request as possible so the figures measure the server.
final class LoadConnection {
    private var fd: Int32 = -1
    private var buffer = [UInt8](repeating: 0, count: 65536)
    private var pending: [UInt8] = []

    init(port: UInt16) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = port.bigEndian
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let r = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard r == 0 else { throw BenchError("connect failed: \(errno)") }
    }

    deinit { if fd >= 0 { close(fd) } }

    /// Sends one request and reads the whole response; returns the status and body.
    func roundTrip(_ request: [UInt8]) throws -> (Int, [UInt8]) {
        var sent = 0
        while sent < request.count {
            let n = request[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw BenchError("send failed") }
            sent += n
        }
        var headerEnd: Int? = nil
        while true {
            if headerEnd == nil, let e = find(pending, [13, 10, 13, 10]) { headerEnd = e + 4 }
            if let h = headerEnd {
                let head = String(decoding: pending[..<h], as: UTF8.self)
                let status = Int(head.dropFirst(9).prefix(3)) ?? 0
                var length = 0
                for line in head.split(separator: "\r\n") where line.lowercased().hasPrefix("content-length:") {
                    length = Int(line.dropFirst(15).trimmingCharacters(in: .whitespaces)) ?? 0
                }
                if pending.count >= h + length {
                    let body = Array(pending[h..<(h + length)])
                    pending.removeFirst(h + length)
                    return (status, body)
                }
            }
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { throw BenchError("connection closed") }
            pending.append(contentsOf: buffer[0..<n])
        }
    }

    private func find(_ hay: [UInt8], _ needle: [UInt8]) -> Int? {
        guard hay.count >= needle.count else { return nil }
        for i in 0...(hay.count - needle.count) where hay[i] == needle[0] && hay[i + 1] == needle[1] && hay[i + 2] == needle[2] && hay[i + 3] == needle[3] {
            return i
        }
        return nil
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

func httpRequest(_ method: String, _ path: String, token: String? = nil, body: String? = nil) -> [UInt8] {
    var s = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    if let token { s += "Authorization: Bearer \(token)\r\n" }
    if let body { s += "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)" } else { s += "\r\n" }
    return Array(s.utf8)
}

struct LoadResult {
    var requests: Int
    var seconds: Double
    var latenciesMicros: [Double]
    var errors: Int
    var perSecond: Double { Double(requests) / seconds }
    func percentile(_ p: Double) -> Double {
        let s = latenciesMicros.sorted()
        guard !s.isEmpty else { return 0 }
        return s[min(s.count - 1, Int(Double(s.count - 1) * p))]
    }
}

/// Runs `clients` threads, each with its own connection, for `seconds`; `make(client, i)` gives
/// the i-th request of a client and `check` validates a response.
func runLoad(port: UInt16, clients: Int, seconds: Double, make: @escaping @Sendable (Int, Int) -> [UInt8],
             expect: Int) throws -> LoadResult {
    final class Tally: @unchecked Sendable {
        let lock = NSLock()
        var total = 0, errors = 0
        var latencies: [Double] = []
        var failure: Error?
    }
    let tally = Tally()
    let start = DispatchTime.now().uptimeNanoseconds
    let deadline = start + UInt64(seconds * 1e9)
    let group = DispatchGroup()
    for c in 0..<clients {
        group.enter()
        let t = Thread {
            defer { group.leave() }
            do {
                let conn = try LoadConnection(port: port)
                var mine: [Double] = []
                mine.reserveCapacity(100_000)
                var bad = 0
                var i = 0
                while DispatchTime.now().uptimeNanoseconds < deadline {
                    let req = make(c, i)
                    let t0 = DispatchTime.now().uptimeNanoseconds
                    let (status, _) = try conn.roundTrip(req)
                    mine.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1000)
                    if status != expect { bad += 1 }
                    i += 1
                }
                tally.lock.lock()
                tally.total += mine.count; tally.errors += bad; tally.latencies += mine
                tally.lock.unlock()
            } catch {
                tally.lock.lock(); tally.failure = error; tally.lock.unlock()
            }
        }
        t.stackSize = 1 << 20
        t.start()
    }
    group.wait()
    if let failure = tally.failure { throw failure }
    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    return LoadResult(requests: tally.total, seconds: elapsed, latenciesMicros: tally.latencies, errors: tally.errors)
}

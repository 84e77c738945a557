import CEpoll
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Load from one thread over `clients` keep-alive connections multiplexed with epoll: each
/// connection has one request in flight at a time (closed loop). One thread keeps the load
/// generator's own CPU use small, which matters on a 2-core machine shared with the server.
func runEpollLoad(port: UInt16, clients: Int, seconds: Double, make: (Int, Int) -> [UInt8], expect: Int) throws -> LoadResult {
    struct Conn {
        var fd: Int32
        var buffer: [UInt8] = []
        var started: UInt64 = 0
        var count = 0
    }
    let ep = epoll_create1(0)
    defer { close(ep) }
    var conns: [Conn] = []
    for c in 0..<clients {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
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
        var ev = epoll_event()
        ev.events = UInt32(EPOLLIN.rawValue)
        ev.data.u64 = UInt64(c)
        epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev)
        conns.append(Conn(fd: fd))
    }
    defer { for c in conns { close(c.fd) } }

    func send(_ c: Int) throws {
        let req = make(c, conns[c].count)
        conns[c].started = DispatchTime.now().uptimeNanoseconds
        var sent = 0
        while sent < req.count {
            let n = req[sent...].withUnsafeBytes { Glibc.send(conns[c].fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw BenchError("send failed: \(errno)") }
            sent += n
        }
    }

    /// Returns the status when a whole response is buffered, removing it.
    func complete(_ buf: inout [UInt8]) -> Int? {
        guard buf.count >= 12 else { return nil }
        var end = -1
        var i = 0
        while i + 3 < buf.count {
            if buf[i] == 13, buf[i + 1] == 10, buf[i + 2] == 13, buf[i + 3] == 10 { end = i + 4; break }
            i += 1
        }
        guard end > 0 else { return nil }
        let head = String(decoding: buf[0..<end], as: UTF8.self).lowercased()
        var length = 0
        if let r = head.range(of: "content-length:") {
            length = Int(head[r.upperBound...].prefix { $0 != "\r" }.trimmingCharacters(in: .whitespaces)) ?? 0
        }
        guard buf.count >= end + length else { return nil }
        let status = Int(head.dropFirst(9).prefix(3)) ?? 0
        buf.removeFirst(end + length)
        return status
    }

    var latencies: [Double] = []
    latencies.reserveCapacity(1 << 20)
    var errors = 0
    let start = DispatchTime.now().uptimeNanoseconds
    let deadline = start + UInt64(seconds * 1e9)
    for c in 0..<clients { try send(c) }
    var inFlight = clients
    var events = [epoll_event](repeating: epoll_event(), count: 256)
    var chunk = [UInt8](repeating: 0, count: 65536)
    while inFlight > 0 {
        let n = epoll_wait(ep, &events, Int32(events.count), 1000)
        if n < 0 { if errno == EINTR { continue }; throw BenchError("epoll_wait failed") }
        for k in 0..<Int(n) {
            let c = Int(events[k].data.u64)
            let got = chunk.withUnsafeMutableBytes { recv(conns[c].fd, $0.baseAddress, $0.count, 0) }
            guard got > 0 else { throw BenchError("connection closed by the server") }
            conns[c].buffer.append(contentsOf: chunk[0..<got])
            while let status = complete(&conns[c].buffer) {
                let now = DispatchTime.now().uptimeNanoseconds
                latencies.append(Double(now - conns[c].started) / 1000)
                if status != expect { errors += 1 }
                conns[c].count += 1
                if now < deadline { try send(c) } else { inFlight -= 1 }
            }
        }
    }
    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    return LoadResult(requests: latencies.count, seconds: elapsed, latenciesMicros: latencies, errors: errors)
}

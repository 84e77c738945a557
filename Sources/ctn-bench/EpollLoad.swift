import CEpoll
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Load from one thread over `clients` keep-alive connections multiplexed with epoll: each
/// connection has one request in flight at a time (closed loop). One thread keeps the load
/// generator's own CPU use small, which matters on a 2-core machine shared with the server.
func runEpollLoad(port: UInt16, clients: Int, seconds: Double, make: (Int, Int) -> [UInt8], expect: Int) throws -> LoadResult {
    try runEpollLoad(ports: [port], clients: clients, seconds: seconds, make: make, expect: expect)
}

/// The same over several servers of one node: connection `c` goes to `ports[c % ports.count]`.
func runEpollLoad(ports: [UInt16], clients: Int, seconds: Double, make: (Int, Int) -> [UInt8], expect: Int) throws -> LoadResult {
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
        let fd = try connectLoopback(port: ports[c % ports.count])
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

    /// Returns the status when a whole response is buffered, removing it. Works on bytes: the
    /// load generator must cost the server's machine as little CPU as possible.
    func complete(_ buf: inout [UInt8]) -> Int? {
        let n = buf.count
        guard n >= 16 else { return nil }
        var end = -1
        var length = 0
        var lineStart = 0
        var i = 0
        while i + 1 < n {
            if buf[i] == 13, buf[i + 1] == 10 {
                if i == lineStart {
                    end = i + 2
                    break
                }  // empty line: end of the head
                // "content-length:" case-insensitively (bytes | 0x20 lowercases letters).
                let name = Array("content-length:".utf8)
                if i - lineStart > name.count, (0..<name.count).allSatisfy({ buf[lineStart + $0] | 0x20 == name[$0] | 0x20 }) {
                    var v = 0
                    for k in (lineStart + name.count)..<i where buf[k] >= 48 && buf[k] <= 57 { v = v * 10 + Int(buf[k] - 48) }
                    length = v
                }
                lineStart = i + 2
                i += 2
                continue
            }
            i += 1
        }
        guard end > 0, n >= end + length else { return nil }
        let status = Int(buf[9] - 48) * 100 + Int(buf[10] - 48) * 10 + Int(buf[11] - 48)
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
        if n < 0 {
            if errno == EINTR { continue }
            throw BenchError("epoll_wait failed")
        }
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

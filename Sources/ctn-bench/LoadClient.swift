import Foundation
import Glibc

#if canImport(Glibc)
#endif

/// A minimal HTTP/1.1 keep-alive client on a blocking socket (the benchmark's setup calls).
final class LoadConnection {
    private var fd: Int32 = -1
    private var buffer = [UInt8](repeating: 0, count: 65536)
    private var pending: [UInt8] = []

    init(port: UInt16) throws { fd = try connectLoopback(port: port) }

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
        for i in 0...(hay.count - needle.count)
        where hay[i] == needle[0] && hay[i + 1] == needle[1] && hay[i + 2] == needle[2] && hay[i + 3] == needle[3] {
            return i
        }
        return nil
    }
}

/// A TCP connection to 127.0.0.1:`port` with Nagle off.
func connectLoopback(port: UInt16) throws -> Int32 {
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
    guard r == 0 else {
        close(fd)
        throw BenchError("connect failed: \(errno)")
    }
    return fd
}

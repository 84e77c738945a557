import CurlHTTP
import Foundation
import Testing

/// How a node process ends and what it does with idle connections (issue 10: signals, slow clients).
@Suite("Process lifecycle", .serialized)
struct LifecycleTests {
    /// Sends `signal` to `process` and returns how long it took to exit.
    static func stopTime(_ process: Process, _ signal: Int32) -> TimeInterval {
        let start = Date()
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        return Date().timeIntervalSince(start)
    }

    @Test("ctn serve stops within 10 s on SIGTERM and on SIGINT")
    func serveSignals() throws {
        for signal in [SIGTERM, SIGINT] {
            let node = try NodeProcess(nodeId: "signal-node")
            try node.start()
            #expect(try node.call("GET", "/healthz", token: nil).status == 200)
            let process = try #require(node.process)
            let elapsed = Self.stopTime(process, signal)
            #expect(elapsed < 10, "signal \(signal): \(elapsed) s")
            #expect(!process.isRunning)
        }
    }

    /// A TCP connection to `port` on loopback, or -1.
    static func connectTo(_ port: Int) -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        return connected == 0 ? fd : -1
    }

    /// Whether the node closes `fd` within `seconds` without answering.
    static func closedByPeer(_ fd: Int32, within seconds: Int) -> Bool {
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var buffer = [UInt8](repeating: 0, count: 64)
        return recv(fd, &buffer, buffer.count, 0) == 0
    }

    @Test("Past --max-connections a new connection is closed at once; a freed slot takes the next")
    func connectionCap() throws {
        let node = try NodeProcess(nodeId: "cap-node")
        try node.start(insecure: true, extra: ["--max-connections", "3"])
        defer { node.stop() }
        let held = (0..<3).map { _ in Self.connectTo(node.port) }
        defer { for fd in held.dropFirst() where fd >= 0 { close(fd) } }
        #expect(held.allSatisfy { $0 >= 0 })
        Thread.sleep(forTimeInterval: 0.3)
        let fourth = Self.connectTo(node.port)
        #expect(fourth >= 0, "the kernel accepts; the node closes it")
        #expect(Self.closedByPeer(fourth, within: 3), "the fourth connection is closed without an answer")
        close(fourth)
        close(held[0])
        Thread.sleep(forTimeInterval: 0.3)
        #expect(try node.call("GET", "/healthz", token: nil).status == 200, "a freed slot serves again")
    }

    @Test("A connection that sends nothing is closed after the idle timeout")
    func idleConnection() throws {
        let node = try NodeProcess(nodeId: "idle-node")
        try node.start(insecure: true, extra: ["--idle-timeout", "2"])
        defer { node.stop() }
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(node.port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        #expect(connected == 0)
        // Half a request line, then silence: the node closes the connection (read returns 0).
        _ = "GET /healthz HT".withCString { send(fd, $0, 15, 0) }
        var timeout = timeval(tv_sec: 8, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let start = Date()
        var buffer = [UInt8](repeating: 0, count: 256)
        let n = recv(fd, &buffer, buffer.count, 0)
        let elapsed = Date().timeIntervalSince(start)
        #expect(n == 0, "closed, not answered or timed out (recv gave \(n))")
        #expect(elapsed >= 1.5 && elapsed < 6, "closed after \(elapsed) s with a 2 s idle timeout")
        #expect(try node.call("GET", "/healthz", token: nil).status == 200, "the node still serves others")
    }

    /// Sends `first`, then one of `drip` every 0.4 s until the node closes the connection; the seconds
    /// that took, or nil if the node answered or had not closed it within `seconds`.
    static func trickle(_ fd: Int32, _ first: [UInt8], drip: [UInt8], seconds: Double = 10) -> Double? {
        var timeout = timeval(tv_sec: 0, tv_usec: 400_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let start = Date()
        _ = first.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var buffer = [UInt8](repeating: 0, count: 256)
        while Date().timeIntervalSince(start) < seconds {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n == 0 { return Date().timeIntervalSince(start) }
            if n > 0 { return nil }
            if drip.withUnsafeBytes({ send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) < 0 {
                return Date().timeIntervalSince(start)
            }
        }
        return nil
    }

    @Test("A request head sent a byte at a time is cut at the idle timeout, though bytes keep coming")
    func slowHead() throws {
        let node = try NodeProcess(nodeId: "slow-head-node")
        try node.start(insecure: true, extra: ["--idle-timeout", "2"])
        defer { node.stop() }
        let fd = Self.connectTo(node.port)
        defer { close(fd) }
        let elapsed = Self.trickle(fd, Array("GET /healthz HTTP/1.1\r\nHost: a\r\n".utf8), drip: Array("x".utf8))
        #expect(elapsed.map { $0 >= 1.5 && $0 < 5 } == true, "closed after \(elapsed ?? -1) s with a 2 s idle timeout")
        #expect(try node.call("GET", "/healthz", token: nil).status == 200, "the node still serves others")
    }

    @Test("A TLS handshake that stalls is cut at the idle timeout")
    func stalledHandshake() throws {
        let node = try NodeProcess(nodeId: "slow-tls-node")
        try node.start(extra: ["--idle-timeout", "2"])
        defer { node.stop() }
        let fd = Self.connectTo(node.port)
        defer { close(fd) }
        // The first bytes of a TLS record carrying a ClientHello, then one byte of it every 0.4 s.
        let elapsed = Self.trickle(fd, [0x16, 0x03, 0x01, 0x02, 0x00, 0x01], drip: [0x00])
        #expect(elapsed.map { $0 >= 1.5 && $0 < 5 } == true, "closed after \(elapsed ?? -1) s with a 2 s idle timeout")
        #expect(try node.call("GET", "/healthz", token: nil).status == 200, "the node still serves others")
    }

    @Test("A request body sent a byte at a time is cut at the request timeout")
    func slowBody() throws {
        let node = try NodeProcess(nodeId: "slow-body-node")
        let tenant = try node.addTenant()
        try node.start(insecure: true, extra: ["--request-timeout", "2"])
        defer { node.stop() }
        let fd = Self.connectTo(node.port)
        defer { close(fd) }
        let head = "POST /v1/lots HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer \(tenant.token)\r\nContent-Length: 1000\r\n\r\n"
        let elapsed = Self.trickle(fd, Array(head.utf8), drip: Array(" ".utf8))
        // The idle timeout (30 s) never fires: every byte is activity.
        #expect(elapsed.map { $0 >= 1.5 && $0 < 5 } == true, "closed after \(elapsed ?? -1) s with a 2 s request timeout")
        #expect(try node.call("GET", "/healthz", token: nil).status == 200, "the node still serves others")
    }

    @Test("A body over the limit is answered 413 and the connection is closed")
    func oversizedBody() throws {
        let node = try NodeProcess(nodeId: "big-node")
        let tenant = try node.addTenant()
        try node.start(insecure: true)
        defer { node.stop() }
        let body = Array(repeating: UInt8(ascii: "a"), count: 200_000)
        let r = try CurlClient().request("POST", node.base + "/v1/lots", headers: ["Authorization: Bearer \(tenant.token)"], body: body)
        #expect(r.status == 413)
        #expect(r.headers["connection"] == "close")
        #expect(try node.call("GET", "/healthz", token: nil).status == 200)
    }

    @Test("The federation demo stops its three servers within 10 s on SIGTERM")
    func demoSignal() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ctn-demo-signal-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let p = Process()
        p.executableURL = NodeProcess.binary
        p.arguments = ["federation", "demo", "--data", dir.path, "--port", String(freePort())]
        p.currentDirectoryURL = NodeProcess.root
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        var text = ""
        let deadline = Date().addingTimeInterval(90)
        while Date() < deadline, !text.contains("complete: yes") {
            let d = out.fileHandleForReading.availableData
            if d.isEmpty { break }
            text += String(decoding: d, as: UTF8.self)
        }
        #expect(text.contains("complete: yes"), "\(text)")
        let elapsed = Self.stopTime(p, SIGTERM)
        #expect(elapsed < 10, "demo stopped after \(elapsed) s")
        // Its servers are gone too: each ran with --data under `dir`.
        let ps = Process()
        ps.executableURL = URL(fileURLWithPath: "/usr/bin/pgrep")
        ps.arguments = ["-f", dir.path]
        let listing = Pipe()
        ps.standardOutput = listing
        try ps.run()
        ps.waitUntilExit()
        let left = String(decoding: listing.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(left.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "still running: \(left)")
    }
}

import CTNModel
import Foundation
import Testing

/// Running a node as a service: a backup taken while it writes, restored into another folder with
/// the same keys, verifying with the head it was taken at; one server per data folder; a drain on
/// SIGTERM that finishes the request in flight; JSON log lines carrying the request ID.
@Suite("Operations", .serialized)
struct OperationsTests {
    static func json(_ text: String) throws -> JSONValue { try JSONParser.parse(Array(text.utf8)) }

    @Test("A backup taken under writes restores into a folder with the node's keys and verifies at its own head")
    func backupRestore() throws {
        let node = try NodeProcess(nodeId: "backup-node")
        let (_, token) = try node.addTenant()
        try node.start()
        // Writes go on while the backup is taken.
        let writer = Thread {
            for _ in 0..<150 { _ = try? node.call("POST", "/v1/lots", token: token, ["declaredUnit": "kg"]) }
        }
        writer.start()
        Thread.sleep(forTimeInterval: 0.3)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ctn-backup-\(UUID().uuidString).sqlite")
        defer { try? FileManager.default.removeItem(at: file) }
        let taken = try Self.json(try NodeProcess.ctn(["backup", "--data", node.data.path, "--to", file.path]).out)
        let events = try #require(taken["events"]?.numberValue)
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        // A backup never overwrites a file.
        #expect(try NodeProcess.ctn(["backup", "--data", node.data.path, "--to", file.path], expectSuccess: false).status == 1)
        // No restore under a running server, and no second server on the same folder.
        #expect(try NodeProcess.ctn(["restore", "--data", node.data.path, "--from", file.path], expectSuccess: false).status == 1)
        let second = Process()
        second.executableURL = NodeProcess.binary
        second.arguments = ["serve", "--data", node.data.path, "--port", "0", "--insecure-http"]
        second.currentDirectoryURL = NodeProcess.root
        second.standardOutput = FileHandle.nullDevice
        second.standardError = FileHandle.nullDevice
        try second.run()
        let until = Date().addingTimeInterval(10)
        while second.isRunning, Date() < until { Thread.sleep(forTimeInterval: 0.05) }
        if second.isRunning { second.terminate() }
        second.waitUntilExit()
        #expect(second.terminationReason == .exit && second.terminationStatus == 1, "a second server on one folder must refuse to start")
        while writer.isExecuting { Thread.sleep(forTimeInterval: 0.05) }
        let final = try node.call("GET", "/v1/ledger/head", token: nil).num("seq")
        node.stop()
        #expect(events >= 1 && events <= final, "backup \(events), final \(final)")

        // Another folder with the node's keys (as an operator keeps them apart from backups).
        let restored = FileManager.default.temporaryDirectory.appendingPathComponent("ctn-restored-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: restored, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: restored) }
        for name in ["keys.json", "node.json"] {
            try FileManager.default.copyItem(at: node.data.appendingPathComponent(name), to: restored.appendingPathComponent(name))
        }
        let r = try Self.json(try NodeProcess.ctn(["restore", "--data", restored.path, "--from", file.path]).out)
        #expect(r["headSeq"]?.numberValue == events && r["events"]?.numberValue == events, "\(r)")
        let verified = try Self.json(try NodeProcess.ctn(["ledger", "verify", "--data", restored.path, "--json"]).out)
        #expect(verified["ok"] == .bool(true) && verified["headSeq"]?.numberValue == events)
        #expect(verified["headHash"] == r["headHash"])
        #expect(try NodeProcess.ctn(["log", "verify", "--data", restored.path]).status == 0)

        // A backup of another node (with a signed head) does not verify with these keys, and changes nothing.
        let other = try NodeProcess(nodeId: "other-node")
        let (_, otherToken) = try other.addTenant()
        try other.start()
        #expect(try other.call("POST", "/v1/lots", token: otherToken, ["declaredUnit": "kg"]).status == 201)
        other.stop()
        let otherFile = FileManager.default.temporaryDirectory.appendingPathComponent("ctn-backup-\(UUID().uuidString).sqlite")
        defer { try? FileManager.default.removeItem(at: otherFile) }
        _ = try NodeProcess.ctn(["backup", "--data", other.data.path, "--to", otherFile.path])
        #expect(try NodeProcess.ctn(["restore", "--data", restored.path, "--from", otherFile.path], expectSuccess: false).status == 1)
        let still = try Self.json(try NodeProcess.ctn(["ledger", "verify", "--data", restored.path, "--json"]).out)
        #expect(still["headSeq"]?.numberValue == events && still["ok"] == .bool(true))
    }

    @Test("A backup of a database from before the Merkle log restores, migrated, to the head it had")
    func restoreOlder() throws {
        let fixture = NodeProcess.root.appendingPathComponent("Tests/Fixtures/ledger-before-jansson")
        let source = try NodeProcess(copyOf: fixture)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ctn-backup-\(UUID().uuidString).sqlite")
        defer { try? FileManager.default.removeItem(at: file) }
        _ = try NodeProcess.ctn(["backup", "--data", source.data.path, "--to", file.path])
        let restored = FileManager.default.temporaryDirectory.appendingPathComponent("ctn-restored-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: restored, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: restored) }
        for name in ["keys.json", "node.json"] {
            try FileManager.default.copyItem(at: source.data.appendingPathComponent(name), to: restored.appendingPathComponent(name))
        }
        let r = try Self.json(try NodeProcess.ctn(["restore", "--data", restored.path, "--from", file.path]).out)
        // The figures LedgerFixtureTests checks for this fixture.
        #expect(r["headSeq"] == 22 && r["headHash"] == "dd45b7c15ddba0bfa86ba79cdaf8d9f0e1e8f92684e63824adce8e0030b63044", "\(r)")
        let names = try FileManager.default.contentsOfDirectory(atPath: restored.path)
        #expect(!names.contains("ctn.sqlite.restoring"))
        let log = try Self.json(try NodeProcess.ctn(["log", "verify", "--data", restored.path, "--json"]).out)
        #expect(log["ok"] == .bool(true) && log["size"] == 22 && log["rootHash"] == r["logRoot"], "\(log)")
    }

    /// A TCP connection to the node's plain-HTTP port.
    static func connect(_ port: Int) -> Int32? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let ok = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard ok == 0 else {
            close(fd)
            return nil
        }
        return fd
    }

    static func send(_ fd: Int32, _ text: String) { _ = text.withCString { Glibc.send(fd, $0, strlen($0), Int32(MSG_NOSIGNAL)) } }

    /// Everything the node sends until it closes the connection.
    static func readAll(_ fd: Int32) -> String {
        var out = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            out += buffer[0..<n]
        }
        return String(decoding: out, as: UTF8.self)
    }

    @Test("SIGTERM stops new connections, finishes the request in flight, and exits 0; the write it acknowledged is kept")
    func drain() throws {
        let node = try NodeProcess(nodeId: "drain-node")
        let (_, token) = try node.addTenant()
        try node.start(insecure: true)
        let body = #"{"declaredUnit":"kg"}"#
        let fd = try #require(Self.connect(node.port))
        defer { close(fd) }
        // The head and half the body: the request is in flight when the signal comes.
        Self.send(
            fd,
            "POST /v1/lots HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(token)\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n"
                + String(body.prefix(8)))
        Thread.sleep(forTimeInterval: 0.3)
        let process = try #require(node.process)
        kill(process.processIdentifier, SIGTERM)
        Thread.sleep(forTimeInterval: 0.5)
        #expect(process.isRunning, "the node must wait for the request in flight")
        let refused = Self.connect(node.port)
        #expect(refused == nil, "a draining node takes no new connection")
        if let refused { close(refused) }
        Self.send(fd, String(body.dropFirst(8)))
        let answer = Self.readAll(fd)
        #expect(answer.hasPrefix("HTTP/1.1 201"), "\(answer)")
        let lotId = try #require(answer.split(separator: "\r\n\r\n").last.flatMap { try? Self.json(String($0)) }?["lotId"]?.stringValue)
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(!process.isRunning && process.terminationStatus == 0)
        try node.start(insecure: true)
        #expect(try node.call("GET", "/v1/lots/\(lotId)", token: token).status == 200)
        node.stop()
    }

    @Test("Log lines are JSON objects carrying the request ID the answer returns")
    func jsonLogs() throws {
        let node = try NodeProcess(nodeId: "log-node")
        let (_, token) = try node.addTenant()
        try node.start(insecure: true, extra: ["--log-level", "info"])
        let lot = try node.call("POST", "/v1/lots", token: token, ["declaredUnit": "kg"], headers: ["X-Request-Id": "it-req-42"])
        #expect(lot.status == 201)
        _ = try node.call("GET", "/v1/lots/\(String(repeating: "0", count: 32))", token: token)
        node.stop()
        let lines = node.serverLog.split(separator: "\n").map(String.init)
        let objects = lines.compactMap { try? Self.json($0) }
        #expect(!lines.isEmpty && objects.count == lines.count, "\(lines.filter { (try? Self.json($0)) == nil })")
        let mine = objects.first { $0["request_id"]?.stringValue == "it-req-42" && $0["message"]?.stringValue == "request" }
        #expect(mine?["route"]?.stringValue == "/v1/lots" && mine?["status"]?.stringValue == "201" && mine?["level"]?.stringValue == "info")
        let missing = objects.first { $0["route"]?.stringValue == "/v1/lots/{lotId}" }
        #expect(missing?["status"]?.stringValue == "404" && (missing?["request_id"]?.stringValue.map { $0.count == 32 } ?? false))
        #expect(!node.serverLog.contains(token))
    }
}

import CTNModel
import CurlHTTP
import Foundation
import Testing

/// Runs the real `ctn` executable: administration commands and `ctn serve` on a free loopback port.
final class NodeProcess: @unchecked Sendable {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var binary: URL {
        if let b = ProcessInfo.processInfo.environment["CTN_BIN"] { return URL(fileURLWithPath: b) }
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("ctn")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return root.appendingPathComponent(".build/debug/ctn")
    }

    let data: URL
    /// The node's PostgreSQL database, when its data is not in the folder's SQLite file.
    let database: String?
    /// Whether this process's folder is its own (removed with it) or another's it shares.
    private let ownsData: Bool
    private var server: Process?
    private(set) var port = 0
    private(set) var scheme = "https"
    var base: String { "\(scheme)://127.0.0.1:\(port)" }
    /// The CA the node's certificate chains to (made by `ctn init`).
    var caFile: String { data.appendingPathComponent("tls/ca.pem").path }

    init(nodeId: String, publicURL: String? = nil, database: String? = nil) throws {
        data = FileManager.default.temporaryDirectory.appendingPathComponent("ctn-it-\(UUID().uuidString)")
        self.database = database
        ownsData = true
        _ = try Self.ctn(
            ["init", "--data", data.path, "--node-id", nodeId] + (publicURL.map { ["--public-url", $0] } ?? [])
                + (database.map { ["--database", $0] } ?? []))
    }

    /// Another process of the same node: the same folder and database (PostgreSQL only).
    init(sharing other: NodeProcess) {
        data = other.data
        database = other.database
        ownsData = false
    }

    /// A process of the node in an existing folder (not removed with it).
    init(existing folder: URL, database: String? = nil) {
        data = folder
        self.database = database
        ownsData = false
    }

    /// `--database URL` for the commands that open this node's store.
    var databaseArgs: [String] { database.map { ["--database", $0] } ?? [] }

    /// A node on a copy of an existing data folder (a fixture), its files made private as `ctn init` makes them.
    init(copyOf folder: URL) throws {
        data = FileManager.default.temporaryDirectory.appendingPathComponent("ctn-it-\(UUID().uuidString)")
        database = nil
        ownsData = true
        try FileManager.default.copyItem(at: folder, to: data)
        for file in try FileManager.default.contentsOfDirectory(atPath: data.path) {
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: data.appendingPathComponent(file).path)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: data.path)
    }

    deinit {
        stop()
        if ownsData { try? FileManager.default.removeItem(at: data) }
        try? FileManager.default.removeItem(at: logFile)
    }

    /// Where the server's standard error (its log lines) goes, kept for the test to read.
    let logFile = FileManager.default.temporaryDirectory.appendingPathComponent("ctn-it-\(UUID().uuidString).log")
    /// What the server logged so far.
    var serverLog: String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }

    /// Runs `ctn args…`; returns exit status and standard output.
    @discardableResult
    static func ctn(_ args: [String], env: [String: String] = [:], expectSuccess: Bool = true) throws -> (status: Int32, out: String) {
        let p = Process()
        p.executableURL = binary
        p.arguments = args
        p.currentDirectoryURL = root
        p.environment = ProcessInfo.processInfo.environment.merging(env) { $1 }
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        if expectSuccess, p.terminationStatus != 0 {
            throw NSError(
                domain: "ctn", code: Int(p.terminationStatus),
                userInfo: [NSLocalizedDescriptionKey: "ctn \(args.joined(separator: " ")) failed: \(text)"])
        }
        return (p.terminationStatus, text)
    }

    func addTenant() throws -> (businessId: String, token: String) {
        let v = try JSONParser.parse(Array(try Self.ctn(["tenant", "add", "--data", data.path] + databaseArgs).out.utf8))
        return (try #require(v["businessId"]?.stringValue), try #require(v["token"]?.stringValue))
    }

    /// Serves HTTPS, or plain HTTP with `insecure`.
    func start(insecure: Bool = false, port fixed: Int = 0, extra: [String] = []) throws {
        scheme = insecure ? "http" : "https"
        let p = Process()
        p.executableURL = Self.binary
        // The server ends with this test process even if a test never stops it (shared fixtures).
        p.arguments =
            ["serve", "--data", data.path, "--port", String(fixed), "--exit-with-parent"] + (insecure ? ["--insecure-http"] : [])
            + databaseArgs + extra
        p.currentDirectoryURL = Self.root
        let out = Pipe()
        p.standardOutput = out
        FileManager.default.createFile(atPath: logFile.path, contents: nil)
        p.standardError = try FileHandle(forWritingTo: logFile)
        try p.run()
        server = p
        var text = ""
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let d = out.fileHandleForReading.availableData
            if d.isEmpty { break }
            text += String(decoding: d, as: UTF8.self)
            if let r = text.range(of: "listening on \(scheme)://127.0.0.1:") {
                let digits = text[r.upperBound...].prefix { $0.isNumber }
                if let p = Int(digits), text[r.upperBound...].dropFirst(digits.count).first != nil {
                    port = p
                    return
                }
            }
        }
        throw NSError(
            domain: "ctn", code: 1, userInfo: [NSLocalizedDescriptionKey: "server did not start: \(text) \(serverLog.suffix(2000))"])
    }

    /// The server's process, while it runs.
    var process: Process? { server }

    /// SIGTERM and wait: a graceful stop.
    func stop() {
        guard let p = server, p.isRunning else { return }
        p.terminate()
        p.waitUntilExit()
        server = nil
    }

    struct Reply {
        var status: Int
        var json: JSONValue
        /// Whether the answer came as CBOR.
        var cbor = false
        subscript(_ key: String) -> JSONValue? { json[key] }
        var code: String? { json["code"]?.stringValue }
        func num(_ key: String) -> Double { json[key]?.numberValue ?? .nan }
        func str(_ key: String) -> String { json[key]?.stringValue ?? "" }
    }

    /// Another process of the same node: calls alternate between this one and it.
    var alternate: NodeProcess?
    private var calls = 0

    func call(_ method: String, _ path: String, token: String?, _ body: JSONValue? = nil, headers: [String: String] = [:]) throws -> Reply {
        calls += 1
        let target = calls % 2 == 0 ? (alternate ?? self) : self
        let r = try CurlClient(caFile: caFile).request(
            method, target.base + path,
            headers: (token.map { ["Authorization: Bearer \($0)"] } ?? []) + headers.map { "\($0.key): \($0.value)" },
            body: body.map { Array(CanonicalJSON.encodeOrdered($0).utf8) })
        // A CBOR answer (asked for with `Accept: application/cbor`) is decoded as such.
        let type = r.headers["content-type"]
        return Reply(
            status: r.status, json: (try? CBOR.decodeAnswer(r.body, contentType: type)) ?? .string(r.text), cbor: CBOR.isMediaType(type))
    }
}

/// A TCP port on loopback that nobody listens on right now (for nodes whose public URL must be
/// known before they start, as peers need it).
func freePort() -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    addr.sin_port = 0
    var len = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
    _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
    return Int(UInt16(bigEndian: addr.sin_port))
}

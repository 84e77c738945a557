import CTNPostgres
import Foundation

/// The tests' PostgreSQL server: the one the test command started (`CTN_TEST_POSTGRES_URL`), or a
/// private cluster this process starts with scripts/postgres.sh, and stops when it ends.
public enum PostgresServer {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs scripts/postgres.sh; returns its output.
    @discardableResult
    public static func script(_ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = root.appendingPathComponent("scripts/postgres.sh")
        p.arguments = args
        let out = Pipe()
        p.standardInput = FileHandle.nullDevice
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw PostgresPool.Failure(description: "postgres.sh \(args) failed") }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A cluster of the test's own, in a fresh folder (for tests that stop and start it).
    public static func privateCluster() throws -> (url: String, dir: String) {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("ctn-pg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: parent.path)
        let dir = parent.appendingPathComponent("cluster").path
        return (try script(["start", dir]), dir)
    }

    /// Stops a private cluster and removes its folder.
    public static func discard(_ dir: String) {
        _ = try? script(["stop", dir])
        try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: dir).deletingLastPathComponent().path)
    }

    /// The server's URL, and the folder of the cluster when this process started it.
    static let started: (url: String, dir: String?) = {
        if let url = ProcessInfo.processInfo.environment["CTN_TEST_POSTGRES_URL"] { return (url, nil) }
        guard let (url, dir) = try? privateCluster() else { return ("postgresql://ctn@127.0.0.1:1/no-server-started", nil) }
        atexit { if let dir = PostgresServer.started.dir { PostgresServer.discard(dir) } }
        return (url, dir)
    }()
    public static var shared: String { started.url }

    /// A new database on the shared server for one test (empty, or a copy of `template`); its URL.
    public static func freshDatabase(
        name: String = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""), template: String? = nil
    ) async throws -> PostgresURL {
        let main = try PostgresURL(shared)
        let admin = try PostgresPool(main, maxConnections: 1)
        defer { admin.close() }
        try await admin.createDatabase(name, template: template)
        var url = main
        url.database = name
        return url
    }
}

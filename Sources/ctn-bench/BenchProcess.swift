import Foundation

/// The `ctn` processes a benchmark runs: one-shot commands, and servers on loopback.
enum BenchProcess {
    /// Runs `ctn args…` and returns its standard output; throws when it exits non-zero.
    /// `database`, when given, goes in the environment (`CTN_DATABASE_URL`), not on the command
    /// line where `ps` would show its password.
    static func ctn(_ bin: URL, _ args: [String], database: String? = nil) throws -> String {
        let p = Process()
        p.executableURL = bin
        p.arguments = args
        p.environment = environment(database)
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let d = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw BenchError("ctn \(args.joined(separator: " ")) failed") }
        return String(decoding: d, as: UTF8.self)
    }

    /// `ctn serve` over plain HTTP on a free loopback port, once it says where it listens.
    static func serve(_ bin: URL, data: URL, extra: [String] = [], database: String? = nil) throws -> (Process, UInt16) {
        let p = Process()
        p.executableURL = bin
        p.arguments = ["serve", "--data", data.path, "--port", "0", "--insecure-http"] + extra
        p.environment = environment(database)
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        var text = ""
        while true {
            let d = out.fileHandleForReading.availableData
            guard !d.isEmpty else { throw BenchError("ctn serve on \(data.lastPathComponent) exited") }
            text += String(decoding: d, as: UTF8.self)
            if let r = text.range(of: "listening on http://127.0.0.1:"), let port = UInt16(text[r.upperBound...].prefix { $0.isNumber }),
                text[r.upperBound...].contains(where: { !$0.isNumber })
            {
                return (p, port)
            }
        }
    }

    static func environment(_ database: String?) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        if let database { env["CTN_DATABASE_URL"] = database }
        return env
    }
}

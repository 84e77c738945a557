import ArgumentParser
import CTNModel
import Dispatch
import Foundation

/// `ctn trace LOT`: the carbon chain of a lot, walked by the node across its peers.
struct TraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Trace a lot's carbon chain upstream across nodes, as far as each owner discloses it.")
    @OptionGroup var client: ClientOptions
    @Argument(help: "Lot ID or alias.") var lot: String
    @Option(name: .customLong("lot-node"), help: "The node holding the lot, when it is a peer of the node asked.") var lotNode: String?
    @Option(help: "Give up after this many milliseconds and show what was found.") var deadlineMs: Int?
    @Option(help: "Follow at most this many levels (up to 50).") var maxDepth: Int?

    func run() {
        var query: [String] = []
        if let lotNode { query.append("node=\(lotNode)") }
        if let deadlineMs { query.append("deadlineMs=\(deadlineMs)") }
        if let maxDepth { query.append("maxDepth=\(maxDepth)") }
        let path = "/v1/lots/\(Aliases.resolve(lot))/trace" + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
        // Long walks: say every second how long the node has been walking (on stderr, so that
        // --json output stays clean).
        let started = Date()
        let ticker = DispatchSource.makeTimerSource(queue: DispatchQueue.global())
        ticker.schedule(deadline: .now() + 1, repeating: 1)
        ticker.setEventHandler {
            FileHandle.standardError.write(Data("\rtracing… \(Int(Date().timeIntervalSince(started))) s".utf8))
        }
        ticker.resume()
        let v = client.call("GET", path)
        ticker.cancel()
        if Date().timeIntervalSince(started) >= 1 { FileHandle.standardError.write(Data("\r".utf8)) }
        if client.json {
            client.show(v)
        } else {
            print(Self.render(v), terminator: "")
        }
    }

    /// The tree, one lot per line, with its CFP and the CO2 it brings to its parent.
    static func render(_ v: JSONValue) -> String {
        var out = ""
        func line(_ o: JSONValue, prefix: String, isLast: Bool, isRoot: Bool) {
            let branch = isRoot ? "" : (isLast ? "└─ " : "├─ ")
            var text: String
            if let lot = o["lotId"]?.stringValue {
                text = "lot \(lot) @\(o["node"]?.stringValue ?? "?")"
                if let c = o["co2PerUnit"]?.numberValue { text += "  \(fmt(c)) kg-CO2e/\(o["declaredUnit"]?.stringValue ?? "unit")" }
                if let q = o["quantity"]?.numberValue { text += "  used \(fmt(q)) \(o["unit"]?.stringValue ?? "")" }
                if let c = o["co2"]?.numberValue { text += " → \(fmt(c)) kg-CO2e" }
                if let m = o["materialCO2"]?.numberValue, let p = o["processCO2"]?.numberValue {
                    text += "  [materials \(fmt(m)) + process \(fmt(p))]"
                }
                if o["verified"] == .bool(true) { text += "  ✓ v\(o["version"].map(Output.scalar) ?? "1")" }
                if o["superseded"] == .bool(true) { text += "  (used v\(o["statementVersionUsed"].map(Output.scalar) ?? "?"), superseded)" }
            } else {
                text =
                    "category \(o["category"]?.stringValue ?? "?")  used \(fmt(o["quantity"]?.numberValue ?? 0)) \(o["unit"]?.stringValue ?? "")"
                text += " → \(fmt(o["co2"]?.numberValue ?? 0)) kg-CO2e (dictionary)"
            }
            switch o["breakdown"] {
            case .string(let s)?:
                if o["lotId"] != nil { text += "  [\(s)\(o["reason"]?.stringValue.map { ": \($0)" } ?? "")]" }
            default: break
            }
            out += prefix + branch + text + "\n"
            if case .array(let inputs)? = o["breakdown"] {
                let childPrefix = isRoot ? "" : prefix + (isLast ? "   " : "│  ")
                for (i, c) in inputs.enumerated() { line(c, prefix: childPrefix, isLast: i == inputs.count - 1, isRoot: false) }
            }
        }
        line(v, prefix: "", isLast: true, isRoot: true)
        let complete = v["complete"] == .bool(true)
        out += "\ncomplete: \(complete ? "yes" : "no")"
        if let s = v["stats"] {
            out +=
                "  (\(s["lots"].map(Output.scalar) ?? "?") lots, \(s["levels"].map(Output.scalar) ?? "?") levels, \(s["requests"].map(Output.scalar) ?? "?") requests, \(s["elapsedMs"].map(Output.scalar) ?? "?") ms)"
        }
        out += "\n"
        for u in v["unreachable"]?.arrayValue ?? [] {
            out += "unreachable: \(u["node"]?.stringValue ?? "?"): \(u["reason"]?.stringValue ?? "")\n"
        }
        return out
    }

    static func fmt(_ d: Double) -> String {
        let r = (d * 1e6).rounded() / 1e6
        return CanonicalJSON.number(r)
    }
}

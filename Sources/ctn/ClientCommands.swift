import ArgumentParser
import CTNModel
import CurlHTTP
import Foundation

/// Options every client command takes. The owner's aliases stay in a local file, never sent.
struct ClientOptions: ParsableArguments {
    @Option(help: "Node base URL (or CTN_NODE).") var node: String?
    @Option(help: "Tenant token (or CTN_TOKEN).") var token: String?
    @Option(help: "CA certificate to trust for HTTPS (or CTN_CACERT).") var cacert: String?
    @Flag(help: "Print the node's JSON answer instead of a table.") var json = false

    var baseURL: String {
        (node ?? ProcessInfo.processInfo.environment["CTN_NODE"] ?? "http://127.0.0.1:8080").trimmingCharacters(
            in: CharacterSet(charactersIn: "/"))
    }
    var bearer: String? { token ?? ProcessInfo.processInfo.environment["CTN_TOKEN"] }

    /// Calls the node; prints the answer, or the problem and exits 1.
    func call(_ method: String, _ path: String, body: JSONValue? = nil, needsToken: Bool = true, allowProblem: Bool = false) -> JSONValue {
        let client = CurlClient(caFile: cacert ?? ProcessInfo.processInfo.environment["CTN_CACERT"])
        var headers: [String] = []
        if let t = bearer {
            headers.append("Authorization: Bearer \(t)")
        } else if needsToken {
            fail("no token: pass --token or set CTN_TOKEN")
        }
        let result: HTTPResult
        do {
            result = try client.request(
                method, baseURL + path, headers: headers, body: body.map { Array(CanonicalJSON.encodeOrdered($0).utf8) })
        } catch {
            fail("cannot reach \(baseURL): \(error)")
        }
        guard let v = try? JSONParser.parse(result.body) else { fail("HTTP \(result.status): \(result.text)") }
        if result.status >= 400, !(allowProblem && v["checks"] != nil) {
            if json { Output.print(v, json: true) }
            fail("HTTP \(result.status) \(v["code"].map(Output.scalar) ?? ""): \(v["detail"].map(Output.scalar) ?? result.text)")
        }
        return v
    }

    func show(_ v: JSONValue) { Output.print(v, json: json) }
}

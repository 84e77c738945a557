import CTNModel
import Foundation
import Testing

@Suite("OpenAPI and contract definitions", .serialized)
struct OpenAPITests {
    @Test("GET /openapi.json is valid OpenAPI 3.1 (openapi-spec-validator) and covers every contract")
    func openAPI() throws {
        let node = try NodeProcess(nodeId: "oa-node")
        try node.start()
        let doc = try node.call("GET", "/openapi.json", token: nil)
        let contracts = try node.call("GET", "/v1/contracts", token: nil)
        node.stop()
        #expect(doc["openapi"] == "3.1.0")
        let defs = contracts["contracts"]?.arrayValue ?? []
        let files = try FileManager.default.contentsOfDirectory(atPath: NodeProcess.root.appendingPathComponent("Contracts").path).filter {
            $0.hasSuffix(".json")
        }
        #expect(defs.count == files.count && defs.count >= 13)
        #expect(doc["paths"]?["/v1/lots/{lotId}/trace"]?["get"] != nil && doc["paths"]?["/v1/federation/lots"]?["post"] != nil)
        // Every contract definition appears as an operation at its path and method.
        for d in defs {
            let path = d["path"]?.stringValue ?? ""
            let method = d["method"]?.stringValue?.lowercased() ?? ""
            #expect(doc["paths"]?[path]?[method] != nil, "\(method) \(path)")
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ctn-openapi-\(UUID().uuidString).json")
        try Data(CanonicalJSON.encodeOrdered(doc.json).utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-m", "openapi_spec_validator", file.path]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "openapi-spec-validator: \(text)")
        #expect(text.contains("OK"))
    }
}

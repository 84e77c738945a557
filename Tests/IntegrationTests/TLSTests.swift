import CTNModel
import CurlHTTP
import Foundation
import Testing

@Suite("TLS by default", .serialized)
struct TLSTests {
    @Test("ctn serve speaks HTTPS with the CA made by ctn init; plain HTTP and unpinned clients are refused")
    func https() throws {
        let node = try NodeProcess(nodeId: "tls-node")
        try node.start()
        defer { node.stop() }
        #expect(node.base.hasPrefix("https://"))
        // Pinned to the node's CA: works.
        let ok = try CurlClient(caFile: node.caFile).request("GET", node.base + "/healthz")
        let health = try JSONParser.parse(ok.body)
        #expect(ok.status == 200 && health["nodeId"] == "tls-node")
        // Without the CA (system trust store only): the certificate is not trusted (curl error 60).
        #expect {
            _ = try CurlClient().request("GET", node.base + "/healthz")
        } throws: { ($0 as? CurlError)?.code == 60 }
        // Plain HTTP to the TLS port gets no HTTP answer.
        let plain = try? CurlClient(timeout: 5).request("GET", "http://127.0.0.1:\(node.port)/healthz")
        #expect(plain == nil || plain?.status != 200)
        // The keys behind TLS are private to the node's user.
        for name in ["tls/key.pem", "tls/ca-key.pem"] {
            var st = stat()
            #expect(stat(node.data.appendingPathComponent(name).path, &st) == 0 && st.st_mode & 0o077 == 0, "\(name) is private")
        }
    }

    @Test("--insecure-http serves plain HTTP, for local tests only")
    func insecure() throws {
        let node = try NodeProcess(nodeId: "plain-node")
        try node.start(insecure: true)
        defer { node.stop() }
        #expect(node.base.hasPrefix("http://"))
        #expect(try CurlClient().request("GET", node.base + "/healthz").status == 200)
    }
}

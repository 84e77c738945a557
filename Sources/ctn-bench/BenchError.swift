import Foundation
import Glibc

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

func httpRequest(_ method: String, _ path: String, token: String? = nil, body: String? = nil) -> [UInt8] {
    var s = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    if let token { s += "Authorization: Bearer \(token)\r\n" }
    if let body { s += "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)" } else { s += "\r\n" }
    return Array(s.utf8)
}

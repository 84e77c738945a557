import CCurl
import Foundation
import Synchronization

/// An HTTP answer as libcurl delivered it: status, headers (lowercase names) and body.
public struct HTTPResult: Sendable {
    public var status: Int
    public var headers: [String: String]
    public var body: [UInt8]
    public var text: String { String(decoding: body, as: UTF8.self) }
}

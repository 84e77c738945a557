import CCurl
import Foundation
import Synchronization

/// A transfer libcurl could not complete, with curl's error code and message.
public struct CurlError: Error, CustomStringConvertible, Sendable {
    public var code: Int
    public var message: String
    public var description: String { "curl error \(code): \(message)" }
    public init(code: Int, message: String) {
        self.code = code
        self.message = message
    }
}

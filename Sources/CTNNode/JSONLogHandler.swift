import CTNModel
import Foundation
import Logging

/// Log lines as JSON objects, one a line, on standard error: what log collectors (Loki, Elastic,
/// CloudWatch) read without a parser of their own. Fields: `time` (RFC 3339, UTC, milliseconds),
/// `level`, `label`, `message`, then the metadata (the request's `request_id` among them), written
/// by the project's JSON writer.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    let label: String
    static let lock = NSLock()

    public init(label: String, level: Logger.Level) {
        self.label = label
        self.logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var line = JSONObject()
        line["time"] = .string(Timestamp.format(millis: Timestamp.nowMillis()))
        line["level"] = .string(event.level.rawValue)
        line["label"] = .string(label)
        line["message"] = .string(event.message.description)
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        for (key, value) in merged.sorted(by: { $0.key < $1.key }) where line[key] == nil { line[key] = Self.value(value) }
        let bytes = CanonicalJSON.orderedBytes(.object(line)) + [0x0A]
        Self.lock.lock()
        defer { Self.lock.unlock() }
        FileHandle.standardError.write(Data(bytes))
    }

    static func value(_ v: Logger.Metadata.Value) -> JSONValue {
        switch v {
        case .string(let s): return .string(s)
        case .stringConvertible(let c): return .string(c.description)
        case .array(let a): return .array(a.map(value))
        case .dictionary(let d):
            var o = JSONObject()
            for (key, value) in d.sorted(by: { $0.key < $1.key }) { o[key] = Self.value(value) }
            return .object(o)
        }
    }
}

/// A time window `{"start","end"}`, start before end, in milliseconds since 1970.
public struct TimeWindow: Sendable, Equatable {
    public var start: Int64
    public var end: Int64

    public init(start: Int64, end: Int64) {
        self.start = start
        self.end = end
    }

    public static func optional(_ request: ValidatedRequest, _ name: String) throws(Problem) -> TimeWindow? {
        guard let o = try request.optionalObject(name) else { return nil }
        let w = TimeWindow(start: try o.timestamp("start"), end: try o.timestamp("end"))
        guard w.start < w.end else { throw Problem.invalidValue(o.field("end"), "must be after the window's start") }
        return w
    }

    public static func required(_ request: ValidatedRequest, _ name: String) throws(Problem) -> TimeWindow {
        guard let w = try optional(request, name) else { throw Problem.missingField(request.field(name)) }
        return w
    }

    public var json: JSONValue { ["start": .string(Timestamp.format(millis: start)), "end": .string(Timestamp.format(millis: end))] }
}

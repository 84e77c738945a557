/// The node's route templates and their methods, so that a known path asked with a method it does
/// not take is answered 405 with `Allow` (RFC 9110 section 15.5.6), not 404.
struct KnownRoutes: Sendable {
    private var routes: [(segments: [Substring], methods: Set<String>)] = []

    mutating func add(_ template: String, _ method: String) {
        let segments = Self.segments(template)
        if let index = routes.firstIndex(where: { $0.segments == segments }) {
            routes[index].methods.insert(method.uppercased())
        } else {
            routes.append((segments, [method.uppercased()]))
        }
    }

    /// The methods the routes matching `path` take, sorted; empty for an unknown path.
    func methods(for path: String) -> [String] {
        let asked = Self.segments(path)
        var found = Set<String>()
        for route in routes where route.segments.count == asked.count {
            let matches = zip(route.segments, asked).allSatisfy { template, segment in
                (template.hasPrefix("{") && template.hasSuffix("}") && !segment.isEmpty) || template == segment
            }
            if matches { found.formUnion(route.methods) }
        }
        return found.sorted()
    }

    private static func segments(_ path: String) -> [Substring] {
        path.split(separator: "?", maxSplits: 1).first.map { $0.split(separator: "/", omittingEmptySubsequences: true) } ?? []
    }
}

import CTNEngine
import CTNFederation
import CTNModel
import Foundation

/// A category's statistics across this node and its peers, combined exactly through their
/// sketches (count, contributors and mean exact; median and percentiles from the merged sketch,
/// within its relative accuracy) and shown to the business as published figures.
extension ContractService {
    /// One node's answer: its statistics, or why it gave none.
    typealias NodeAnswer = (node: String, answer: Result<JSONValue, Error>)

    /// `GET /v1/statistics/{category}/network` for the business `acting` (`<id>@<node>`).
    public func networkStatistics(_ name: String, acting: String) async throws -> JSONValue {
        let own = try await localStatistics(name, view: .exact)
        let answers = await peerStatistics(name, acting: acting)
        var merged = QuantileSketch()
        var contributors = 0
        var from: String?
        var to: String?
        var nodes: [JSONValue] = []
        var unreachable: [JSONValue] = []
        var unknownTerms: [JSONValue] = []
        for (id, answer) in [(nodeId, Result<JSONValue, Error>.success(own))] + answers {
            switch answer {
            case .failure(let error):
                unreachable.append(["node": .string(id), "reason": .string(String(describing: error))])
            case .success(let value):
                if let unknown = value["unknownTerm"] {
                    unknownTerms.append(["node": .string(id), "terms": unknown])
                    continue
                }
                guard value["available"] == .bool(true) else {
                    nodes.append(["node": .string(id), "available": false])
                    continue
                }
                guard let sketch = SketchCoding.sketch(value["sketch"] ?? .null), let count = value["contributors"]?.numberValue,
                    let contributorCount = Int(exactly: count), (0...1_000_000_000).contains(contributorCount), value["unit"] == own["unit"]
                else {
                    unreachable.append(["node": .string(id), "reason": "statistics without a usable sketch, or in another unit"])
                    continue
                }
                merged.merge(sketch)
                contributors += contributorCount
                if let first = value["from"]?.stringValue, from.map({ first < $0 }) ?? true { from = first }
                if let last = value["to"]?.stringValue, to.map({ last > $0 }) ?? true { to = last }
                nodes.append([
                    "node": .string(id), "available": true,
                    "contributors": .number(Double(PublishedStatistics.count(contributorCount))),
                    "count": .number(Double(PublishedStatistics.count(sketch.count))),
                    "term": value["category"] ?? .string(name), "mappedFrom": value["mappedFrom"] ?? .null,
                ])
            }
        }
        var o = JSONObject()
        o["category"] = .string(name)
        o["unit"] = own["unit"]
        o["nodes"] = .array(nodes)
        o["unreachable"] = .array(unreachable)
        o["unknownTerm"] = .array(unknownTerms)
        if merged.count > 0, contributors >= CategoryStatistics.minimumContributors {
            o["available"] = true
            o["view"] = .string(StatisticsView.published.rawValue)
            Self.publish(
                &o, contributors: contributors, count: merged.count,
                figures: (merged.mean, merged.quantile(0.5), merged.quantile(0.1), merged.quantile(0.9)))
            o["from"] = .optional(from.map { String($0.prefix(7)) })
            o["to"] = .optional(to.map { String($0.prefix(7)) })
        } else {
            o["available"] = false
        }
        return .object(o)
    }

    /// Every peer's statistics of the category. A peer that does not know the term is asked for
    /// the terms our mappings declare the same; one that knows none of them is reported, never guessed at.
    func peerStatistics(_ name: String, acting: String) async -> [NodeAnswer] {
        let terms = dictionaries.equivalents(name)
        let peers = self.peers
        return await withTaskGroup(of: NodeAnswer.self) { group in
            for peer in peers.peerIds {
                group.addTask {
                    for term in terms {
                        do {
                            let answer = try await peers.send(
                                node: peer, method: "GET", path: "/v1/statistics/\(term)", actingBusiness: acting, idempotent: true,
                                deadline: Date().addingTimeInterval(5))
                            var value = try JSONParser.parse(answer.body).objectValue ?? JSONObject()
                            if term != name { value["mappedFrom"] = .string(name) }
                            return (peer, .success(.object(value)))
                        } catch PeerError.status(_, 422, "unknown_category", _) {
                            continue
                        } catch {
                            return (peer, .failure(error))
                        }
                    }
                    return (peer, .success(["available": false, "unknownTerm": .array(terms.map { .string($0) })]))
                }
            }
            var all: [NodeAnswer] = []
            for await answer in group { all.append(answer) }
            return all.sorted { $0.node < $1.node }
        }
    }

    /// The network's published mean of a category, for a Material Use that asked for it: the
    /// figure the business can read, so that its lot's CFP gives back no more than that.
    func networkIntensity(_ category: String, acting: String) async throws -> NetworkIntensity {
        let stats = try await networkStatistics(category, acting: acting)
        guard stats["available"] == .bool(true), let mean = stats["mean"]?.numberValue else {
            throw Problem.conflict(
                "no_network_intensity",
                "the network has no statistics of \(category) yet (fewer than \(CategoryStatistics.minimumContributors) businesses contributed)",
                field: "intensitySource")
        }
        let nodes = (stats["nodes"]?.arrayValue ?? []).filter { $0["available"] == .bool(true) }.compactMap { $0["node"]?.stringValue }
        let contributors = stats["contributors"]?.numberValue.flatMap { Int(exactly: $0) } ?? 0
        let count = stats["count"]?.numberValue.flatMap { Int(exactly: $0) } ?? 0
        return NetworkIntensity(category: category, mean: mean, contributors: contributors, count: count, nodes: nodes)
    }
}

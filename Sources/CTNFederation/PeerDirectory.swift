import CTNModel
import Crypto
import Foundation

/// The peers a node knows, kept in `<data>/peers.json`. A node talks only to these.
public struct PeerDirectory: Sendable {
    public private(set) var peers: [String: Peer] = [:]

    public init(peers: [Peer] = []) {
        for p in peers { self.peers[p.nodeId] = p }
    }

    public static func file(_ data: URL) -> URL { data.appendingPathComponent("peers.json") }

    public static func load(data: URL) throws -> PeerDirectory {
        let f = file(data)
        guard FileManager.default.fileExists(atPath: f.path) else { return PeerDirectory() }
        return try load(file: f)
    }

    public static func load(file f: URL) throws -> PeerDirectory {
        let v = try JSONParser.parse(try Data(contentsOf: f))
        return PeerDirectory(peers: try (v["peers"]?.arrayValue ?? []).map(Peer.init(json:)))
    }

    public func save(data: URL) throws {
        let list = peers.sorted { $0.key < $1.key }.map { $0.value.json }
        try Data(CanonicalJSON.encodeOrdered(["peers": .array(list)]).utf8).write(to: Self.file(data), options: .atomic)
    }

    public mutating func add(_ p: Peer) { peers[p.nodeId] = p }
    public subscript(nodeId: String) -> Peer? { peers[nodeId] }
}

import ArgumentParser
import CTNModel
import CurlHTTP
import Foundation

/// Local, client-side names for IDs: `<alias>` may stand wherever an ID is asked for.
enum Aliases {
    static var file: URL {
        if let f = ProcessInfo.processInfo.environment["CTN_ALIASES"] { return URL(fileURLWithPath: f) }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".config/ctn/aliases.json")
    }

    static func load() -> [String: String] {
        guard let data = try? Data(contentsOf: file), let v = try? JSONParser.parse(data), case .object(let o) = v else { return [:] }
        return Dictionary(uniqueKeysWithValues: o.pairs.compactMap { k, v in v.stringValue.map { (k, $0) } })
    }

    static func save(_ alias: String, _ id: String) {
        var all = load()
        all[alias] = id
        var o = JSONObject()
        for k in all.keys.sorted() { o[k] = .string(all[k]!) }
        try? FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
        FileManager.default.createFile(
            atPath: file.path, contents: Data(CanonicalJSON.encodeOrdered(.object(o)).utf8),
            attributes: [.posixPermissions: 0o600])
    }

    static func resolve(_ s: String) -> String { ID128(s) != nil ? s : (load()[s] ?? s) }
}

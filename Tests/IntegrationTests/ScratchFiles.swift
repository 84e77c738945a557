import CTNModel
import Foundation

/// A temporary folder for the files a test hands to the CLI, removed with `remove()`.
struct ScratchFiles {
    let folder: URL

    init(_ prefix: String) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// Writes `value` as JSON; returns the file's path.
    func write(_ name: String, _ value: JSONValue) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(CanonicalJSON.encode(value).utf8).write(to: url)
        return url.path
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}

import CTNLedger
import CTNStore
import Foundation

extension ServiceFixture {
    /// The store the fixture runs on.
    static func makeStore(keys: NodeKeys) throws -> any Store {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ctn-service-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return try SQLiteStore(path: dir.appendingPathComponent("ctn.sqlite").path, keys: keys)
    }
}

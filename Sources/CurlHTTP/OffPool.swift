import Foundation

/// Blocking work (libcurl transfers) run on a dispatch thread, so that it never holds a thread of
/// Swift's cooperative pool, on which the server answers requests.
public enum OffPool {
    public static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                do { continuation.resume(returning: try work()) } catch { continuation.resume(throwing: error) }
            }
        }
    }
}

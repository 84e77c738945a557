import CTNStore

/// A write waiting for the writer. `run` executes the caller's body inside the batch's
/// transaction and returns what to tell the caller once the batch is durable; `fail` tells it
/// that its body, or the batch, failed.
package struct WriteJob: Sendable {
    let run: @Sendable (SQLTransaction) throws -> @Sendable () -> Void
    let fail: @Sendable (any Error) -> Void
}

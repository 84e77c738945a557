import CTNLedger
import CTNModel
import CTNStore
import GRDB
import Synchronization

/// The writer's inbox. Callers append under the lock; the writer takes a batch under it.
package struct WriteQueue: Sendable {
    var pending: [WriteJob] = []
    var draining = false
}

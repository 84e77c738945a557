import CTNModel
import Crypto
import CurlHTTP
import Dispatch
import Foundation
import Synchronization

/// A counting semaphore for async code: waiters queue in order, nobody blocks a thread.
actor Limiter {
    private var permits: Int
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(permits: Int) { self.permits = permits }

    func acquire() async {
        if permits > 0 {
            permits -= 1
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        if waiters.isEmpty {
            permits += 1
        } else {
            waiters.removeFirst().resume()
        }
    }
}

import Foundation
import Testing

@testable import CTNFederation

/// The replay store: each nonce once within the window, old minutes forgotten whole, a hard cap.
@Suite("Nonce store")
struct NonceStoreTests {
    @Test("A nonce is accepted once within the window and again only after it")
    func window() {
        var store = NonceStore(window: 600)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(store.insert("a", now: start) == .fresh)
        #expect(store.insert("a", now: start.addingTimeInterval(599)) == .replayed)
        #expect(store.insert("b", now: start.addingTimeInterval(599)) == .fresh)
        // 10 minutes of window plus the bucket rounding (at most 2 minutes): forgotten by then.
        #expect(store.insert("a", now: start.addingTimeInterval(600 + 180)) == .fresh)
        #expect(store.count == 2, "the first minute was dropped whole: b and the new a remain")
    }

    @Test("Past the cap new nonces are refused instead of growing the store")
    func cap() {
        var store = NonceStore(window: 600, capacity: 3)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        for n in ["a", "b", "c"] { #expect(store.insert(n, now: now) == .fresh) }
        #expect(store.insert("d", now: now) == .full)
        #expect(store.insert("a", now: now) == .replayed, "a replay is still named as such")
        #expect(store.insert("d", now: now.addingTimeInterval(900)) == .fresh, "the old minute expired")
    }
}

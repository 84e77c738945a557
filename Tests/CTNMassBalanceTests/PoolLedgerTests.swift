import CTNMassBalance
import Testing

/// Pools replayed by hand: credits as layers, debits from the layer that expires first, never
/// from an expired one; a debit the pool cannot cover at its time is a shortfall.
@Suite("Pool ledger")
struct PoolLedgerTests {
    static let day: Int64 = 86_400_000

    @Test("120 t in, 60 t and 40 t out: 20 t booked and claimable")
    func sums() throws {
        let t = 1_000_000
        let s = try PoolLedger.replay([
            PoolMovement(grams: 120 * 1_000_000, time: 0, seq: 1), PoolMovement(grams: -60 * 1_000_000, time: 10, seq: 2),
            PoolMovement(grams: -40 * 1_000_000, time: 20, seq: 3),
        ])
        #expect(s.booked == Int64(20 * t))
        #expect(s.claimable == Int64(20 * t))
        #expect(s.expired == 0)
    }

    @Test("Sums that would overflow Int64 stop the replay with the peak at Int64.max, never a trap")
    func overflow() throws {
        let big = Int64.max / 2 + 1
        let s = try PoolLedger.replay([PoolMovement(grams: big, time: 0, seq: 1), PoolMovement(grams: big, time: 1, seq: 2)])
        #expect(s.peak == Int64.max)
    }

    @Test("A debit back-dated before the credit it needs is a shortfall, though the total would cover it")
    func backDated() {
        let movements = [PoolMovement(grams: 100, time: 50, seq: 1), PoolMovement(grams: -30, time: 10, seq: 2)]
        #expect(throws: PoolLedger.Shortfall(time: 10, needed: 30, available: 0)) { try PoolLedger.replay(movements) }
    }

    @Test("Debits take the layer expiring first; what expires unclaimed is written off at the cut-off")
    func expiry() throws {
        // A: 50 g expiring on day 30; B: 80 g expiring on day 10; C: 20 g without expiry.
        let m = [
            PoolMovement(grams: 50, time: 0, seq: 1, expiresAt: 30 * Self.day),
            PoolMovement(grams: 80, time: 1, seq: 2, expiresAt: 10 * Self.day),
            PoolMovement(grams: 20, time: 2, seq: 3),
            // Day 5: 100 g out: all of B (80, first to expire), then 20 of A.
            PoolMovement(grams: -100, time: 5 * Self.day, seq: 4),
        ]
        let day20 = try PoolLedger.replay(m, until: 20 * Self.day)
        #expect(day20.booked == 50)
        #expect(day20.claimable == 50)  // A's 30 left and C's 20
        #expect(day20.layers.map(\.grams) == [30, 20])
        #expect(day20.debitExpiry[PoolLedger.Key(seq: 4, index: 0)] == 10 * Self.day)
        let day40 = try PoolLedger.replay(m, until: 40 * Self.day)
        #expect(day40.claimable == 20)
        #expect(day40.expired == 30)
        // On day 31 only C's 20 g can be claimed: 25 g is a shortfall.
        #expect(throws: PoolLedger.Shortfall(time: 31 * Self.day, needed: 25, available: 20)) {
            try PoolLedger.replay(m + [PoolMovement(grams: -25, time: 31 * Self.day, seq: 5)])
        }
    }
}

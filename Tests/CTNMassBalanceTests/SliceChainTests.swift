import CTNLedger
import CTNMassBalance
import Testing

/// Slices an hour long, each hashed over its events and the slice before.
@Suite("Slice chain")
struct SliceChainTests {
    @Test("Slice starts fall on the hour, before 1970 too")
    func starts() {
        #expect(SliceChain.start(of: 7_199_999) == 3_600_000)
        #expect(SliceChain.start(of: 7_200_000) == 7_200_000)
        #expect(SliceChain.start(of: -1) == -3_600_000)
    }

    @Test("A chain verifies; an event dropped, a link broken or a slice reordered is found")
    func tamper() {
        let a = SliceChain.seal(tenant: "t", start: 0, events: ["e1", "e2"], after: nil)
        let b = SliceChain.seal(tenant: "t", start: 7_200_000, events: ["e3"], after: a)
        #expect(a.prevHash == SliceChain.genesis)
        // The hash is SHA-256 of its lines, as written out here.
        #expect(a.hash == LedgerHashing.sha256Hex("ctn-mb-slice-v1\nt\n0\n3600000\n\(SliceChain.genesis)\n2\ne1\ne2"))
        #expect(SliceChain.verify(tenant: "t", [a, b]).isEmpty)
        var dropped = a
        dropped.events = ["e1"]
        #expect(SliceChain.verify(tenant: "t", [dropped, b]).count == 1)
        #expect(!SliceChain.verify(tenant: "t", [b, a]).isEmpty)
        #expect(!SliceChain.verify(tenant: "other", [a, b]).isEmpty)
        var relinked = b
        relinked.prevHash = SliceChain.genesis
        #expect(SliceChain.verify(tenant: "t", [a, relinked]).count == 2)
    }
}

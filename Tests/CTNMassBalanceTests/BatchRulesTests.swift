import CTNMassBalance
import Testing

/// Reconciliation, certified credits and batch status, with the figures worked out by hand.
@Suite("Batch rules")
struct BatchRulesTests {
    static let t: Int64 = 1_000_000  // grams in a tonne

    @Test("200 t PAN at 0.5 gives 100 t expected: 100 t reconciles, 90 t is 10 % off a 2 % tolerance")
    func tolerance() {
        let ok = Reconciliation.Figures(inputs: 200 * Self.t, outputs: 100 * Self.t, losses: 100 * Self.t, factor: 0.5, tolerance: 0.02)
        #expect(ok.expected == 100 * Self.t)
        #expect(Reconciliation.check(ok).isEmpty)
        let off = Reconciliation.Figures(inputs: 200 * Self.t, outputs: 90 * Self.t, losses: nil, factor: 0.5, tolerance: 0.02)
        #expect(abs(off.gap - 0.1) < 1e-12)
        #expect(Reconciliation.check(off).map(\.code) == [.outOfTolerance])
        // Exactly at the tolerance is within it: 98 t against 100 t at 2 %.
        let edge = Reconciliation.Figures(inputs: 200 * Self.t, outputs: 98 * Self.t, losses: nil, factor: 0.5, tolerance: 0.02)
        #expect(Reconciliation.check(edge).isEmpty)
        // Losses that leave 10 t unaccounted for (5 % of the inputs) do not close the mass.
        let open = Reconciliation.Figures(inputs: 200 * Self.t, outputs: 100 * Self.t, losses: 90 * Self.t, factor: 0.5, tolerance: 0.02)
        #expect(Reconciliation.check(open).map(\.code) == [.massNotClosed])
        // Inputs × factor beyond Int64 clamps instead of trapping: 5.76 × 10¹⁷ g × 100 is out of tolerance, not a crash.
        let huge = Reconciliation.Figures(inputs: 576_000_000_000_000_000, outputs: 1, losses: nil, factor: 100, tolerance: 0.02)
        #expect(huge.expected == Int64.max)
        #expect(Reconciliation.check(huge).map(\.code) == [.outOfTolerance])
    }

    @Test("60 t certified PAN at 0.5 gives 30 t certified of 100 t fibre; shared 3:1 between two outputs")
    func credits() {
        let one = CertifiedSplit.split(
            certified: [.init(scheme: "ISCC PLUS", claim: "bio-attributed", grams: 60 * Self.t)], factor: 0.5,
            outputs: [("CF", 100 * Self.t)])
        #expect(one[0].certified == [.init(scheme: "ISCC PLUS", claim: "bio-attributed", grams: 30 * Self.t)])
        #expect(one[0].conventional == 70 * Self.t)
        let two = CertifiedSplit.split(
            certified: [.init(scheme: "S", claim: "", grams: 60 * Self.t)], factor: 0.5, outputs: [("A", 75 * Self.t), ("B", 25 * Self.t)])
        #expect(two.map { $0.certified.first?.grams } == [22_500_000, 7_500_000])
        #expect(two.map(\.conventional) == [52_500_000, 17_500_000])
        // 1 g at 0.5 rounds down to nothing certified; 3 g over three equal outputs leaves no gram unassigned.
        #expect(
            CertifiedSplit.split(certified: [.init(scheme: "S", claim: "", grams: 1)], factor: 0.5, outputs: [("A", 10)])[0].certified
                .isEmpty)
        let thirds = CertifiedSplit.split(
            certified: [.init(scheme: "S", claim: "", grams: 20)], factor: 0.5, outputs: [("A", 10), ("B", 10), ("C", 10)])
        #expect(thirds.reduce(0) { $0 + ($1.certified.first?.grams ?? 0) } == 10)
        // More certified than output (factor above the real yield): capped at the 40 t that came out.
        let capped = CertifiedSplit.split(
            certified: [.init(scheme: "S", claim: "", grams: 100 * Self.t)], factor: 0.5, outputs: [("A", 40 * Self.t)])
        #expect(capped[0].certified.first?.grams == 40 * Self.t)
        #expect(capped[0].conventional == 0)
    }

    @Test("An exception closes only with a correction that reconciles, then a confirming attestation")
    func status() {
        let off = BatchException(.outOfTolerance, "")
        #expect(BatchStatus.derive([.declared([])]).status == .reconciled)
        #expect(BatchStatus.derive([.declared([off])]).status == .exception)
        // An attestation without a correction confirms nothing.
        #expect(BatchStatus.derive([.declared([off]), .attested([])]).status == .exception)
        #expect(BatchStatus.derive([.declared([off]), .corrected([])]).status == .exception)
        let closed = BatchStatus.derive([.declared([off]), .corrected([]), .attested([])])
        #expect(closed.status == .reconciled)
        #expect(closed.exceptions == [BatchStatus.Record(raisedBy: 0, exception: off, correctedBy: 1, closedBy: 2)])
        // A correction that still does not reconcile raises again; the attestation after it closes nothing.
        #expect(BatchStatus.derive([.declared([off]), .corrected([off]), .attested([])]).status == .exception)
        // A correction of a reconciled batch waits for its attestation.
        #expect(BatchStatus.derive([.declared([]), .corrected([])]).status == .awaitingAttestation)
        #expect(BatchStatus.derive([.declared([]), .corrected([]), .attested([])]).status == .reconciled)
        // An attestation that raises reopens a closed batch.
        #expect(BatchStatus.derive([.declared([]), .attested([BatchException(.calibrationInvalid, "")])]).status == .exception)
    }

    @Test("Utilities: output-mass 3:1, time-weighted by the time inside the window, nothing to weigh is nil")
    func utilities() {
        let batches = [
            UtilityAllocation.Batch(outputGrams: 75, start: 0, end: 10), UtilityAllocation.Batch(outputGrams: 25, start: 5, end: 40),
        ]
        #expect(UtilityAllocation.shares(batches, method: .outputMass, window: (0, 20)) == [0.75, 0.25])
        // Inside 0..20: the first 10, the second 15.
        #expect(UtilityAllocation.shares(batches, method: .timeWeighted, window: (0, 20)) == [0.4, 0.6])
        #expect(UtilityAllocation.shares(batches, method: .equal, window: (0, 20)) == [0.5, 0.5])
        #expect(UtilityAllocation.shares(batches, method: .timeWeighted, window: (100, 200)) == nil)
    }
}

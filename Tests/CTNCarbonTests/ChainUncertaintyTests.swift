import CTNCarbon
import Testing

@Suite("Uncertainty down the chain")
struct ChainUncertaintyTests {
    @Test("Independent parts add in quadrature, parts of one source linearly")
    func combine() {
        // Two supplier lots: 6 kg ± 10 % (0.6) and 8 kg ± 5 % (0.4): 14 kg ± √(0.36 + 0.16) = 0.7211.
        let independent = ChainUncertainty.combine([
            .init(value: 6, u: 0.1, source: "lot-a"), .init(value: 8, u: 0.05, source: "lot-b"),
        ])
        #expect(independent.value == 14 && abs(independent.u * 14 - 0.52.squareRoot()) < 1e-12)
        // Two uses of one furnace's intensity (2 kg and 3 kg, ± 10 %) and a lot of 5 kg ± 4 %:
        // (0.2 + 0.3) linearly = 0.5, with 0.2 in quadrature: √(0.25 + 0.04) over 10 kg.
        let shared = ChainUncertainty.combine([
            .init(value: 2, u: 0.1, source: "furnace"), .init(value: 3, u: 0.1, source: "furnace"),
            .init(value: 5, u: 0.04, source: "lot-c"),
        ])
        #expect(shared.value == 10 && abs(shared.u - 0.29.squareRoot() / 10) < 1e-12)
        #expect(ChainUncertainty.combine([]).u == 0)
    }
}

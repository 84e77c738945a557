import CTNEngine
import Testing

@Suite("Published statistics")
struct PublishedStatisticsTests {
    @Test("Figures to two significant digits, half away from zero, as the decimal's nearest double")
    func figures() {
        let cases: [(Double, Double)] = [
            (0.5895, 0.59), (1.214727, 1.2), (1234, 1200), (0.0004449, 0.00044), (-2.25, -2.3), (9.96, 10), (0.7467, 0.75),
            (3.5763, 3.6), (1, 1), (0, 0),
        ]
        for (x, published) in cases { #expect(PublishedStatistics.figure(x) == published, "\(x)") }
        #expect(PublishedStatistics.figure(.infinity) == .infinity)
    }

    @Test("The snapshot and the counts move in steps of five")
    func steps() {
        #expect([0, 4, 5, 9, 10, 14, 15, -1].map(PublishedStatistics.snapshotCount) == [0, 0, 5, 5, 10, 10, 15, 0])
        #expect(PublishedStatistics.count(7) == 5)
    }
}

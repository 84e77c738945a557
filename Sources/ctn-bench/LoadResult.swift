import Foundation
import Glibc

struct LoadResult {
    var requests: Int
    var seconds: Double
    var latenciesMicros: [Double]
    var errors: Int
    var perSecond: Double { Double(requests) / seconds }
    func percentile(_ p: Double) -> Double {
        let s = latenciesMicros.sorted()
        guard !s.isEmpty else { return 0 }
        return s[min(s.count - 1, Int(Double(s.count - 1) * p))]
    }
}

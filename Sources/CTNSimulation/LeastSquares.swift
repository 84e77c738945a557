/// Dense least squares for calibration: column rank, unconstrained solutions by modified
/// Gram-Schmidt QR, and non-negative least squares (Lawson and Hanson's active-set method).
/// Matrices are given by columns; they are small (a meter's machines times their states).
public enum LeastSquares {
    /// Relative size below which a column counts as dependent on the ones before it.
    static let rankTolerance = 1e-9

    /// The number of linearly independent columns.
    public static func rank(_ columns: [[Double]]) -> Int {
        var basis: [[Double]] = []
        for c in columns {
            let norm = c.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard norm > 0 else { continue }
            var v = c
            for q in basis {
                let d = dot(q, v)
                for i in v.indices { v[i] -= d * q[i] }
            }
            let r = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            if r > rankTolerance * norm { basis.append(v.map { $0 / r }) }
        }
        return basis.count
    }

    /// min ‖A z − b‖ over the given columns (assumed independent).
    public static func solve(_ columns: [[Double]], _ b: [Double]) -> [Double] {
        let k = columns.count
        guard k > 0 else { return [] }
        var q = columns
        var r = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
        for j in 0..<k {
            for i in 0..<j {
                let d = dot(q[i], q[j])
                r[i][j] = d
                for t in q[j].indices { q[j][t] -= d * q[i][t] }
            }
            let norm = dot(q[j], q[j]).squareRoot()
            r[j][j] = norm
            if norm > 0 { for t in q[j].indices { q[j][t] /= norm } }
        }
        var z = [Double](repeating: 0, count: k)
        for j in stride(from: k - 1, through: 0, by: -1) {
            var s = dot(q[j], b)
            for i in (j + 1)..<k { s -= r[j][i] * z[i] }
            z[j] = r[j][j] != 0 ? s / r[j][j] : 0
        }
        return z
    }

    /// min ‖A x − b‖ subject to x ≥ 0, by Lawson and Hanson's active set on the normal equations
    /// (AᵀA and Aᵀb are formed once, n·p², so that each step costs p³ whatever the readings).
    public static func nonNegative(_ columns: [[Double]], _ b: [Double], iterations: Int = 500) -> [Double] {
        let p = columns.count
        var gram = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
        for i in 0..<p {
            for j in i..<p {
                let d = dot(columns[i], columns[j])
                gram[i][j] = d
                gram[j][i] = d
            }
        }
        let atb = columns.map { dot($0, b) }
        var x = [Double](repeating: 0, count: p)
        var passive = [Bool](repeating: false, count: p)
        let scale = max(1, atb.reduce(0) { max($0, abs($1)) })
        let tol = 1e-12 * scale * Double(max(p, 1))
        func gradient() -> [Double] {
            (0..<p).map { i in atb[i] - (0..<p).reduce(0.0) { $0 + gram[i][$1] * x[$1] } }
        }
        var outer = 0
        while outer < iterations {
            outer += 1
            let w = gradient()
            var best = -1
            var bestW = tol
            for j in 0..<p where !passive[j] && w[j] > bestW {
                best = j
                bestW = w[j]
            }
            guard best >= 0 else { break }
            passive[best] = true
            var inner = 0
            while inner < iterations {
                inner += 1
                let set = (0..<p).filter { passive[$0] }
                let zSet = solveSymmetric(set.map { i in set.map { gram[i][$0] } }, set.map { atb[$0] })
                var z = [Double](repeating: 0, count: p)
                for (k, j) in set.enumerated() { z[j] = zSet[k] }
                if set.allSatisfy({ z[$0] > 0 }) {
                    x = z
                    break
                }
                var alpha = Double.infinity
                for j in set where z[j] <= 0 {
                    let a = x[j] / (x[j] - z[j])
                    if a < alpha { alpha = a }
                }
                if !alpha.isFinite { alpha = 0 }
                for j in 0..<p { x[j] += alpha * (z[j] - x[j]) }
                for j in set where x[j] <= 1e-15 * max(1, abs(x[j])) {
                    passive[j] = false
                    x[j] = 0
                }
            }
        }
        return x
    }

    /// G z = h for a small symmetric G, by Gaussian elimination with partial pivoting (a singular
    /// pivot leaves its unknown at 0).
    static func solveSymmetric(_ g: [[Double]], _ h: [Double]) -> [Double] {
        let n = h.count
        var a = g
        var r = h
        for c in 0..<n {
            var pivot = c
            for i in (c + 1)..<max(n, c + 1) where abs(a[i][c]) > abs(a[pivot][c]) { pivot = i }
            if pivot != c {
                a.swapAt(pivot, c)
                r.swapAt(pivot, c)
            }
            let d = a[c][c]
            guard d != 0 else { continue }
            for i in (c + 1)..<max(n, c + 1) {
                let f = a[i][c] / d
                guard f != 0 else { continue }
                for k in c..<n { a[i][k] -= f * a[c][k] }
                r[i] -= f * r[c]
            }
        }
        var z = [Double](repeating: 0, count: n)
        for i in stride(from: n - 1, through: 0, by: -1) {
            var s = r[i]
            for k in (i + 1)..<max(n, i + 1) { s -= a[i][k] * z[k] }
            z[i] = a[i][i] != 0 ? s / a[i][i] : 0
        }
        return z
    }

    @inline(__always) static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var s = 0.0
        for i in a.indices { s += a[i] * b[i] }
        return s
    }
}

/// Floating-point functions built only from IEEE-754 basic operations (+ - * / sqrt, exact
/// exponent/significand splitting) in a fixed order, so results are bit-identical on every
/// machine and process. Platform `log` implementations differ in their last bits (glibc,
/// Apple libm, musl), which would make drift statistics and their snapshots machine-dependent.
public enum DeterministicMath {
    private static let ln2 = 0.6931471805599453
    private static let sqrt2 = 1.4142135623730951
    /// 1/1, 1/3, ..., 1/27: the atanh series coefficients, each one correctly-rounded division.
    private static let oddReciprocals: [Double] = stride(from: 27, through: 1, by: -2).map { 1.0 / Double($0) }

    /// Natural logarithm, within a few ULP of the true value; ln(0) = -inf, ln(<0) = NaN.
    public static func ln(_ x: Double) -> Double {
        guard x > 0 else { return x == 0 ? -.infinity : .nan }
        guard x.isFinite else { return x }
        var exponent = Double(Int64(x.exponent))
        var m = x.significand  // [1, 2), exact
        if m > sqrt2 {
            m = m / 2
            exponent = exponent + 1
        }
        // ln(m) = 2 atanh(s) = 2 (s + s^3/3 + s^5/5 + ...), |s| <= 0.1716 so 14 terms reach < 1e-22.
        let s = (m - 1) / (m + 1)
        let s2 = s * s
        var series = 0.0
        for c in oddReciprocals { series = series * s2 + c }
        return exponent * ln2 + 2 * s * series
    }
}

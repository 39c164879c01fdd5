/// Saturating arithmetic on event times (Int64 nanoseconds), so that a window end or a deadline
/// near the edge of the range clamps instead of trapping: bad input must never crash the engine.
enum EventTimeMath {
    @inline(__always)
    static func add(_ a: Int64, _ b: Int64) -> Int64 {
        let (r, o) = a.addingReportingOverflow(b)
        return o ? (b > 0 ? .max : .min) : r
    }

    @inline(__always)
    static func subtract(_ a: Int64, _ b: Int64) -> Int64 {
        let (r, o) = a.subtractingReportingOverflow(b)
        return o ? (b > 0 ? .min : .max) : r
    }

    /// Largest multiple of `step` that is <= `t` (floor division, correct for negative times).
    @inline(__always)
    static func floor(_ t: Int64, toMultipleOf step: Int64) -> Int64 {
        let r = t % step
        return r < 0 ? t - r - step : t - r
    }
}

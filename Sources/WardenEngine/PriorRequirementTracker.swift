/// "B without a preceding A within T" (e.g. an action without a prior allowed intent),
/// correlated by key.
///
/// `require` records a B at time t: satisfied at once if an A with time in `[t - within, t]` was
/// recorded; otherwise it waits, because an A within grace may still arrive late. When the
/// watermark passes t with no such A, `advance` returns it as a violation, by (t, insertion).
/// This is `ObligationTracker` with the window placed before the input instead of after it.
public struct PriorRequirementTracker: Sendable, Equatable {
    var tracker: ObligationTracker

    public init(within: Int64, maxPending: Int = 100_000, maxRememberedPerKey: Int = 1024) throws(EngineConfigError) {
        tracker = try ObligationTracker(within: within, lookback: within, maxPending: maxPending, maxRememberedPerKey: maxRememberedPerKey)
    }

    public var within: Int64 { tracker.within }
    public var watermark: Int64 { tracker.watermark }
    /// The underlying tracker, for its counters (`expiredCount` counts violations).
    public var obligations: ObligationTracker { tracker }

    /// Records an A (the enabling input) for `key`.
    public mutating func recordPrior(key: String, time: Int64) -> ObligationDischargeResult {
        tracker.discharge(key: key, time: time)
    }

    /// `recordPrior(key:time:)`, lowering `scheduled` as `ObligationTracker.discharge(key:time:scheduled:)`.
    mutating func recordPrior(key: String, time: Int64, scheduled: inout Int64) -> ObligationDischargeResult {
        tracker.discharge(key: key, time: time, scheduled: &scheduled)
    }

    /// Records a B that needs an A for `key` at most `within` before it (inclusive).
    public mutating func require(key: String, id: String, time: Int64) -> ObligationOpenResult {
        require(key: key, id: { id }, time: time)
    }

    /// `id` is only called when the requirement stays pending.
    mutating func require(key: String, id: () -> String, time: Int64) -> ObligationOpenResult {
        tracker.open(key: key, id: id, time: time, windowStart: EventTimeMath.subtract(time, tracker.within), deadline: time)
    }

    /// Moves the watermark forward; returns the requirements that ended unmet.
    public mutating func advance(watermark: Int64) -> [Obligation] {
        tracker.advance(watermark: watermark)
    }
}

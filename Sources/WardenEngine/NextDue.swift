// The earliest watermark at which each primitive's `advance(watermark:)` has work beyond
// moving its own watermark forward (closing a window, firing or evicting a deadline, forgetting
// a remembered time, expiring an idle scope); `Int64.max` when it holds nothing that can come
// due. Lazy schedules may hold stale entries, so the value can be earlier than the real next
// work, never later: `RuleRuntime` skips `advance` below it without changing any output.

extension FixedWindowAggregator {
    /// The first open window closes once the watermark reaches its end.
    var nextDue: Int64 { openStarts.first.map { EventTimeMath.add($0, size) } ?? .max }
}

extension SessionWindowAggregator {
    var nextDue: Int64 { schedule.min?.time ?? .max }
}

extension WindowAggregator {
    var nextDue: Int64 { fixed?.nextDue ?? session!.nextDue }
}

extension SequenceMatcher {
    var nextDue: Int64 { schedule.min?.time ?? .max }
}

extension ObligationTracker {
    /// A deadline fires once the watermark is past it; a remembered time is forgotten once the
    /// watermark reaches its scheduled time.
    var nextDue: Int64 {
        min(deadlines.min.map { EventTimeMath.add($0.deadline, 1) } ?? .max, forgetSchedule.min?.time ?? .max)
    }
}

extension IdleKeyTracker {
    /// A key expires once the watermark is more than `idleSpan` past its last activity.
    var nextDue: Int64 {
        schedule.min.map { EventTimeMath.add(EventTimeMath.add($0.time, idleSpan), 1) } ?? .max
    }
}

extension DriftScopes {
    /// Mutating (it changes nothing) so that `DriftDetectors` reaches it in place.
    mutating func nextExpiry() -> Int64 { activity.nextDue }
}

extension DriftDetectors {
    /// Exactly one detector map is set, reached by mutating optional chaining (in place): a
    /// property read through `?.`, or a `!= nil` test, copied it.
    mutating func nextDue() -> Int64 {
        if let due = psi?.nextExpiry() { return due }
        if let due = pageHinkley?.nextExpiry() { return due }
        return cusum!.nextExpiry()
    }
}

// The runtimes answer through a mutating call: `RuleRuntime` reaches them through optional
// chaining, which works in place for a mutating call but may copy the whole runtime (and
// retain its state) for a property read. They change nothing.

extension ThresholdRuntime {
    mutating func nextDue() -> Int64 { windows.nextDue }
}

extension SequenceRuntime {
    mutating func nextDue() -> Int64 { matcher.nextDue }
}

extension AbsenceRuntime {
    mutating func nextDue() -> Int64 { followed?.nextDue ?? preceded!.tracker.nextDue }
}

extension DriftRuntime {
    /// Closing a window, or expiring an idle scope's detector.
    mutating func nextDue() -> Int64 { min(perScope.nextDue, detectors.nextDue()) }
}

/// Stream time for one input partition: the largest event time seen so far.
///
/// Decisions are driven by event time from the log, never by the wall clock. Stream time only
/// moves forward (events and ticks advance it); the *watermark* is stream time minus `grace`, and
/// is what the primitives close windows and fire deadlines against. An event whose time is before
/// the watermark is late beyond grace: it is classified, counted, and handed back to the caller to
/// report; it never changes any primitive's state.
public struct StreamClock: Sendable, Hashable {
    /// How far behind stream time an event may be and still be used (nanoseconds, >= 0).
    public let grace: Int64
    /// Largest event or tick time seen; nil before the first one.
    public internal(set) var streamTime: Int64?
    /// Events that were behind stream time but within grace (used, and counted).
    public internal(set) var lateWithinGraceCount: UInt64 = 0
    /// Events behind the watermark (not used; counted and reported).
    public internal(set) var lateBeyondGraceCount: UInt64 = 0

    public init(grace: Int64) throws(EngineConfigError) {
        try EngineConfigError.require(grace >= 0, "grace", "a duration >= 0 ns", grace)
        self.grace = grace
    }

    /// Stream time minus grace; `Int64.min` before any input, so nothing is late yet.
    public var watermark: Int64 {
        guard let streamTime else { return .min }
        return EventTimeMath.subtract(streamTime, grace)
    }

    /// Classifies an event against the stream time *before* it, then advances stream time.
    public mutating func observe(eventTime: Int64) -> EventTimeliness {
        let timeliness = classify(eventTime)
        switch timeliness {
        case .onTime: streamTime = eventTime
        case .lateWithinGrace: lateWithinGraceCount &+= 1
        case .lateBeyondGrace: lateBeyondGraceCount &+= 1
        }
        return timeliness
    }

    /// A tick carries time only: it advances stream time and is never late (an older tick is a no-op).
    public mutating func tick(_ time: Int64) {
        if streamTime.map({ time > $0 }) ?? true { streamTime = time }
    }

    /// How `eventTime` relates to the current stream time, without changing anything.
    public func classify(_ eventTime: Int64) -> EventTimeliness {
        guard let streamTime, eventTime < streamTime else { return .onTime }
        let behind = EventTimeMath.subtract(streamTime, eventTime)
        return eventTime < watermark ? .lateBeyondGrace(behind: behind) : .lateWithinGrace(behind: behind)
    }
}

/// An event's time relative to stream time when it arrived.
public enum EventTimeliness: Sendable, Hashable {
    /// At or after stream time: stream time moves to it.
    case onTime
    /// Before stream time by `behind` ns, but not before the watermark: still used.
    case lateWithinGrace(behind: Int64)
    /// Before the watermark: not used by any primitive; report it.
    case lateBeyondGrace(behind: Int64)

    public var isUsable: Bool {
        if case .lateBeyondGrace = self { false } else { true }
    }
}

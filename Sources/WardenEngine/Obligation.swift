/// One open obligation: an input that must be matched by a correlated input whose time lies in
/// `[windowStart, deadline]` (both inclusive).
public struct Obligation: Sendable, Hashable {
    /// Insertion number: breaks ties between equal deadlines, in arrival order.
    public let seq: UInt64
    public let key: String
    /// Id of the input that opened it (event id), for the verdict's evidence.
    public let id: String
    /// Event time of the input that opened it.
    public let time: Int64
    public let windowStart: Int64
    public let deadline: Int64

    /// Order of expiry outputs: by deadline, then insertion.
    static func expiryOrder(_ a: Obligation, _ b: Obligation) -> Bool {
        a.deadline != b.deadline ? a.deadline < b.deadline : a.seq < b.seq
    }
}

/// Schedule entry of the deadline queue: (deadline, seq), a total order.
struct DeadlineEntry: Comparable, Sendable {
    let deadline: Int64
    let seq: UInt64

    static func < (a: DeadlineEntry, b: DeadlineEntry) -> Bool {
        a.deadline != b.deadline ? a.deadline < b.deadline : a.seq < b.seq
    }
}

/// What opening an obligation did.
public enum ObligationOpenResult: Sendable, Hashable {
    case late(watermark: Int64)
    /// A correlated input already seen falls in the window: nothing is left open.
    case alreadySatisfied(by: Int64)
    /// Now pending; `evicted` is the obligation dropped (earliest deadline first) to stay within
    /// `maxPending` — report it as unmet, never as satisfied.
    case pending(Obligation, evicted: Obligation?)
}

/// What a discharging input did.
public struct ObligationDischargeResult: Sendable, Hashable {
    public let outcome: IngestOutcome
    /// Obligations it satisfied, in insertion order.
    public let discharged: [Obligation]
}

/// Any window kind behind one interface, so a compiled threshold rule holds one value whatever
/// its `window` says.
public struct WindowAggregator: Sendable, Equatable {
    public let spec: WindowSpec
    // Exactly one is set. Two optionals rather than an enum with payloads so that mutation
    // through optional chaining happens in place (an enum payload would be copied per insert).
    var fixed: FixedWindowAggregator?
    var session: SessionWindowAggregator?

    public init(_ spec: WindowSpec) throws(EngineConfigError) {
        self.spec = spec
        if case .session(let gap, let maxLength) = spec {
            session = try SessionWindowAggregator(gap: gap, maxLength: maxLength)
        } else {
            fixed = try FixedWindowAggregator(spec)
        }
    }

    public var watermark: Int64 { fixed?.watermark ?? session!.watermark }

    /// Adds an input to its window(s) for `key`, or refuses it as late (before the watermark).
    public mutating func insert(key: String, time: Int64, value: Int64 = 0, category: String? = nil) -> IngestOutcome {
        fixed?.insert(key: key, time: time, value: value, category: category)
            ?? session!.insert(key: key, time: time, value: value, category: category)
    }

    /// Moves the watermark forward; returns the windows that closed, by end then key.
    public mutating func advance(watermark: Int64) -> [WindowResult] {
        fixed?.advance(watermark: watermark) ?? session!.advance(watermark: watermark)
    }
}

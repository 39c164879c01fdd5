/// The shape of an event-time window. All durations are nanoseconds.
///
/// Tumbling and hopping windows are half-open `[start, start + size)` with starts at multiples of
/// `step` counted from the Unix epoch. A session is a run of one key's inputs where each input is
/// less than `gap` after the previous one and less than `maxLength` after the session's first;
/// it spans `[first, min(last + gap, first + maxLength))`.
public enum WindowSpec: Sendable, Hashable {
    case tumbling(size: Int64)
    /// Sliding/hopping: a window of `size` starting every `step` (0 < step <= size).
    case hopping(size: Int64, step: Int64)
    case session(gap: Int64, maxLength: Int64)

    /// Hopping windows put one input in `size / step` windows; more than this is a config error.
    public static let maxWindowsPerInput: Int64 = 4096

    public func validate() throws(EngineConfigError) {
        switch self {
        case .tumbling(let size):
            try EngineConfigError.require(size > 0, "window.size", "a duration > 0 ns", size)
        case .hopping(let size, let step):
            try EngineConfigError.require(size > 0, "window.size", "a duration > 0 ns", size)
            try EngineConfigError.require(step > 0 && step <= size, "window.step", "0 < step <= size (\(size) ns)", step)
            try EngineConfigError.require(
                (size - 1) / step + 1 <= Self.maxWindowsPerInput, "window.step",
                "at most \(Self.maxWindowsPerInput) windows per input (size / step)", step)
        case .session(let gap, let maxLength):
            try EngineConfigError.require(gap > 0, "window.gap", "a duration > 0 ns", gap)
            try EngineConfigError.require(maxLength > 0, "window.max_length", "a duration > 0 ns", maxLength)
        }
    }
}

/// One closed window of one key.
public struct WindowResult: Sendable, Hashable {
    public let key: String
    /// First instant in the window (inclusive).
    public let start: Int64
    /// End of the window (exclusive).
    public let end: Int64
    public let aggregate: WindowAggregate

    public init(key: String, start: Int64, end: Int64, aggregate: WindowAggregate) {
        self.key = key
        self.start = start
        self.end = end
        self.aggregate = aggregate
    }

    /// The emission order: by window end, then key in byte order (one key's windows of one spec
    /// never share an end, so this is total).
    public static func emissionOrder(_ a: WindowResult, _ b: WindowResult) -> Bool {
        a.end != b.end ? a.end < b.end : KeyOrder.less(a.key, b.key)
    }
}

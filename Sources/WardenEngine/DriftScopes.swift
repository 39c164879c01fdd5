/// One drift detector per scope (e.g. per agent, or per agent and version), each with its own
/// baseline, created on first use.
///
/// `reset(scope:)` discards a scope's detector so its baseline is learned afresh (a model swap
/// under a per_agent_version scope starts a new scope instead). Scopes idle for longer than
/// `idleSpan` of stream time expire, and at most `maxScopes` are kept (least recently active
/// evicted); both are reported by the calls that cause them.
public struct DriftScopes<Detector: DriftDetector>: Sendable {
    public let config: Detector.Config
    var detectors: StateMap<Detector> = [:]
    var activity: IdleKeyTracker

    public init(config: Detector.Config, idleSpan: Int64, maxScopes: Int = 10_000) throws(EngineConfigError) {
        _ = try Detector(config: config)
        self.config = config
        activity = try IdleKeyTracker(idleSpan: idleSpan, maxKeys: maxScopes)
    }

    public var scopeCount: Int { detectors.count }

    public func detector(for scope: String) -> Detector? { detectors[StateKey(scope)] }

    /// Feeds one window's observation for `scope`, closed at stream time `time`.
    public mutating func observe(scope: String, time: Int64, _ observation: Detector.Observation) -> DriftScopeResult {
        let key = StateKey(scope)
        var detector = detectors.removeValue(forKey: key) ?? (try! Detector(config: config))  // config validated in init
        let signal = detector.observe(observation)
        detectors[key] = detector
        let evicted = activity.touch(scope, at: time)
        if let evicted { detectors[StateKey(evicted)] = nil }
        return DriftScopeResult(signal: signal, evictedScope: evicted)
    }

    /// Starts `scope` over: its next observation begins a new baseline.
    public mutating func reset(scope: String) {
        detectors[StateKey(scope)] = nil
        activity.remove(scope)
    }

    /// Expires scopes idle at stream time `time`; returns them in byte order.
    public mutating func expire(at time: Int64) -> [String] {
        let expired = activity.expire(at: time)
        for scope in expired { detectors[StateKey(scope)] = nil }
        return expired
    }
}

extension DriftScopes: Equatable {
    public static func == (a: Self, b: Self) -> Bool {
        a.config == b.config && a.detectors == b.detectors && a.activity == b.activity
    }
}

public struct DriftScopeResult: Sendable, Hashable {
    public let signal: DriftSignal
    /// The scope dropped to stay within `maxScopes`, if any.
    public let evictedScope: String?
}

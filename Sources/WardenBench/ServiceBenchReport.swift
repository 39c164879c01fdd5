/// What `warden bench service` measures.
public struct ServiceBenchOptions: Sendable {
    public var brokers: String
    public var events: Int
    public var agents: Int
    public var partitions: Int32
    public var topologyFile: String
    public var gateRate: Int
    public var gateSeconds: Int

    public init(brokers: String, events: Int, agents: Int, partitions: Int32, topologyFile: String, gateRate: Int, gateSeconds: Int) {
        (self.brokers, self.events, self.agents, self.partitions) = (brokers, events, agents, partitions)
        (self.topologyFile, self.gateRate, self.gateSeconds) = (topologyFile, gateRate, gateSeconds)
    }
}

public struct ServiceBenchReport: Sendable {
    public let options: ServiceBenchOptions
    /// Input records (simulated events and their ticks).
    public let records: Int
    public let raw: Duration
    /// The raw loop plus the work the formats demand (`FormatFloor`).
    public let floors: Floors
    public let service: Duration
    /// One per intent answered, in arrival order.
    public let gate: [Duration]
    /// The same for the raw relay (the broker's and client's own round trip).
    public let rawGate: [Duration]

    /// The raw loop plus what the formats demand of any implementation, apart and together.
    public struct Floors: Sendable {
        /// Plus an Ed25519 signature per intent (a signed verdict each).
        public let signatures: Duration
        /// Plus an input digest line per record on an evidence topic.
        public let lines: Duration
        /// Plus both: a ceiling for `warden run` on this broker and machine.
        public let both: Duration
    }

    static func perSecond(_ count: Int, _ duration: Duration) -> Double {
        Double(count) / max(duration.seconds, 1e-9)
    }

    public var rawPerSecond: Double { Self.perSecond(records, raw) }
    public var floorPerSecond: Double { Self.perSecond(records, floors.both) }
    public var servicePerSecond: Double { Self.perSecond(records, service) }

    /// The `p`-th percentile (0...100) of the gate latencies in milliseconds, nearest rank.
    public func gatePercentile(_ p: Double, of latencies: [Duration]? = nil) -> Double? {
        let latencies = latencies ?? gate
        guard !latencies.isEmpty else { return nil }
        let sorted = latencies.sorted()
        let rank = min(sorted.count - 1, max(0, Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1))
        return sorted[rank].seconds * 1000
    }

    public var text: String {
        func f(_ value: Double) -> String { String(format: "%.0f", value) }
        func ms(_ value: Double?) -> String { value.map { String(format: "%.2f ms", $0) } ?? "-" }
        let expected = options.gateRate * options.gateSeconds
        func rate(_ duration: Duration) -> String {
            let perSecond = Self.perSecond(records, duration)
            return "\(f(perSecond)) records/s (\(String(format: "%.2f", perSecond / rawPerSecond))x raw)"
        }
        return """
            warden bench service: \(records) records (\(options.events) events + ticks), \(options.partitions) partitions, \(options.topologyFile)
              raw consume+produce (same consumer/producer settings): \(f(rawPerSecond)) records/s
              raw + an Ed25519 signature per intent:                \(rate(floors.signatures))
              raw + an input digest line per record:                \(rate(floors.lines))
              format floor (raw + both):                            \(rate(floors.both))
              warden run (decide + evidence + outputs):             \(f(servicePerSecond)) records/s
              ratio warden/raw: \(String(format: "%.2f", servicePerSecond / rawPerSecond))x  (target >= 0.5x); warden/floor: \(String(format: "%.2f", servicePerSecond / floorPerSecond))x
            gate: \(options.gateRate) intents/s for \(options.gateSeconds) s, intent produced to answer read back
              raw relay (copies each intent to the verdicts topic): \(rawGate.count) of \(expected) back, p50 \(ms(gatePercentile(50, of: rawGate)))  p99 \(ms(gatePercentile(99, of: rawGate)))  max \(ms(gatePercentile(100, of: rawGate)))
              warden run (signed verdict):                          \(gate.count) of \(expected) back, p50 \(ms(gatePercentile(50)))  p99 \(ms(gatePercentile(99)))  max \(ms(gatePercentile(100)))  (target p99 <= 10 ms)
            """
    }
}

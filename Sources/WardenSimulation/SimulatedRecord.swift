import WardenEvents

/// One output line / Kafka record: the event's exact bytes and its record key.
public struct SimulatedRecord: Sendable, Hashable {
    /// 1-based line number in the output.
    public let line: Int
    public let id: String
    /// `agent.id`; nil for ticks, which carry no agent.
    public let key: String?
    /// The event's JSON bytes (no newline).
    public let value: [UInt8]
    public let time: EventTime
}

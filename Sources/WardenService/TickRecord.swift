import WardenEvents
import WardenJSON
import WardenKafka

/// The `tick` records `warden run` writes into the input partitions it owns, so absence
/// deadlines and window closes fire for quiet agents. The time comes from this instance's wall
/// clock, but once written the tick is part of the log: replay sees the same time.
enum TickRecord {
    /// A schema v1 tick for `partition` at `wallMs`, without a key (ticks belong to no agent).
    static func record(for partition: TopicPartition, wallMs: Int64, source: String) -> KafkaProducerRecord {
        let time = EventTime(nanosecondsSinceEpoch: wallMs * 1_000_000)
        let event: JSONValue = [
            "id": .string("tick-\(source)-\(partition.topic)-\(partition.partition)-\(wallMs)"),
            "kind": .string(EventKind.tick.rawValue),
            "schema": .string(EventFieldCatalog.schemaVersion),
            "tick": ["source": .string(source)],
            "time": .string(time.rfc3339),
        ]
        return KafkaProducerRecord(topic: partition.topic, partition: partition.partition, key: nil, value: JSONWriter.bytes(event))
    }
}

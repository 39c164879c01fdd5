import WardenEngine
import WardenKafka

extension EngineInput {
    /// A consumed record as the engine's input: the same bytes, a null value or header value
    /// read as empty (the engine digests and decodes bytes, and null is not an event).
    public init(_ record: KafkaRecord) {
        self.init(
            topic: record.topic, partition: record.partition, offset: record.offset, key: record.key, value: record.value ?? [],
            headers: record.headers.map { ($0.name, $0.value ?? []) })
    }
}

/// A batch `KafkaProducer.startBatch` has handed to librdkafka: await `delivered()` once for
/// its report (it first hands over any records a full queue refused at the start).
public final class ProducingBatch: Sendable {
    let producer: KafkaProducer
    let delivery: BatchDelivery
    /// Records handed to librdkafka (or refused for good) by `startBatch`.
    let handedOver: Int
    /// From the first record a full queue refused on: handed over by `delivered()`.
    let rest: [KafkaProducerRecord]

    init(producer: KafkaProducer, delivery: BatchDelivery, handedOver: Int, rest: [KafkaProducerRecord]) {
        (self.producer, self.delivery, self.handedOver, self.rest) = (producer, delivery, handedOver, rest)
    }

    /// Every record's fate: returns when each is delivered or has failed.
    public func delivered() async -> BatchDeliveryReport { await producer.finish(self) }
}

import Foundation
import WardenKafka

/// `warden bench kafka`: Warden's producer and group consumer against kcat, same broker, same
/// librdkafka, same settings, in the same run. Each round produces N records with each client
/// (into separate topics), then both clients group-consume Warden's topic.
public enum KafkaBench {
    public static func run(_ options: KafkaBenchOptions, progress: @Sendable (String) -> Void) async throws -> KafkaBenchReport {
        let input = try KcatRunner.writeInput(options)
        defer { try? FileManager.default.removeItem(atPath: input) }
        let admin = try KafkaAdmin(config: KafkaConfig(bootstrapServers: options.brokers))
        let run = UUID().uuidString.prefix(8).lowercased()
        var rounds: [KafkaBenchReport] = []
        for round in 1...max(options.rounds, 1) {
            let wardenTopic = "bench-warden-\(run)-\(round)"
            let kcatTopic = "bench-kcat-\(run)-\(round)"
            for topic in [wardenTopic, kcatTopic] {
                try await admin.createTopic(NewTopic(name: topic, partitions: options.partitions))
            }
            progress("round \(round): produce with Warden")
            let wardenProduce = try await produceWithWarden(options, topic: wardenTopic)
            progress("round \(round): produce with kcat")
            let kcatProduce = try await KcatRunner.produce(options, topic: kcatTopic, input: input)
            try await expectCount(options, topic: kcatTopic)
            progress("round \(round): group-consume with Warden")
            let wardenConsume = try await consumeWithWarden(options, topic: wardenTopic, group: "\(wardenTopic)-warden")
            progress("round \(round): group-consume with kcat")
            let kcatConsume = try await KcatRunner.consume(options, topic: wardenTopic, group: "\(wardenTopic)-kcat")
            rounds.append(KafkaBenchReport(
                options: options, wardenProduce: wardenProduce, kcatProduce: kcatProduce,
                wardenConsume: wardenConsume.afterJoin, kcatConsume: kcatConsume.afterJoin,
                wardenConsumeWithJoin: wardenConsume.withJoin, kcatConsumeWithJoin: kcatConsume.withJoin))
        }
        return best(of: rounds)
    }

    private static func best(of rounds: [KafkaBenchReport]) -> KafkaBenchReport {
        func top(_ figure: (KafkaBenchReport) -> KafkaBenchFigure) -> KafkaBenchFigure {
            rounds.map(figure).max { $0.perSecond < $1.perSecond }!
        }
        var report = rounds[0]
        report.wardenProduce = top(\.wardenProduce)
        report.kcatProduce = top(\.kcatProduce)
        report.wardenConsume = top(\.wardenConsume)
        report.kcatConsume = top(\.kcatConsume)
        report.wardenConsumeWithJoin = top(\.wardenConsumeWithJoin)
        report.kcatConsumeWithJoin = top(\.kcatConsumeWithJoin)
        return report
    }

    /// Timed from creating the producer to the last delivery report (close included), as kcat's
    /// figure is from process start to exit.
    private static func produceWithWarden(_ options: KafkaBenchOptions, topic: String) async throws -> KafkaBenchFigure {
        let value = options.value
        let clock = ContinuousClock()
        let start = clock.now
        let producer = try KafkaProducer(config: KafkaConfig(bootstrapServers: options.brokers).merging(KafkaConfig(options.producerProperties)))
        let report = try await producer.sendBatch((0..<options.messages).lazy.map {
            KafkaProducerRecord(topic: topic, key: KafkaBenchOptions.key($0), value: value)
        })
        await producer.close()
        let elapsed = clock.now - start
        guard report.allDelivered else {
            throw BenchError("Warden delivered \(report.delivered) of \(options.messages): \(report.failures.first.map { "\($0.error)" } ?? "")")
        }
        return KafkaBenchFigure(messages: options.messages, seconds: elapsed.seconds)
    }

    private static func consumeWithWarden(_ options: KafkaBenchOptions, topic: String, group: String) async throws -> ConsumeTiming {
        let config = KafkaConfig(bootstrapServers: options.brokers).with("group.id", group).merging(KafkaConfig(options.consumerProperties))
        let consumer = try KafkaConsumer(config: config)
        var timing = ConsumeTiming(expected: options.messages)
        try consumer.subscribe([topic])
        while !timing.done {
            let batch = try await consumer.poll(maxRecords: 10_000, timeout: .milliseconds(100))
            try timing.received(batch.count)
        }
        await consumer.close()
        return timing
    }

    /// Counts a topic's records with Warden (assigned, no group), so kcat's produce figure is
    /// known to cover every record.
    private static func expectCount(_ options: KafkaBenchOptions, topic: String) async throws {
        let consumer = try KafkaConsumer(config: KafkaConfig(bootstrapServers: options.brokers).with("group.id", "\(topic)-count"))
        try consumer.assign((0..<options.partitions).map { TopicPartitionOffset(topic, $0, offset: KafkaOffset.beginning) })
        var timing = ConsumeTiming(expected: options.messages)
        while !timing.done {
            try timing.received(try await consumer.poll(maxRecords: 10_000, timeout: .milliseconds(100)).count)
        }
        await consumer.close()
    }
}

/// Arrival times of a consume run: from start, of the first records, of the last.
///
/// The after-join rate stops the clock `tail` records before the end: kcat writes to a pipe
/// through a 4 KiB stdio buffer, so its last few hundred lines arrive only when it exits, after
/// leaving the group. Both clients are measured the same way.
struct ConsumeTiming {
    let expected: Int
    let clock = ContinuousClock()
    let start: ContinuousClock.Instant
    var first: (at: ContinuousClock.Instant, count: Int)?
    var nearlyDone: (at: ContinuousClock.Instant, count: Int)?
    var count = 0
    var end: ContinuousClock.Instant?
    var tail: Int { min(1000, expected / 10) }
    /// A run that stalls this long has lost records: fail rather than wait forever.
    static let limit = Duration.seconds(120)

    init(expected: Int) {
        self.expected = expected
        start = clock.now
    }

    var done: Bool { count >= expected }

    mutating func received(_ records: Int) throws {
        let now = clock.now
        if records > 0, first == nil { first = (now, records) }
        count += records
        if nearlyDone == nil, count >= expected - tail { nearlyDone = (now, count) }
        if done { end = now }
        guard done || now - start < Self.limit else {
            throw BenchError("consumed only \(count) of \(expected) records in \(Self.limit)")
        }
    }

    /// Records after the first batch over the time after it: the group join excluded.
    var afterJoin: KafkaBenchFigure {
        guard let first, let nearlyDone else { return KafkaBenchFigure(messages: 0, seconds: 0) }
        return KafkaBenchFigure(messages: nearlyDone.count - first.count, seconds: (nearlyDone.at - first.at).seconds)
    }

    var withJoin: KafkaBenchFigure {
        KafkaBenchFigure(messages: count, seconds: ((end ?? start) - start).seconds)
    }
}

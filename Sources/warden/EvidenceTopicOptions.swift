import ArgumentParser
import Foundation
import WardenEvidence
import WardenKafka
import WardenReplay

/// Where `warden verify` and `warden evidence export` read evidence from when it is on Kafka.
struct EvidenceTopicOptions: ParsableArguments {
    @Option(help: "Kafka bootstrap servers (HOST:PORT[,…]): read the evidence from --topic instead of a file.")
    var brokers: String?

    @Option(help: "Evidence topic to read (records keyed by chain id, one evidence line each).")
    var topic: String?

    @Option(help: "Partition of the evidence topic.")
    var partition: Int32 = 0

    @Option(name: .customLong("from-offset"), help: "First evidence topic offset of the range (default: the partition's start).")
    var fromOffset: Int64?

    @Option(name: .customLong("to-offset"), help: "End of the range, exclusive (default: the partition's end).")
    var toOffset: Int64?

    @Option(name: .customLong("from-time"), help: "Start of the range by broker time: milliseconds since the Unix epoch or ISO 8601 (2026-11-21T15:00:00Z).")
    var fromTime: String?

    @Option(name: .customLong("to-time"), help: "End of the range by broker time, exclusive (same forms as --from-time).")
    var toTime: String?

    @Option(name: .customShort("X"), help: ArgumentHelp("A librdkafka property key=value, applied after the defaults (repeatable, as in kcat).", valueName: "key=value"))
    var properties: [String] = []

    @Option(help: "Seconds to wait for each broker answer before giving up (exit 2).")
    var timeout: Int = 10

    /// True when the evidence is to be read from Kafka.
    var isSet: Bool { brokers != nil || topic != nil }

    var waitLimit: Duration { .seconds(max(timeout, 1)) }

    func config() throws(EvidenceError) -> KafkaConfig {
        guard let brokers else { throw .usage("--topic needs --brokers HOST:PORT") }
        var config = KafkaConfig(bootstrapServers: brokers)
        for property in properties {
            guard let equals = property.firstIndex(of: "="), equals != property.startIndex else {
                throw .usage("-X \(property): expected key=value")
            }
            config.set(String(property[..<equals]), String(property[property.index(after: equals)...]))
        }
        return config
    }

    func range() throws(EvidenceError) -> EvidenceTopicRange {
        let byOffset = fromOffset != nil || toOffset != nil
        let byTime = fromTime != nil || toTime != nil
        guard !(byOffset && byTime) else { throw .usage("give --from-offset/--to-offset or --from-time/--to-time, not both") }
        guard byTime else { return .offsets(from: fromOffset, to: toOffset) }
        return .times(fromMs: try fromTime.map(Self.milliseconds), toMs: try toTime.map(Self.milliseconds))
    }

    func reader() throws(EvidenceError) -> PartitionReader {
        do { return try PartitionReader(config: config()) } catch let error as EvidenceError { throw error } catch {
            throw .usage("Kafka client settings: \(error)")
        }
    }

    /// Reads and selects the evidence; the reader is returned for re-reading inputs.
    func load() async throws(EvidenceError) -> (KafkaEvidenceLogSource, PartitionReader) {
        guard let topic else { throw .usage("--brokers needs --topic EVIDENCE_TOPIC") }
        let reader = try reader()
        let source = try await KafkaEvidenceLogSource.load(reader: reader, partition: TopicPartition(topic, partition), range: range(), timeout: waitLimit)
        return (source, reader)
    }

    private static func milliseconds(_ text: String) throws(EvidenceError) -> Int64 {
        if let ms = Int64(text) { return ms }
        guard let date = ISO8601DateFormatter().date(from: text) else {
            throw .usage("\(text): expected milliseconds since the Unix epoch or an ISO 8601 time such as 2026-11-21T15:00:00Z")
        }
        return Int64((date.timeIntervalSince1970 * 1000).rounded())
    }
}

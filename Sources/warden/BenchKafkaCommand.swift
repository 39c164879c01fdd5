import ArgumentParser
import Foundation
import WardenBench

/// `warden bench kafka`: Warden's Kafka client beside kcat on the same broker and librdkafka.
struct BenchKafkaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kafka",
        abstract: "Produce and group-consume N keyed records with Warden and with kcat; print msg/s and the ratio.",
        discussion: """
            Both clients use the librdkafka on LD_LIBRARY_PATH (source scripts/env), \
            enable.idempotence=false and the same compression.type. Consume figures are given \
            after the group join (first record to last) and including it. scripts/bench-kafka \
            builds, starts a broker and runs this.
            """
    )

    @Option(help: "Kafka bootstrap servers.")
    var brokers: String

    @Option(help: "Records per client and phase.")
    var messages = 1_000_000

    @Option(help: "Value size in bytes.")
    var size = 300

    @Option(help: "Partitions of each benchmark topic.")
    var partitions: Int32 = 4

    @Option(help: "compression.type for both producers (lz4, none, ...).")
    var compression = "lz4"

    @Option(help: "The kcat executable.")
    var kcat = "kcat"

    @Option(help: "Rounds; the best figure of each kind is reported.")
    var rounds = 1

    func validate() throws {
        guard messages > 0, size > 0, partitions > 0, rounds > 0 else {
            throw ValidationError("--messages, --size, --partitions and --rounds must be positive")
        }
    }

    func run() async throws {
        let options = KafkaBenchOptions(
            brokers: brokers, messages: messages, size: size, partitions: partitions,
            compression: compression, kcat: kcat, rounds: rounds)
        let report = try await KafkaBench.run(options) { line in
            FileHandle.standardError.write(Data("[bench kafka] \(line)\n".utf8))
        }
        print(report.text)
    }
}

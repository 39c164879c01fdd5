import ArgumentParser
import Foundation
import WardenKafka
import WardenService

/// `warden topics ensure`: create the service's missing output topics and check the rest.
struct TopicsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topics",
        abstract: "Create and check the Kafka topics of the `warden run` service.",
        subcommands: [TopicsEnsureCommand.self]
    )
}

struct TopicsEnsureCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ensure",
        abstract: "Create missing output topics; check input topics exist and partition counts suffice.",
        discussion: """
            Idempotent: a second run creates nothing. Input topics are never created. Exit \
            status: 0 all topics present, 1 a problem (missing input, too few partitions, Kafka \
            error) or configuration errors, 2 the configuration file cannot be read.
            """
    )

    @Option(name: .long, help: "The service configuration YAML file.")
    var config: String

    func run() async throws {
        guard let settings = try ConfigExit.load(config).config else { throw ConfigExit.problems }
        let reports: [TopicReport]
        do {
            let admin = try KafkaAdmin(config: settings.kafka.adminConfig)
            reports = try await TopicBootstrapper(admin: admin).ensure(TopicPlan(settings))
        } catch {
            ConfigExit.printError("error: \(error)")
            throw ConfigExit.problems
        }
        print(Self.table(reports))
        if reports.contains(where: \.isProblem) { throw ConfigExit.problems }
    }

    /// Columns ROLE, TOPIC, STATUS, DETAIL, padded to the widest entry.
    static func table(_ reports: [TopicReport]) -> String {
        let rows = [["ROLE", "TOPIC", "STATUS", "DETAIL"]] + reports.map { [$0.role, $0.name, $0.statusWord, $0.detail] }
        let widths = (0..<3).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            (0..<3).map { row[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
                + "  " + row[3]
        }.joined(separator: "\n")
    }
}

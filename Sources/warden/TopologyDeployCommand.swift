import ArgumentParser
import Foundation
import WardenService
import WardenTopology

/// `warden topology deploy`: hot-deploys a new version of the running topology through the log.
struct TopologyDeployCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deploy",
        abstract: "Deploy a new version of the running topology at a point in the input log.",
        discussion: """
            Checks FILE, then writes one deployment control record (header warden-control: \
            deploy, value = FILE's exact bytes, header warden-deployed-by) into every partition \
            of every input topic of the configuration. Each partition task of warden run switches \
            at that record's offset: it records topology_deployed (the source, its SHA-256, who \
            deployed it) before deciding anything under it; rule state starts empty, stream time \
            goes on. A version that does not load, or whose metadata.name differs from the running \
            one (a new name means new chains: start it as a new deployment), is recorded as \
            deploy_rejected and the previous version keeps deciding. Replays see the same switch \
            at the same offset. Exit status: 0 written, 1 FILE has errors or Kafka failed, 2 \
            configuration or file unreadable.
            """
    )

    @Option(name: .long, help: "The service configuration YAML file (its input topics receive the record).")
    var config: String

    @Argument(help: "The topology file to deploy.")
    var file: String

    @Option(name: .long, help: "Who deploys it (recorded in evidence as deployed_by).")
    var by: String = ProcessInfo.processInfo.environment["USER"] ?? "unknown"

    func run() async throws {
        guard let settings = try ConfigExit.load(config).config else { throw ConfigExit.problems }
        guard let data = FileManager.default.contents(atPath: file) else {
            ConfigExit.printError("\(file): error: cannot read the topology file")
            throw ConfigExit.usageOrIO
        }
        let result = TopologyLoader.load(source: Array(data))
        guard result.topology != nil else {
            for diagnostic in result.diagnostics { ConfigExit.printError(diagnostic.formatted(file: file)) }
            ConfigExit.printError("\(file): has errors; not deployed")
            throw ConfigExit.problems
        }
        do {
            let partitions = try await TopologyDeployer(config: settings).deploy(source: Array(data), deployedBy: by)
            print("deployment record written to \(partitions.count) input partitions: \(partitions.map(\.description).joined(separator: ", "))")
        } catch {
            ConfigExit.printError("error: \(error)")
            throw ConfigExit.problems
        }
    }
}

import ArgumentParser

/// `warden bench ...`: benchmarks meant for release builds. Each prints its figure beside a
/// baseline measured in the same run.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run a benchmark (build with -c release) and print it beside a same-run baseline.",
        subcommands: [
            BenchKafkaCommand.self,
            BenchEventsCommand.self,
            BenchEnginePrimitivesCommand.self,
            BenchDriftCommand.self,
            BenchEvidenceCommand.self,
            BenchEngineCommand.self,
            BenchServiceCommand.self,
            BenchRestoreCommand.self,
        ]
    )
}

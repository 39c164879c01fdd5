import ArgumentParser
import Foundation
import WardenEvents
import WardenKafka
import WardenSimulation

/// `warden simulate`: deterministic fleet traffic with labelled incidents, to a JSON Lines
/// file and/or a Kafka topic, plus the ground truth of what was injected.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Generate deterministic schema v1 fleet events with injected incidents.",
        discussion: """
            The same arguments give byte-identical output on any machine. Incident kinds: \
            \(IncidentKind.allCases.map(\.rawValue).joined(separator: ", ")). See docs/simulation.md.
            """
    )

    @Option(help: "Seed of the random stream.") var seed: UInt64 = 1
    @Option(help: "Agents in the fleet (drift-after-swap takes one of them).") var agents = 12
    @Option(help: "Agent events to write (ticks come on top).") var events = 10_000
    @Option(help: "Event time of the first event (RFC 3339 with a fraction).") var start = "2026-01-05T09:00:00.000Z"
    @Option(help: "Event-time spacing of tick events (e.g. 10s; 0 for none).") var tickInterval = "10s"
    @Option(help: "Mean idle time between two runs of one agent.") var meanRunGap = "20m"
    @Option(help: "Incident kinds to inject: all, or a comma-separated list.") var incidents = ""
    @Option(help: "Injections of each enabled kind (drift-after-swap: always 1).") var incidentCount = 1
    @Option(help: "JSON Lines output file, or - for standard output.") var out: String?
    @Option(help: "Write the ground truth (injected incidents) to this JSON file.") var truth: String?
    @Option(help: "Kafka bootstrap servers (HOST:PORT) to publish to.") var brokers: String?
    @Option(help: "Kafka topic to publish to.") var topic = "warden.agent.events"
    @Option(help: "Partitions when the topic has to be created.") var partitions: Int32 = 6
    @Option(help: "Report progress on standard error every N lines (0: never).") var progressEvery = 100_000

    func validate() throws {
        guard out != nil || brokers != nil else { throw ValidationError("give --out FILE (or -) and/or --brokers HOST:PORT") }
        _ = try config()
    }

    func config() throws -> SimulationConfig {
        guard let startTime = EventTime(rfc3339: start) else {
            throw ValidationError("--start: expected an RFC 3339 time with a fraction, e.g. 2026-01-05T09:00:00.000Z, found \"\(start)\"")
        }
        do {
            let config = SimulationConfig(
                seed: seed, agents: agents, events: events, start: startTime,
                tickInterval: try SimulationDuration.parse(tickInterval, option: "--tick-interval"),
                incidents: incidents.isEmpty ? [] : try IncidentKind.parseList(incidents), incidentCount: incidentCount,
                meanRunGap: try SimulationDuration.parse(meanRunGap, option: "--mean-run-gap"))
            try config.validate()
            return config
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() async throws {
        let simulator = try FleetSimulator(config: config())
        let sink = try out.map(Self.openSink(path:))
        var published: [SimulatedRecord] = []
        let truthDocument = try simulator.run(progressEvery: progressEvery, progress: Self.report) { record in
            try sink?.write(record.value)
            if brokers != nil { published.append(record) }
        }
        try sink?.close()
        if let truth { try Self.write(truthDocument.bytes, truth: truth) }
        if let brokers { try await publish(published, to: brokers) }
        Self.standardError("simulate: \(truthDocument.lines) lines (\(truthDocument.lines - truthDocument.ticks) events, \(truthDocument.ticks) ticks), \(truthDocument.incidents.count) incidents\n")
    }

    private func publish(_ records: [SimulatedRecord], to brokers: String) async throws {
        let config = KafkaConfig(bootstrapServers: brokers)
        let admin = try KafkaAdmin(config: config)
        if try await !admin.listTopics().contains(topic) {
            try await admin.createTopic(NewTopic(name: topic, partitions: partitions))
        }
        let producer = try KafkaProducer(config: config)
        let report = try await SimulationPublisher(producer: producer, topic: topic).publish(records)
        await producer.close()
        Self.standardError("simulate: published \(report.delivered) records to \(topic), \(report.failed) failed\n")
        if let failure = report.failures.first {
            Self.standardError("simulate: first failure: \(failure.error)\n")
            throw ExitCode(1)
        }
    }

    /// Opens --out, creating missing parent directories; a path that still cannot be created is
    /// a usage error (64) reported here, since errors thrown from `run` would show the root usage.
    private static func openSink(path: String) throws -> LineSink {
        do {
            return try LineSink(path: path)
        } catch {
            standardError("warden simulate: cannot create --out \(path): \(reason(error)); give a writable file path\n")
            throw ExitCode(64)
        }
    }

    private static func write(_ bytes: [UInt8], truth path: String) throws {
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        } catch {
            standardError("warden simulate: cannot write --truth \(path): \(reason(error))\n")
            throw ExitCode(1)
        }
    }

    /// The operating system's reason when Foundation wraps one (its own text is often just
    /// "NSCocoaErrorDomain error 512").
    private static func reason(_ error: Error) -> String {
        guard let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? Error,
            (underlying as NSError).domain == NSPOSIXErrorDomain
        else { return error.localizedDescription }
        return String(cString: strerror(Int32((underlying as NSError).code)))
    }

    private static func report(_ lines: Int) { standardError("simulate: \(lines) lines\n") }

    static func standardError(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
}

/// Buffered JSON Lines writer to a file or standard output (`-`).
final class LineSink {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private let closesHandle: Bool

    init(path: String) throws {
        if path == "-" {
            handle = FileHandle.standardOutput
            closesHandle = false
        } else {
            let url = URL(fileURLWithPath: path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data().write(to: url)
            handle = try FileHandle(forWritingTo: url)
            closesHandle = true
        }
        buffer.reserveCapacity(1 << 20)
    }

    func write(_ line: [UInt8]) throws {
        buffer += line
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= 1 << 20 { try flush() }
    }

    func flush() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        try flush()
        if closesHandle { try handle.close() }
    }
}

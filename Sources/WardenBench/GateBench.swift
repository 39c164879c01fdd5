import Foundation
import Synchronization
import WardenEvents
import WardenEvidence
import WardenJSON
import WardenKafka
import WardenService

/// The gate path of `warden bench service`: intents produced at a fixed rate into a running
/// `warden run`; each is timed from the moment it is handed to the producer to the moment its
/// first signed verdict is read back from the verdicts topic (both on this host's clock).
enum GateBench {
    /// What answers the intents: `warden run`, or the baseline, a relay that copies each intent
    /// to the verdicts topic with the service's client settings and loop shape (poll, produce,
    /// wait for the acknowledgement, store offsets), deciding and recording nothing.
    enum Responder: Sendable {
        case service
        case rawRelay

        var label: String { self == .service ? "warden run" : "raw relay" }
        var topicPrefix: String { self == .service ? "bench-gate" : "bench-gate-raw" }

        /// The intent a message on the verdicts topic answers: a signed verdict's `intent_id`,
        /// or the `id` of an intent the relay copied.
        func answeredIntent(_ value: [UInt8]) -> String? {
            switch self {
            case .service: (try? SignedVerdict(parsing: value))?.verdict["intent_id"]?.stringValue
            case .rawRelay: (try? JSONParser.parse(value))?["id"]?.stringValue
            }
        }
    }

    static func run(_ setup: RunSetup, options: ServiceBenchOptions, responder: Responder) async throws -> [Duration] {
        let config = setup.config
        let input = config.topics.input[0]
        let runner = ServiceRunner(setup: setup)
        let service: Task<Void, any Error>
        switch responder {
        case .service: service = Task { try await runner.run() }
        case .rawRelay: service = Task { try await relay(config) }
        }
        defer { runner.requestStop(); service.cancel() }
        let state = GateState()
        let total = options.gateRate * options.gateSeconds
        let reader = Task { try await readVerdicts(config, state: state, responder: responder) }
        let producer = try KafkaProducer(config: config.kafka.runProducerConfig)
        // Let the group form and the task restore before the clock starts.
        try await warmUp(producer: producer, input: input, state: state)
        let start = ContinuousClock.now
        for index in 0..<total {
            let due = start + .nanoseconds(Int64(index) * 1_000_000_000 / Int64(options.gateRate))
            if due > ContinuousClock.now { try await Task.sleep(until: due) }
            let id = "gate-\(index)"
            let record = KafkaProducerRecord(topic: input, key: Array(agent(index).utf8), value: intent(id: id, agent: agent(index)))
            state.sent.withLock { $0[id] = ContinuousClock.now }
            Task { _ = try? await producer.send(record) }
        }
        let deadline = ContinuousClock.now + .seconds(30)
        while state.latencies.withLock({ $0.count }) < total, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        reader.cancel()
        runner.requestStop()
        service.cancel()
        try await service.value
        await producer.close()
        return state.latencies.withLock { $0 }
    }

    private static func relay(_ config: ServiceConfig) async throws {
        let consumer = try KafkaConsumer(config: config.kafka.consumerConfig(groupID: config.groupID))
        let producer = try KafkaProducer(config: config.kafka.runProducerConfig)
        try consumer.subscribe(config.topics.input)
        var relay = RawPassThrough.Relay(consumer: consumer, producer: producer, output: config.topics[.verdicts].name)
        while !Task.isCancelled { _ = try await relay.pump() }
        await consumer.close()
        await producer.close()
    }

    static func agent(_ index: Int) -> String { "gate-agent-\(index % 50)" }

    /// One intent sent and answered before timing starts.
    private static func warmUp(producer: KafkaProducer, input: String, state: GateState) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        _ = try await producer.send(KafkaProducerRecord(topic: input, key: Array("gate-agent-0".utf8), value: intent(id: "warm-up", agent: "gate-agent-0")))
        while state.latencies.withLock({ $0.isEmpty }), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        state.latencies.withLock { $0.removeAll() }
    }

    private static func readVerdicts(_ config: ServiceConfig, state: GateState, responder: Responder) async throws {
        let topic = config.topics[.verdicts]
        let consumer = try KafkaConsumer(config: config.kafka.consumerConfig(groupID: "\(config.groupID)-verdicts"))
        // (the configuration's consumer settings, including its short fetch.wait.max.ms)
        try consumer.assign((0..<topic.partitions).map { TopicPartitionOffset(topic.name, $0, offset: KafkaOffset.beginning) })
        var answered = Set<String>()
        while !Task.isCancelled {
            let records = try await consumer.poll(maxRecords: 1_000, timeout: .milliseconds(20))
            let now = ContinuousClock.now
            for record in records {
                guard let id = responder.answeredIntent(record.value ?? []), answered.insert(id).inserted else { continue }
                if id == "warm-up" { state.latencies.withLock { $0.append(.zero) }; continue }
                if let start = state.sent.withLock({ $0[id] }) { state.latencies.withLock { $0.append(now - start) } }
            }
        }
        await consumer.close()
    }

    /// The action carrying out `intent(id:agent:)`.
    static func action(id: String, agent: String, intent: String) -> [UInt8] {
        event(id: id, agent: agent, kind: "action", payload: ["intent_id": .string(intent), "operation": "read"])
    }

    /// A read of a non-production repository: the starter pack allows it.
    static func intent(id: String, agent: String) -> [UInt8] {
        event(id: id, agent: agent, kind: "intent", payload: ["operation": "read", "summary": "read a file"])
    }

    private static func event(id: String, agent: String, kind: String, payload: JSONValue) -> [UInt8] {
        let now = Int64((Date().timeIntervalSince1970 * 1_000_000).rounded(.down)) * 1_000
        var event = JSONObject([
            "schema": .string(EventFieldCatalog.schemaVersion), "id": .string(id), "kind": .string(kind),
            "time": .string(EventTime(nanosecondsSinceEpoch: now).rfc3339),
            "agent": ["id": .string(agent), "vendor": "bench", "model": "bench-1", "version": "1.0"],
            "principal": ["id": "bench-user", "kind": "user"],
            "run": ["id": .string("run-\(agent)")],
            "tool": ["name": "git.read", "arguments": ["path": "README.md"]],
            "targets": [["kind": "repository", "id": "bench/repo", "environment": "development", "sensitivity": "internal"]],
        ])
        event[kind] = payload
        return JSONWriter.bytes(.object(event))
    }
}

/// Send instants and measured latencies, shared by the sending loop and the verdict reader.
final class GateState: Sendable {
    let sent = Mutex<[String: ContinuousClock.Instant]>([:])
    let latencies = Mutex<[Duration]>([])
}

import Foundation
import WardenEvents
import WardenJSON
import WardenTopology
@testable import WardenSimulation

/// One simulated file with every incident on, decoded once and shared by the tests.
struct Simulated: Sendable {
    let records: [SimulatedRecord]
    let truth: GroundTruth
    let events: [AgentEvent]
    /// Event id → index in `records` / `events`.
    let index: [String: Int]

    init(_ config: SimulationConfig) throws {
        let (records, truth) = try FleetSimulator(config: config).records()
        self.records = records
        self.truth = truth
        let decoder = EventDecoder()
        events = try records.map { record throws(EventError) in
            try decoder.decode(value: record.value, key: record.key.map { Array($0.utf8) })
        }
        index = Dictionary(uniqueKeysWithValues: records.enumerated().map { ($1.id, $0) })
    }

    func event(_ id: String) -> AgentEvent? { index[id].map { events[$0] } }

    /// Ids of every event that is part of an injected incident.
    var incidentEventIDs: Set<String> {
        Set(truth.incidents.flatMap { $0.parts.map(\.id) })
    }

    static let allIncidents = SimulationConfig(
        seed: 11, agents: 10, events: 6_000, incidents: IncidentKind.allCases, incidentCount: 2)

    /// Shared: generating and decoding ~16,000 lines once keeps the suite fast.
    static let shared: Result<Simulated, any Error> = Result { try Simulated(allIncidents) }
}

enum StarterPack {
    static let path = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Topologies/starter-pack.yaml").path

    static let topology: Result<Topology, any Error> = Result {
        let result = try TopologyLoader.load(contentsOf: path)
        guard let topology = result.topology else { throw StarterPackError(diagnostics: result.diagnostics.map(\.description)) }
        return topology
    }

    struct StarterPackError: Error { let diagnostics: [String] }

    static func rule(_ id: String) throws -> RuleKind {
        guard let rule = try topology.get().rules.first(where: { $0.id == id }) else { throw StarterPackError(diagnostics: ["no rule \(id)"]) }
        return rule.kind
    }
}

extension AgentEvent {
    var actionPayload: EventPayload.Action? { if case .action(let a) = payload { a } else { nil } }
    var outcomePayload: EventPayload.Outcome? { if case .outcome(let o) = payload { o } else { nil } }
    var approvalPayload: EventPayload.Approval? { if case .approval(let a) = payload { a } else { nil } }
    var lifecyclePayload: EventPayload.Lifecycle? { if case .lifecycle(let l) = payload { l } else { nil } }
    var nanos: Int64 { time.nanosecondsSinceEpoch }
}

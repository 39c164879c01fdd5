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
    /// Lookups the checks need, each list in output order.
    let approvalsByIntent: [String: [AgentEvent]]
    let outcomesByAction: [String: [AgentEvent]]
    let eventsByAgent: [String: [AgentEvent]]

    init(_ config: SimulationConfig) throws {
        let (records, truth) = try FleetSimulator(config: config).records()
        self.records = records
        self.truth = truth
        let decoder = EventDecoder()
        events = try records.map { record throws(EventError) in
            try decoder.decode(value: record.value, key: record.key.map { Array($0.utf8) })
        }
        index = Dictionary(uniqueKeysWithValues: records.enumerated().map { ($1.id, $0) })
        approvalsByIntent = Dictionary(grouping: events.filter { $0.kind == .approval }) { $0.approvalPayload!.intentId }
        outcomesByAction = Dictionary(grouping: events.filter { $0.outcomePayload?.actionId != nil }) { $0.outcomePayload!.actionId! }
        eventsByAgent = Dictionary(grouping: events.filter { $0.agent != nil }) { $0.agent!.id }
    }

    func event(_ id: String) -> AgentEvent? { index[id].map { events[$0] } }

    /// Ids of every event that is part of an injected incident.
    var incidentEventIDs: Set<String> {
        Set(truth.incidents.flatMap { $0.parts.map(\.id) })
    }

    static let allIncidents = SimulationConfig(
        seed: 11, agents: 10, events: 6_000, incidents: IncidentKind.allCases, incidentCount: 2)

    /// Every incident kind in three shapes: the default pace, a small busy fleet (agents run
    /// every 5 minutes on average, pressing on the hourly limits) and a larger fleet with
    /// faster ticks.
    static let configurations = [
        allIncidents,
        SimulationConfig(seed: 3, agents: 4, events: 5_000, incidents: IncidentKind.allCases, meanRunGap: 5 * SimulationConfig.minute),
        SimulationConfig(
            seed: 99, agents: 30, events: 12_000, tickInterval: 5 * SimulationConfig.second, incidents: IncidentKind.allCases,
            incidentCount: 3),
    ]
    static let fixtures = Array(configurations.indices)

    /// Generated and decoded once per process, shared by the tests.
    static let cache: [Result<Simulated, any Error>] = configurations.map { config in Result { try Simulated(config) } }
    static var shared: Result<Simulated, any Error> { cache[0] }

    static func fixture(_ index: Int) throws -> Simulated { try cache[index].get() }
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

import Testing
import WardenEngine
import WardenTopology
@testable import WardenSimulation

/// End to end without a broker: simulated fleets with every incident kind, run through the
/// engine with the real starter pack. Every injected incident must be detected by each rule the
/// ground truth names, for the incident's agent, and no stream rule may fire where nothing was
/// injected. Policy rules are left out of the second check: they act on every intent by design.
@Suite struct FleetDetectionTests {
    struct Detection: Hashable, Comparable, CustomStringConvertible {
        let rule: String
        let agent: String
        static func < (a: Detection, b: Detection) -> Bool { (a.rule, a.agent) < (b.rule, b.agent) }
        var description: String { "\(rule) for \(agent)" }
    }

    @Test(arguments: Simulated.configurations.indices)
    func engineDetectsExactlyTheInjectedIncidents(configuration: Int) throws {
        let topology = try StarterPack.topology.get()
        let (bytes, truth) = try FleetSimulator(config: Simulated.configurations[configuration]).jsonLines()
        var engine = try PartitionEngine(topology: topology)
        let policyRules = Set(topology.policyRules.map(\.rule.id))

        var fired = Set<Detection>()
        var denied = Set<Detection>()
        for input in EvalLog.inputs(jsonLines: bytes, topic: topology.inputs[0]) {
            for output in engine.process(input) {
                guard let rule = output.ruleID, let agent = output.context.agent else { continue }
                switch output.body {
                case .command, .alert, .suppressed:
                    if !policyRules.contains(rule) { fired.insert(Detection(rule: rule, agent: agent)) }
                case .verdict(let verdict) where verdict.final && verdict.verdict == .deny:
                    denied.insert(Detection(rule: rule, agent: agent))
                default: break
                }
            }
        }

        let expected = Set(truth.incidents.flatMap { incident in
            incident.rules.map { Detection(rule: $0, agent: incident.agent) }
        })
        #expect(!expected.isEmpty)
        let missed = expected.filter { !fired.contains($0) && !denied.contains($0) }.sorted()
        let unexpected = fired.subtracting(expected).sorted()
        #expect(missed.isEmpty, "injected but not detected: \(missed)")
        #expect(unexpected.isEmpty, "detected but never injected: \(unexpected)")
    }
}

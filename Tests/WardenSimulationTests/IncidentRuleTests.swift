import Testing
import WardenEngine
import WardenEvents
import WardenTopology
@testable import WardenSimulation

/// Each injected incident satisfies, event by event, the starter-pack rule it targets as the
/// rule is written in Topologies/starter-pack.yaml.
@Suite struct IncidentRuleTests {
    func incidents(_ kind: IncidentKind, in sim: Simulated) throws -> [(InjectedIncident, [String: [AgentEvent]])] {
        let found = sim.truth.incidents.filter { $0.kind == kind }
        try #require(!found.isEmpty, "no \(kind.rawValue) incident in the truth")
        return found.map { incident in
            var roles: [String: [AgentEvent]] = [:]
            for part in incident.parts { roles[part.role, default: []].append(sim.event(part.id)!) }
            return (incident, roles)
        }
    }

    @Test(arguments: Simulated.fixtures) func exfiltrationMatchesBothSequenceStepsWithinTenMinutes(fixture: Int) throws {
        let sim = try Simulated.fixture(fixture)
        let topology = try StarterPack.topology.get()
        guard case .sequence(let rule) = try StarterPack.rule("secret-read-then-egress") else { throw Failure.kind }
        for (incident, roles) in try incidents(.exfiltration, in: sim) {
            let read = try #require(roles["secret_read"]?.first), egress = try #require(roles["external_egress"]?.first)
            #expect(rule.steps[0].condition.evaluate(on: read.json) && !rule.steps[1].condition.evaluate(on: read.json))
            #expect(rule.steps[1].condition.evaluate(on: egress.json))
            #expect(read.agent?.id == egress.agent?.id && read.agent?.id == incident.agent)
            #expect(read.time < egress.time && egress.nanos - read.nanos <= rule.within.nanoseconds)
            #expect(incident.detectAt == egress.time)
            let intent = try #require(roles["egress_intent"]?.first)
            #expect(topology.policyDecision(for: intent.json).verdict == .deny)
        }
    }

    @Test(arguments: Simulated.fixtures) func massDeletionExceedsTheBudgetAtTheSixthDeletion(fixture: Int) throws {
        let sim = try Simulated.fixture(fixture)
        let topology = try StarterPack.topology.get()
        guard case .threshold(let rule) = try StarterPack.rule("destructive-action-budget"),
            case .sliding(let size, _) = rule.window
        else { throw Failure.kind }
        let budget = try #require(rule.value.integer)
        for (incident, roles) in try incidents(.massDeletion, in: sim) {
            let deletions = try #require(roles["deletion"])
            #expect(deletions.count > budget)
            #expect(deletions.allSatisfy { rule.condition.evaluate(on: $0.json) })
            #expect(deletions.last!.nanos - deletions.first!.nanos < size.nanoseconds / 12)
            #expect(incident.detectEventID == deletions[Int(budget)].id)
            let earlier = sim.eventsByAgent[incident.agent]!.filter {
                rule.condition.evaluate(on: $0.json)
                    && $0.nanos > deletions[0].nanos - size.nanoseconds && $0.time < deletions[0].time
            }
            #expect(earlier.isEmpty, "destructive actions in the hour before the burst move the detection")
            for deletion in deletions {
                let intent = try #require(sim.event(deletion.actionPayload!.intentId!))
                #expect(topology.policyDecision(for: intent.json).verdict == .allow)
            }
        }
    }

    @Test(arguments: Simulated.fixtures) func unapprovedMergeHasNoPriorApproval(fixture: Int) throws {
        let sim = try Simulated.fixture(fixture)
        let topology = try StarterPack.topology.get()
        guard case .absence(let rule) = try StarterPack.rule("merge-without-approval") else { throw Failure.kind }
        for (incident, roles) in try incidents(.unapprovedMerge, in: sim) {
            let merge = try #require(roles["merge"]?.first)
            #expect(rule.trigger.evaluate(on: merge.json))
            let intentID = try #require(merge.actionPayload?.intentId)
            let approvals = (sim.approvalsByIntent[intentID] ?? []).filter {
                rule.expected.evaluate(on: $0.json) && $0.time <= merge.time
            }
            #expect(approvals.isEmpty)
            #expect(incident.detectAt == merge.time)
            let intent = try #require(sim.event(intentID))
            #expect(topology.policyDecision(for: intent.json).verdict == .requireApproval)
        }
    }

    @Test(arguments: Simulated.fixtures) func deploysWithoutHealthyOutcomeMissTheDeadline(fixture: Int) throws {
        let sim = try Simulated.fixture(fixture)
        guard case .absence(let rule) = try StarterPack.rule("deploy-without-healthy-outcome") else { throw Failure.kind }
        for kind in [IncidentKind.deployUnhealthy, .silentAgent] {
            for (incident, roles) in try incidents(kind, in: sim) {
                let deploy = try #require(roles["deploy"]?.first)
                #expect(rule.trigger.evaluate(on: deploy.json))
                let deadline = deploy.nanos + rule.within.nanoseconds
                #expect(incident.detectAt.nanosecondsSinceEpoch == deadline)
                #expect(!(sim.outcomesByAction[deploy.id] ?? []).contains {
                    rule.expected.evaluate(on: $0.json) && $0.nanos <= deadline
                })
                let agentEventsBeforeDeadline = sim.eventsByAgent[incident.agent]!.filter {
                    $0.time > deploy.time && $0.nanos <= deadline
                }
                #expect(kind == .silentAgent ? agentEventsBeforeDeadline.isEmpty : !agentEventsBeforeDeadline.isEmpty)
                #expect(sim.events.contains { $0.kind == .tick && $0.nanos >= deadline })
            }
        }
    }

    @Test(arguments: Simulated.fixtures) func unauthorisedActionHasNoAllowedIntent(fixture: Int) throws {
        let sim = try Simulated.fixture(fixture)
        let topology = try StarterPack.topology.get()
        guard case .absence(let rule) = try StarterPack.rule("action-without-allowed-intent") else { throw Failure.kind }
        for (incident, roles) in try incidents(.unauthorisedAction, in: sim) {
            let action = try #require(roles["unauthorised_action"]?.first)
            #expect(rule.trigger.evaluate(on: action.json))
            #expect(incident.detectAt == action.time)
            guard let intentID = action.actionPayload?.intentId else { continue }
            let intent = try #require(sim.event(intentID))
            #expect(rule.expected.evaluate(on: intent.json))
            #expect(topology.policyDecision(for: intent.json).verdict != .allow)
            #expect(sim.approvalsByIntent[intentID] == nil)
        }
    }

    @Test(arguments: Simulated.fixtures) func driftAfterSwapDepartsFromAFullBaseline(fixture: Int) throws {
        let sim = try Simulated.fixture(fixture)
        guard case .drift(let rule) = try StarterPack.rule("tool-usage-drift-after-model-swap"),
            case .distribution(let distribution) = rule.measure
        else { throw Failure.kind }
        for (incident, roles) in try incidents(.driftAfterSwap, in: sim) {
            let swap = try #require(roles["swap"]?.first)
            #expect(swap.lifecyclePayload?.phase == .swapped && swap.lifecyclePayload?.previous?.model != nil)
            #expect(swap.lifecyclePayload?.previous?.model != swap.agent?.model)
            let window = rule.window.nanoseconds
            let end = incident.detectAt.nanosecondsSinceEpoch
            #expect(end % window == 0)
            let counts = { (from: Int64) -> [String: Int] in
                var counts: [String: Int] = [:]
                for event in sim.eventsByAgent[incident.agent]! where event.nanos >= from && event.nanos < from + window
                    && rule.condition.evaluate(on: event.json)
                {
                    counts[event.tool!.name, default: 0] += 1
                }
                return counts
            }
            let current = counts(end - window)
            #expect(current.values.reduce(0, +) >= distribution.minEvents)
            #expect(current.values.reduce(0, +) == roles["drifted_action"]?.count)
            let windows = (1...rule.baseline.windows).map { counts(end - window - Int64($0) * window) }
            var baseline: [String: Int] = [:]
            for counts in windows {
                #expect(counts.values.reduce(0, +) >= distribution.minEvents, "a thin baseline window")
                baseline.merge(counts, uniquingKeysWith: +)
            }
            // The engine's own detector: learn the baseline windows, then no baseline window
            // drifts from it and the window after the swap does.
            let sorted = { (counts: [String: Int]) in counts.sorted { $0.key < $1.key }.map { (category: $0.key, count: Int64($0.value)) } }
            var detector = try PSIDetector(config: PSIDetector.Config(
                threshold: distribution.psiThreshold, epsilon: distribution.epsilon,
                minCount: Int64(distribution.minEvents), baselineWindows: rule.baseline.windows))
            for counts in windows { _ = detector.observe(sorted(counts)) }
            #expect(baseline.values.reduce(0, +) == detector.baselineCounts.reduce(0) { $0 + Int($1.count) })
            for counts in windows { #expect(!detector.observe(sorted(counts)).isDrift) }
            #expect(detector.observe(sorted(current)).isDrift)
        }
    }

    enum Failure: Error { case kind }
}

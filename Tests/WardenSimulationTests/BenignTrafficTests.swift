import Testing
import WardenEvents
import WardenTopology
@testable import WardenSimulation

/// Traffic outside the injected incidents stays clear of the starter pack's detection rules,
/// so the ground truth is exact.
@Suite struct BenignTrafficTests {
    let sim: Simulated
    let topology: Topology
    let incidentIDs: Set<String>

    init() throws {
        sim = try Simulated.shared.get()
        topology = try StarterPack.topology.get()
        incidentIDs = sim.incidentEventIDs
    }

    var benignActions: [AgentEvent] {
        sim.events.filter { $0.kind == .action && !incidentIDs.contains($0.id) }
    }

    /// The action ids the truth expects `action-without-allowed-intent` to fire on.
    var expectedUnauthorised: Set<String> {
        Set(sim.truth.incidents.filter { $0.rules.contains("action-without-allowed-intent") }.compactMap(\.detectEventID))
    }

    @Test func everyOtherActionCarriesOutAnIntentAllowedInTheHourBefore() throws {
        guard case .absence(let rule) = try StarterPack.rule("action-without-allowed-intent") else { return }
        let actions = sim.events.filter { rule.trigger.evaluate(on: $0.json) && !expectedUnauthorised.contains($0.id) }
        #expect(actions.count > 500)
        for action in actions {
            let intentID = try #require(action.actionPayload?.intentId, "\(action.id) names no intent")
            let intent = try #require(sim.event(intentID))
            #expect(rule.expected.evaluate(on: intent.json) && intent.time <= action.time)
            #expect(action.nanos - intent.nanos <= rule.within.nanoseconds)
            let decision = topology.policyDecision(for: intent.json)
            switch decision.verdict {
            case .allow: break
            case .requireApproval:
                let requirement = try #require(decision.approval)
                let approvers = Set(sim.events.compactMap { event -> String? in
                    guard let approval = event.approvalPayload, approval.intentId == intentID, approval.decision == .approve,
                        approval.intentDigest == intent.inputDigest, event.time <= action.time,
                        event.nanos - intent.nanos <= requirement.ttl.nanoseconds
                    else { return nil }
                    return approval.approver.id
                })
                #expect(approvers.count >= requirement.minApprovers, "\(action.id): \(approvers.count) approvers")
            case .deny: Issue.record("\(action.id) carries out denied intent \(intentID)")
            }
        }
    }

    @Test func destructiveActionsStayWithinTheBudget() throws {
        guard case .threshold(let rule) = try StarterPack.rule("destructive-action-budget"),
            case .sliding(let size, _) = rule.window, let budget = rule.value.integer
        else { return }
        let destructive = benignActions.filter { rule.condition.evaluate(on: $0.json) }
        #expect(destructive.count > 10)
        for event in destructive {
            let inHour = destructive.filter {
                $0.agent?.id == event.agent?.id && $0.time <= event.time && event.nanos - $0.nanos < size.nanoseconds
            }
            #expect(inHour.count <= budget)
        }
    }

    @Test func productionDeploysReportHealthyOutcomesInTime() throws {
        guard case .absence(let rule) = try StarterPack.rule("deploy-without-healthy-outcome") else { return }
        let deploys = benignActions.filter { rule.trigger.evaluate(on: $0.json) }
        #expect(deploys.count > 5)
        for deploy in deploys {
            #expect(sim.events.contains {
                rule.expected.evaluate(on: $0.json) && $0.outcomePayload?.actionId == deploy.id
                    && $0.nanos - deploy.nanos <= rule.within.nanoseconds
            }, "deploy \(deploy.id) has no healthy outcome within the deadline")
        }
    }

    @Test func protectedMergesAreApprovedFirst() throws {
        guard case .absence(let rule) = try StarterPack.rule("merge-without-approval") else { return }
        let merges = benignActions.filter { rule.trigger.evaluate(on: $0.json) }
        #expect(!merges.isEmpty)
        for merge in merges {
            let intentID = merge.actionPayload?.intentId
            #expect(sim.events.contains {
                rule.expected.evaluate(on: $0.json) && $0.approvalPayload?.intentId == intentID && $0.time <= merge.time
                    && merge.nanos - $0.nanos <= rule.within.nanoseconds
            })
        }
    }

    @Test func noEgressOutsideIncidentsSoNoSecretThenEgressSequence() throws {
        guard case .sequence(let rule) = try StarterPack.rule("secret-read-then-egress") else { return }
        #expect(benignActions.contains { rule.steps[0].condition.evaluate(on: $0.json) })
        #expect(!benignActions.contains { rule.steps[1].condition.evaluate(on: $0.json) })
    }

    /// Fewer actions per agent and clock hour than the drift rule's minimum, so no benign window
    /// is ever compared (the drift incident's dedicated agent is the exception).
    @Test func benignAgentsNeverReachTheDriftMinimum() throws {
        guard case .drift(let rule) = try StarterPack.rule("tool-usage-drift-after-model-swap"),
            case .distribution(let distribution) = rule.measure
        else { return }
        let driftAgents = Set(sim.truth.incidents.filter { $0.kind == .driftAfterSwap }.map(\.agent))
        var perHour: [String: Int] = [:]
        for event in sim.events where rule.condition.evaluate(on: event.json) && !driftAgents.contains(event.agent!.id) {
            perHour["\(event.agent!.id)/\(event.nanos / rule.window.nanoseconds)", default: 0] += 1
        }
        #expect(perHour.values.max()! < distribution.minEvents)
    }

    /// No failed outcomes at all: the error-ratio rule's Page-Hinkley threshold (0.5 on a raw
    /// ratio) would fire on a single failure in a quiet window (see docs/simulation.md).
    @Test func noOutcomeFails() {
        #expect(sim.events.allSatisfy { $0.outcomePayload.map { $0.status == .success } ?? true })
    }
}

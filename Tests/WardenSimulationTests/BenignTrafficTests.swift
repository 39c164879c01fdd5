import Testing
import WardenEvents
import WardenTopology
@testable import WardenSimulation

/// Traffic outside the injected incidents stays clear of the starter pack's detection rules,
/// so the ground truth is exact.
@Suite struct BenignTrafficTests {
    func benignActions(_ sim: Simulated) -> [AgentEvent] {
        let incidentIDs = sim.incidentEventIDs
        return sim.events.filter { $0.kind == .action && !incidentIDs.contains($0.id) }
    }

    /// The action ids the truth expects `action-without-allowed-intent` to fire on.
    func expectedUnauthorised(_ sim: Simulated) -> Set<String> {
        Set(sim.truth.incidents.filter { $0.rules.contains("action-without-allowed-intent") }.compactMap(\.detectEventID))
    }

    @Test(arguments: Simulated.fixtures) func everyOtherActionCarriesOutAnIntentAllowedInTheHourBefore(fixture: Int) throws {
        let sim = try Simulated.fixture(fixture)
        guard case .absence(let rule) = try StarterPack.rule("action-without-allowed-intent") else { return }
        let actions = sim.events.filter { rule.trigger.evaluate(on: $0.json) && !expectedUnauthorised(sim).contains($0.id) }
        #expect(actions.count > 500)
        for action in actions {
            let intentID = try #require(action.actionPayload?.intentId, "\(action.id) names no intent")
            let intent = try #require(sim.event(intentID))
            #expect(rule.expected.evaluate(on: intent.json) && intent.time <= action.time)
            #expect(action.nanos - intent.nanos <= rule.within.nanoseconds)
            let decision = try StarterPack.topology.get().policyDecision(for: intent.json)
            switch decision.verdict {
            case .allow: break
            case .requireApproval:
                let requirement = try #require(decision.approval)
                let approvers = Set((sim.approvalsByIntent[intentID] ?? []).compactMap { event -> String? in
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

    @Test(arguments: Simulated.fixtures) func destructiveActionsStayWithinTheBudget(fixture: Int) throws {
        let sim = try Simulated.fixture(fixture)
        guard case .threshold(let rule) = try StarterPack.rule("destructive-action-budget"),
            case .sliding(let size, _) = rule.window, let budget = rule.value.integer
        else { return }
        let destructive = benignActions(sim).filter { rule.condition.evaluate(on: $0.json) }
        #expect(destructive.count > 10)
        for (_, agentEvents) in Dictionary(grouping: destructive, by: { $0.agent!.id }) {
            for event in agentEvents {
                let inHour = agentEvents.filter { $0.time <= event.time && event.nanos - $0.nanos < size.nanoseconds }
                #expect(inHour.count <= budget)
            }
        }
    }

    @Test(arguments: Simulated.fixtures) func productionDeploysReportHealthyOutcomesInTime(fixture: Int) throws {
        let sim = try Simulated.fixture(fixture)
        guard case .absence(let rule) = try StarterPack.rule("deploy-without-healthy-outcome") else { return }
        let deploys = benignActions(sim).filter { rule.trigger.evaluate(on: $0.json) }
        #expect(deploys.count > 5)
        for deploy in deploys {
            #expect((sim.outcomesByAction[deploy.id] ?? []).contains {
                rule.expected.evaluate(on: $0.json) && $0.nanos - deploy.nanos <= rule.within.nanoseconds
            }, "deploy \(deploy.id) has no healthy outcome within the deadline")
        }
    }

    @Test(arguments: Simulated.fixtures) func protectedMergesAreApprovedFirst(fixture: Int) throws {
        let sim = try Simulated.fixture(fixture)
        guard case .absence(let rule) = try StarterPack.rule("merge-without-approval") else { return }
        let merges = benignActions(sim).filter { rule.trigger.evaluate(on: $0.json) }
        #expect(!merges.isEmpty)
        for merge in merges {
            let intentID = try #require(merge.actionPayload?.intentId)
            #expect((sim.approvalsByIntent[intentID] ?? []).contains {
                rule.expected.evaluate(on: $0.json) && $0.time <= merge.time
                    && merge.nanos - $0.nanos <= rule.within.nanoseconds
            })
        }
    }

    @Test(arguments: Simulated.fixtures) func noEgressOutsideIncidentsSoNoSecretThenEgressSequence(fixture: Int) throws {
        let sim = try Simulated.fixture(fixture)
        guard case .sequence(let rule) = try StarterPack.rule("secret-read-then-egress") else { return }
        #expect(benignActions(sim).contains { rule.steps[0].condition.evaluate(on: $0.json) })
        #expect(!benignActions(sim).contains { rule.steps[1].condition.evaluate(on: $0.json) })
    }

    /// Fewer actions per agent and clock hour than the drift rule's minimum, so no benign window
    /// is ever compared (the drift incident's dedicated agent is the exception).
    @Test(arguments: Simulated.fixtures) func benignAgentsNeverReachTheDriftMinimum(fixture: Int) throws {
        let sim = try Simulated.fixture(fixture)
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
    @Test(arguments: Simulated.fixtures) func noOutcomeFails(fixture: Int) throws {
        let sim = try Simulated.fixture(fixture)
        #expect(sim.events.allSatisfy { $0.outcomePayload.map { $0.status == .success } ?? true })
    }
}

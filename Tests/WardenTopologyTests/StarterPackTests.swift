import Foundation
import Testing
import WardenJSON
@testable import WardenTopology

/// The shipped starter pack must load with no errors and no warnings, and cover the risks
/// the documentation promises.
@Suite struct StarterPackTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Topologies")

    static func files() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
            .map { directory.appendingPathComponent($0).path }
    }

    @Test func everyTopologyFilePassesTheChecker() throws {
        let files = try Self.files()
        #expect(!files.isEmpty)
        for file in files {
            let result = try TopologyLoader.load(contentsOf: file)
            #expect(result.diagnostics.map { $0.formatted(file: file) } == [])
            #expect(result.topology != nil, "\(file)")
        }
    }

    @Test func starterPackCoversTheDocumentedScenarios() throws {
        let path = Self.directory.appendingPathComponent("starter-pack.yaml").path
        let topology = try #require(try TopologyLoader.load(contentsOf: path).topology)
        #expect(topology.defaultVerdict == .deny)
        let kinds = Dictionary(topology.rules.map { ($0.id, $0.kind.name) }, uniquingKeysWith: { a, _ in a })
        #expect(kinds["production-changes-require-approval"] == "policy")
        #expect(kinds["secret-read-then-egress"] == "sequence")
        #expect(kinds["destructive-action-budget"] == "threshold")
        #expect(kinds["merge-without-approval"] == "absence")
        #expect(kinds["deploy-without-healthy-outcome"] == "absence")
        #expect(kinds["action-without-allowed-intent"] == "absence")
        #expect(kinds["tool-usage-drift-after-model-swap"] == "drift")
        #expect(topology.rules.allSatisfy { !$0.tags.isEmpty })
    }

    @Test func productionWriteIntentNeedsTwoApprovers() throws {
        let path = Self.directory.appendingPathComponent("starter-pack.yaml").path
        let topology = try #require(try TopologyLoader.load(contentsOf: path).topology)
        let intent: JSONValue = [
            "kind": "intent", "intent": ["operation": "write"],
            "targets": [["kind": "database", "environment": "production"]],
        ]
        let matching = topology.policyRules.filter { $0.policy.condition.evaluate(on: intent) }
        #expect(matching.map(\.rule.id) == ["production-changes-require-approval"])
        #expect(matching.first?.policy.approval == ApprovalRequirement(minApprovers: 2, distinctApprovers: true,
                                                                        ttl: try RuleDuration.parse("4h").get()))
    }
}

@Suite struct TopologyFileTests {
    @Test func missingFilesAreReportedNotCrashed() {
        #expect(throws: TopologyFileError.self) { try TopologyLoader.load(contentsOf: "/nonexistent/topology.yaml") }
        do {
            _ = try TopologyLoader.load(contentsOf: "/nonexistent/topology.yaml")
        } catch {
            #expect(error.description == "/nonexistent/topology.yaml: error: no such file; check the path")
        }
    }
}

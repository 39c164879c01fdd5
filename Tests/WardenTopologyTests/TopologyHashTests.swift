import Testing
@testable import WardenTopology

@Suite struct TopologyHashTests {
    static let original = """
        name: hash-test
        version: "2"
        owner: risk@bank.example
        description: hashing
        inputs: [b.events, a.events]
        lists:
          ops: [write, delete]
          envs: [production]
        macros:
          prod: targets.environment in @envs
        rules:
          - id: p
            kind: policy
            description: d
            tags: [ASI03, ASI02]
            priority: 10
            when: intent.operation in @ops and $prod
            verdict: require_approval
            approval: {min_approvers: 2, distinct_approvers: true, ttl: 1h}
          - id: t
            kind: threshold
            description: d
            tags: [ASI02]
            when: kind == "action"
            aggregate: count
            key: agent.id
            window: {type: tumbling, size: 1h}
            compare: "> 5"
            actions: {alert: {severity: high}}
        """

    /// Same model: comments, flow vs block style, quoting, key order, list order and spacing differ.
    static let reformatted = """
        # a comment that must not matter
        rules:
          - kind: policy
            id: "p"
            tags:
              - ASI02
              - ASI03
            description: 'd'
            verdict: require_approval
            when: 'intent.operation   in   @ops   and   $prod'   # spacing
            priority: 10
            approval:
              ttl: 60m
              distinct_approvers: true
              min_approvers: 2
          - id: t
            kind: threshold
            compare: ">5"
            description: d
            tags: [ASI02]
            window:
              size: 3600s
              type: tumbling
            key: agent.id
            aggregate: count
            when: (kind == "action")
            actions:
              alert:
                severity: high
        macros: {prod: 'targets.environment in @envs'}
        lists:
          envs: ["production"]
          ops: [delete, write, write]
        inputs: [a.events, b.events]
        description: hashing
        owner: "risk@bank.example"
        version: '2'
        name: hash-test
        """

    private func hash(_ yaml: String) throws -> String {
        let result = TopologyLoader.load(yaml: yaml)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        return try #require(result.topology).contentHash
    }

    @Test func hashHasTheDocumentedForm() throws {
        let value = try hash(Self.original)
        #expect(value.hasPrefix("sha256:"))
        #expect(value.count == 7 + 64)
        #expect(value.dropFirst(7).allSatisfy { "0123456789abcdef".contains($0) })
    }

    @Test func hashIgnoresFormattingCommentsAndKeyOrder() throws {
        #expect(try hash(Self.original) == hash(Self.reformatted))
    }

    @Test(arguments: [
        ("priority: 10", "priority: 11"),
        ("ttl: 1h}", "ttl: 2h}"),
        (#"compare: "> 5""#, #"compare: ">= 5""#),
        ("ops: [write, delete]", "ops: [write, delete, merge]"),
        ("severity: high", "severity: critical"),
        ("description: d\n    tags: [ASI02]\n    when: kind", "description: changed\n    tags: [ASI02]\n    when: kind"),
        ("version: \"2\"", "version: \"3\""),
        ("size: 1h}", "size: 2h}"),
    ])
    func hashChangesWhenTheModelChanges(from: String, to: String) throws {
        let changed = Self.original.replacingFirst(from, with: to)
        #expect(changed != Self.original, "fixture edit \(from) did not apply")
        #expect(try hash(Self.original) != hash(changed))
    }

    @Test func canonicalFormIsSortedJSON() throws {
        let topology = try #require(TopologyLoader.load(yaml: Self.original).topology)
        let text = String(decoding: TopologyHash.canonicalBytes(of: topology), as: UTF8.self)
        #expect(text.hasPrefix(#"{"acknowledge_permissive_default":null,"default":"deny","description":"hashing","format":"warden.topology/v1","inputs":["a.events","b.events"],"lists":{"envs":["\"production\""],"ops":["\"delete\"","\"write\""]},"macros":{"prod":"(targets.environment in [\"production\"])"}"#))
        #expect(text.contains(#""when":"((intent.operation in [\"delete\", \"write\"]) and (targets.environment in [\"production\"]))""#))
        #expect(text.contains(#""window":{"size":3600000000000,"type":"tumbling"}"#))
    }
}

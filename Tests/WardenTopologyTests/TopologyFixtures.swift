@testable import WardenTopology

/// Small inline topologies for loader and checker tests. `header` is six lines, so the
/// first rule written after it starts on line 7.
enum Fixture {
    static let header = """
        name: t
        version: "1"
        owner: risk@bank.example
        description: test
        inputs: [agent.events]
        rules:

        """

    /// A valid policy rule; `extra` lines are appended inside it.
    static func policy(_ id: String, priority: Int = 10, when: String = #"intent.operation == "write""#,
                       verdict: String = "allow", extra: String = "") -> String {
        """
          - id: \(id)
            kind: policy
            description: d
            tags: [ASI02]
            priority: \(priority)
            when: \(when)
            verdict: \(verdict)
        \(extra.isEmpty ? "" : extra + "\n")
        """
    }

    static func load(_ rules: String) -> TopologyLoadResult {
        TopologyLoader.load(yaml: header + rules)
    }

    /// Every diagnostic of `yaml` as `LINE:COLUMN: severity: message; fix`.
    static func messages(_ yaml: String) -> [String] {
        TopologyLoader.load(yaml: yaml).diagnostics.map(\.description)
    }

    static func ruleMessages(_ rules: String) -> [String] { messages(header + rules) }
}

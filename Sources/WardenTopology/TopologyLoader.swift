import Foundation

/// What loading a topology produced: the model when there were no errors, and every finding
/// sorted by position.
public struct TopologyLoadResult: Sendable {
    public let topology: Topology?
    public let diagnostics: [Diagnostic]
}

/// A topology file that could not be read at all (exit code 2 in `warden topology check`).
public struct TopologyFileError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String
    public let fix: String
    /// `PATH: error: <reason>; <fix>`, the form `warden topology check` prints.
    public var description: String { "\(path): error: \(reason); \(fix)" }
}

/// Reads topology YAML into the typed model, reporting every problem it finds.
public enum TopologyLoader {
    public static func load(yaml text: String) -> TopologyLoadResult {
        var loader = LoaderState()
        let topology = loader.load(text)
        let diagnostics = loader.reader.sink.diagnostics.sortedByPosition()
        return TopologyLoadResult(topology: diagnostics.hasErrors ? nil : topology, diagnostics: diagnostics)
    }

    /// Loads topology source bytes (a file read by the service, a deployment record, a
    /// snapshot's): bytes that are not UTF-8 are an error, never decoded leniently, so every
    /// reader of the same bytes agrees on whether they are a topology.
    public static func load(source: [UInt8]) -> TopologyLoadResult {
        guard let text = String(validating: source, as: UTF8.self) else {
            let error = Diagnostic(.error, at: SourcePosition(line: 1, column: 1), "the topology source is not UTF-8 text", fix: "save it as UTF-8")
            return TopologyLoadResult(topology: nil, diagnostics: [error])
        }
        return load(yaml: text)
    }

    public static func load(contentsOf path: String) throws(TopologyFileError) -> TopologyLoadResult {
        switch TextFile.read(path) {
        case .success(let text): return load(yaml: text)
        case .failure(let failure): throw TopologyFileError(path: path, reason: failure.reason, fix: failure.fix)
        }
    }
}

/// Loading state: the reader (with its diagnostics) and the condition compiler.
struct LoaderState {
    var reader = YAMLReader()
    var ruleIDs: [(id: String, position: SourcePosition)] = []
    /// Replaced once lists and macros are read; conditions are only compiled after that.
    var compiler = ConditionCompiler(lists: [], macros: [], origin: .empty(at: SourcePosition(line: 1, column: 1)))

    static let topLevelKeys = [
        "name", "version", "owner", "description", "inputs", "default", "acknowledge_permissive_default",
        "lists", "macros", "rules",
    ]

    mutating func load(_ text: String) -> Topology? {
        let root: YAMLNode
        switch YAMLSource.parse(text) {
        case .failure(let diagnostic):
            reader.sink.error(diagnostic.position, diagnostic.message, fix: diagnostic.fix)
            return nil
        case .success(nil):
            reader.sink.error(SourcePosition(line: 1, column: 1), "the topology file is empty",
                              fix: "start with name:, version:, owner:, description:, inputs: and rules:")
            return nil
        case .success(let node?):
            root = node
        }
        guard let top = reader.mapping(root, "the topology") else { return nil }
        reader.checkKeys(top, allowed: Self.topLevelKeys)
        let metadata = loadMetadata(top)
        let inputs = loadInputs(top)
        let (defaultVerdict, acknowledgement) = loadDefault(top)
        let lists = loadLists(top)
        let macroSyntax = parseMacros(top)
        compiler = ConditionCompiler(lists: lists.map { ($0.name, $0.values) }, macros: macroSyntax, origin: .empty(at: top.position))
        let macros = macroSyntax.map { NamedMacro(name: $0.0, condition: compiler.compileMacro($0.0)) }
        let rules = loadRules(top)
        reader.sink.merge(compiler.sink)
        TopologyChecker.check(rules, ids: ruleIDs, sink: &reader.sink)
        guard let metadata, let inputs else { return nil }
        return Topology(metadata: metadata, inputs: inputs, lists: lists.map { NamedList(name: $0.name, values: ValueSet($0.values)) },
                        macros: macros, defaultVerdict: defaultVerdict, permissiveDefaultAcknowledgement: acknowledgement,
                        rules: rules.map(\.rule))
    }

    private mutating func loadMetadata(_ top: YAMLMapping) -> TopologyMetadata? {
        let fields: [(String, String)] = [
            ("name", "payments-agents"), ("version", "\"1.0.0\""), ("owner", "ai-risk@bank.example"),
            ("description", "what these rules protect"),
        ]
        var values: [String] = []
        for (key, example) in fields {
            if let node = reader.required(top, key, example: example),
                let value = reader.string(node, "\"\(key)\"", example: example)
            {
                values.append(value)
            }
        }
        guard values.count == 4 else { return nil }
        return TopologyMetadata(name: values[0], version: values[1], owner: values[2], description: values[3])
    }

    private mutating func loadInputs(_ top: YAMLMapping) -> [String]? {
        guard let node = reader.required(top, "inputs", example: "[agent.events]"),
            let scalars = reader.scalarList(node, "\"inputs\"", example: "[agent.events]")
        else { return nil }
        if scalars.isEmpty {
            reader.sink.error(node.position, "\"inputs\" is empty", fix: "list at least one Kafka topic, e.g. [agent.events]")
            return nil
        }
        let invalid = scalars.filter { !Self.isTopicName($0.text) }
        for scalar in invalid {
            reader.sink.error(scalar.position, "\"\(scalar.text)\" is not a valid Kafka topic name",
                              fix: "use 1 to 249 characters from a-z, A-Z, 0-9, '.', '_' and '-'")
        }
        guard invalid.isEmpty else { return nil }
        return Array(Set(scalars.map(\.text))).sorted()
    }

    private mutating func loadDefault(_ top: YAMLMapping) -> (Verdict, String?) {
        let verdict = top["default"].flatMap { reader.choice($0, "\"default\"", as: Verdict.self) } ?? .deny
        let ackNode = top["acknowledge_permissive_default"]
        let acknowledgement = ackNode.flatMap {
            reader.string($0, "\"acknowledge_permissive_default\"", example: "\"CHG-1234: sandbox, approved by risk\"")
        }
        if verdict != .deny, acknowledgement == nil, ackNode == nil, let node = top["default"] {
            reader.sink.error(node.position, "default verdict \"\(verdict.rawValue)\" lets unmatched intents through",
                              fix: "use default: deny, or add acknowledge_permissive_default: \"<why and who approved>\"")
        }
        if verdict == .deny, let ackNode {
            reader.sink.warning(ackNode.position, "acknowledge_permissive_default has no effect with a deny default",
                                fix: "remove it")
        }
        return (verdict, acknowledgement)
    }

    private mutating func loadLists(_ top: YAMLMapping) -> [(name: String, values: [RuleValue])] {
        guard let node = top["lists"], let mapping = reader.mapping(node, "\"lists\"") else { return [] }
        var lists: [(name: String, values: [RuleValue])] = []
        for (key, value) in mapping.pairs {
            guard let name = reader.name(key, "list name"),
                let items = reader.scalarList(value, "list \"\(key.text)\"", example: "[\"db.drop\", \"fs.delete\"]")
            else { continue }
            if items.isEmpty {
                reader.sink.error(value.position, "list \"\(name)\" is empty", fix: "add at least one value")
                continue
            }
            lists.append((name, items.map(Self.value(of:))))
        }
        return lists
    }

    static func isTopicName(_ name: String) -> Bool {
        (1...249).contains(name.utf8.count) && name != "." && name != ".."
            && name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0)) }
    }

    /// A list item: plain numbers and true/false keep their type; everything else is a string.
    static func value(of scalar: YAMLScalar) -> RuleValue {
        guard scalar.isPlain else { return .string(scalar.text) }
        if scalar.text == "true" || scalar.text == "false" { return .bool(scalar.text == "true") }
        return RuleNumber(decimal: scalar.text).map(RuleValue.number) ?? .string(scalar.text)
    }

    private mutating func parseMacros(_ top: YAMLMapping) -> [(String, ConditionSyntax)] {
        guard let node = top["macros"], let mapping = reader.mapping(node, "\"macros\"") else { return [] }
        var macros: [(String, ConditionSyntax)] = []
        for (key, value) in mapping.pairs {
            guard let name = reader.name(key, "macro name"),
                let syntax = conditionSyntax(value, "macro \"\(key.text)\"")
            else { continue }
            macros.append((name, syntax))
        }
        return macros
    }

    /// A condition written as one expression string, or a list of them that must all hold.
    mutating func conditionSyntax(_ node: YAMLNode, _ what: String) -> ConditionSyntax? {
        switch node {
        case .scalar(let scalar):
            return ConditionCompiler.parse(scalar, sink: &reader.sink)
        case .sequence(let items, _) where !items.isEmpty:
            let parts = items.compactMap { item -> ConditionSyntax? in
                guard let scalar = reader.scalar(item, "each item of \(what)", example: "kind == \"intent\"") else { return nil }
                return ConditionCompiler.parse(scalar, sink: &reader.sink)
            }
            return parts.count == items.count ? .and(parts) : nil
        default:
            reader.sink.error(node.position, "\(what) must be a condition expression or a list of them",
                              fix: "write e.g. kind == \"intent\" and targets.environment == \"production\"")
            return nil
        }
    }
}

extension DiagnosticSink {
    mutating func merge(_ other: DiagnosticSink) {
        for diagnostic in other.diagnostics {
            if diagnostic.severity == .error { error(diagnostic.position, diagnostic.message, fix: diagnostic.fix) }
            else { warning(diagnostic.position, diagnostic.message, fix: diagnostic.fix) }
        }
    }
}

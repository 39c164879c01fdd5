import WardenKafka
import WardenTopology

/// Reads the configuration YAML into a `ConfigDraft`, strictly: unknown keys, wrong types and
/// bad values each become a diagnostic with the position they were written at, and reading
/// goes on so that every problem is reported at once.
struct ConfigFileReader {
    var reader = YAMLReader()
    var draft = ConfigDraft()
    /// Joined to relative topology paths.
    let baseDirectory: String?

    static let topLevelKeys = ["kafka", "group.id", "topics", "topology", "evidence", "ticks", "snapshots", "engine", "http", "limits"]
    static let kafkaKeys = ["bootstrap.servers", "properties", "consumer", "producer"]
    /// Properties with a key of their own, so they cannot be set twice in two places.
    static let reservedProperties = ["bootstrap.servers": "kafka.bootstrap.servers", "group.id": "the top-level group.id"]

    mutating func read(_ root: YAMLNode) {
        guard let top = reader.mapping(root, "the configuration") else { return }
        reader.checkKeys(top, allowed: Self.topLevelKeys)
        for (key, value) in top.pairs {
            draft.sectionPositions[key.text] = key.position
            if case .mapping(let pairs, _) = value {
                draft.written.formUnion(pairs.map { "\(key.text).\($0.key.text)" })
            }
        }
        if let node = top["kafka"] { readKafka(node) }
        if let node = top["group.id"], let value = reader.string(node, "group.id", example: "group.id: warden") {
            draft.groupID = value
        }
        if let node = top["topics"] { readTopics(node) }
        if let node = top["topology"] { readTopology(node) }
        if let node = top["evidence"] { readEvidence(node) }
        if let node = top["ticks"] { readTicks(node) }
        if let node = top["snapshots"] { readSnapshots(node) }
        if let node = top["engine"] { readEngine(node) }
        if let node = top["http"] { readHTTP(node) }
        if let node = top["limits"] { readLimits(node) }
    }

    private mutating func readKafka(_ node: YAMLNode) {
        guard let kafka = reader.mapping(node, "kafka") else { return }
        reader.checkKeys(kafka, allowed: Self.kafkaKeys)
        if let node = kafka["bootstrap.servers"],
           let value = reader.string(node, "kafka.bootstrap.servers", example: "bootstrap.servers: broker1:9092,broker2:9092") {
            draft.bootstrapServers = value
        }
        if let node = kafka["properties"], let config = properties(node, "kafka.properties") { draft.properties = config }
        if let node = kafka["consumer"], let config = properties(node, "kafka.consumer") { draft.consumer = config }
        if let node = kafka["producer"], let config = properties(node, "kafka.producer") { draft.producer = config }
    }

    /// A map of librdkafka properties, kept in file order; values are passed through as text.
    private mutating func properties(_ node: YAMLNode, _ what: String) -> KafkaConfig? {
        guard let mapping = reader.mapping(node, what) else { return nil }
        var config = KafkaConfig()
        for (key, value) in mapping.pairs {
            if let owner = Self.reservedProperties[key.text] {
                reader.sink.error(key.position, "\"\(key.text)\" cannot be set in \(what)", fix: "set it with \(owner)")
                continue
            }
            guard let scalar = reader.scalar(value, "\(what).\(key.text)", example: "\(key.text): value") else { continue }
            config.set(key.text, scalar.text)
        }
        return config
    }

    private mutating func readTopics(_ node: YAMLNode) {
        guard let topics = reader.mapping(node, "topics") else { return }
        reader.checkKeys(topics, allowed: ["input"] + OutputTopicRole.allCases.map(\.rawValue))
        if let node = topics["input"], let items = nonEmptyList(node, "topics.input", example: "[agent.events]") {
            draft.input = items.compactMap { topicName($0, "topics.input") }
        }
        for role in OutputTopicRole.allCases {
            if let node = topics[role.rawValue], let topic = outputTopic(node, role) { draft.setOutput(topic) }
        }
    }

    private mutating func outputTopic(_ node: YAMLNode, _ role: OutputTopicRole) -> OutputTopic? {
        let what = "topics.\(role.rawValue)"
        guard let mapping = reader.mapping(node, what) else { return nil }
        reader.checkKeys(mapping, allowed: ["name", "partitions", "replication_factor", "configs"])
        var topic = OutputTopic.defaults(for: role)
        if let node = mapping["name"], let scalar = reader.scalar(node, "\(what).name", example: "name: \(topic.name)"),
           let name = topicName(scalar, "\(what).name") {
            topic.name = name
        }
        if let node = mapping["partitions"],
           let value = reader.integer(node, "\(what).partitions", range: 1...10_000, example: "partitions: 12") {
            topic.partitions = Int32(value)
        }
        if let node = mapping["replication_factor"],
           let value = reader.integer(node, "\(what).replication_factor", range: 1...1_000, example: "replication_factor: 3") {
            topic.replicationFactor = Int32(value)
        }
        if let node = mapping["configs"], let configs = properties(node, "\(what).configs") {
            topic.configs = topic.configs.merging(configs)
        }
        return topic
    }

    /// A list of single values with at least one item (required lists cannot be left empty).
    private mutating func nonEmptyList(_ node: YAMLNode, _ what: String, example: String) -> [YAMLScalar]? {
        guard let items = reader.scalarList(node, what, example: example) else { return nil }
        if items.isEmpty { reader.sink.error(node.position, "\(what) is empty", fix: "write a list such as \(example)") }
        return items
    }

    private mutating func topicName(_ scalar: YAMLScalar, _ what: String) -> String? {
        guard let problem = TopicName.problem(scalar.text) else { return scalar.text }
        reader.sink.error(scalar.position, "\(what) \"\(scalar.text)\" is not a valid Kafka topic name: it \(problem)",
                          fix: "use a name such as warden.verdicts")
        return nil
    }

    private mutating func readTopology(_ node: YAMLNode) {
        guard let topology = reader.mapping(node, "topology") else { return }
        reader.checkKeys(topology, allowed: ["files"])
        guard let node = topology["files"],
              let items = nonEmptyList(node, "topology.files", example: "[Topologies/main.yaml]") else { return }
        draft.topologyFiles = items.compactMap { item in
            guard !item.text.isEmpty else {
                reader.sink.error(item.position, "a topology path is empty", fix: "write the path of a topology file")
                return nil
            }
            return ConfigPaths.resolve(item.text, against: baseDirectory)
        }
    }
}

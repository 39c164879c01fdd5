import WardenEvents
import WardenEvidence
import WardenKafka
import WardenTopology

/// The configuration while it is being assembled: the file's values, then environment
/// overrides, then `finish` checks what must be present and fills in defaults.
struct ConfigDraft {
    var bootstrapServers: String?
    var properties = KafkaConfig()
    var consumer = KafkaConfig()
    var producer = KafkaConfig()
    var groupID = ServiceConfig.defaultGroupID
    var input: [String] = []
    var outputs = OutputTopicRole.allCases.map(OutputTopic.defaults)
    var topologyFiles: [String] = []
    var signingKey: SigningKeySource?
    var checkpoint = CheckpointPolicy()
    var tickInterval = ServiceConfig.defaultTickInterval
    var ticksEnabled = true
    var snapshotEveryInputs = ServiceConfig.defaultSnapshotEveryInputs
    var engine = EngineSettings(graceNanoseconds: EngineSettings.defaultGraceNanoseconds, maxKeys: EngineSettings.defaultMaxKeys)
    var http = HTTPSettings(host: HTTPSettings.defaultHost, port: HTTPSettings.defaultPort)
    var maxEventBytes = EventDecoder.defaultMaxBytes
    /// Where each top-level section starts, for "missing" findings.
    var sectionPositions: [String: SourcePosition] = [:]
    /// Required settings written in the file: when one is written but invalid, its own error
    /// says so and it is not reported as missing too.
    var written: Set<String> = []

    mutating func setOutput(_ topic: OutputTopic) {
        outputs = outputs.map { $0.role == topic.role ? topic : $0 }
    }

    /// The finished configuration, or nil after reporting what is missing or inconsistent.
    func finish(file: String, problems: inout [ConfigProblem]) -> ServiceConfig? {
        let before = problems.count
        func missing(_ section: String, _ message: String, fix: String) {
            guard !written.contains(section) else { return }
            let top = String(section.prefix { $0 != "." })
            let position = sectionPositions[top] ?? SourcePosition(line: 1, column: 1)
            problems.append(ConfigProblem(.error, .file(file, position), message, fix: fix))
        }
        if bootstrapServers == nil {
            missing("kafka.bootstrap.servers", "kafka.bootstrap.servers is not set",
                    fix: "add bootstrap.servers: host:9092 under kafka:, or set WARDEN_KAFKA_BOOTSTRAP_SERVERS")
        }
        if input.isEmpty {
            missing("topics.input", "no input topic is configured", fix: "add input: [agent.events] under topics:, or set WARDEN_TOPICS_INPUT")
        }
        if topologyFiles.isEmpty {
            missing("topology.files", "no topology file is configured", fix: "add files: [Topologies/main.yaml] under topology:")
        }
        if signingKey == nil {
            missing("evidence.signing_key", "no evidence signing key source is configured",
                    fix: "add signing_key: {file: /path/to/key} or signing_key: {env: VARIABLE} under evidence:")
        }
        checkDistinctTopics(missing: missing)
        guard problems.count == before, let bootstrapServers, let signingKey else { return nil }
        var config = ServiceConfig(
            kafka: KafkaSettings(bootstrapServers: bootstrapServers, properties: properties, consumer: consumer, producer: producer),
            groupID: groupID, topics: TopicSettings(input: input, outputs: outputs), topologyFiles: topologyFiles,
            evidence: EvidenceSettings(signingKey: signingKey, checkpoint: checkpoint), tickInterval: tickInterval,
            engine: engine, http: http, maxEventBytes: maxEventBytes)
        config.ticksEnabled = ticksEnabled
        config.snapshotEveryInputs = snapshotEveryInputs
        return config
    }

    /// Every topic name appears once: an output written into an input (or another output)
    /// would feed Warden its own records.
    private func checkDistinctTopics(missing: (String, String, String) -> Void) {
        let named = input.map { ("input", $0) } + outputs.map { ($0.role.rawValue, $0.name) }
        var seen: [(String, String)] = []
        for (role, name) in named {
            if let first = seen.first(where: { $0.1 == name }) {
                missing("topics", "topic \"\(name)\" is used both as \(first.0) and as \(role)", "give each a topic of its own")
            }
            seen.append((role, name))
        }
    }
}

import WardenKafka
import WardenTopology

extension ServiceConfig {
    /// The configuration as YAML in the file's own layout, with every default filled in and
    /// secrets masked. Without secrets it loads back to the same configuration.
    public func renderedYAML() -> String {
        var lines: [String] = ["kafka:", "  bootstrap.servers: \(Self.quoted(kafka.bootstrapServers))"]
        for (section, config) in [("properties", kafka.properties), ("consumer", kafka.consumer), ("producer", kafka.producer)] {
            lines += Self.propertyLines(section, config, indent: "  ")
        }
        lines.append("group.id: \(Self.quoted(groupID))")
        lines.append("topics:")
        lines.append("  input: [\(topics.input.map(Self.quoted).joined(separator: ", "))]")
        for topic in topics.outputs { lines += Self.topicLines(topic) }
        lines.append("topology:")
        lines.append("  files: [\(topologyFiles.map(Self.quoted).joined(separator: ", "))]")
        lines += evidenceLines()
        lines += ["ticks:", "  interval: \(tickInterval)", "  enabled: \(ticksEnabled)"]
        lines += ["snapshots:", "  every_inputs: \(snapshotEveryInputs)"]
        let grace = engine.graceNanoseconds == 0 ? "0" : "\(RuleDuration(nanoseconds: engine.graceNanoseconds))"
        lines += ["engine:", "  grace: \(grace)", "  max_keys: \(engine.maxKeys)"]
        lines += ["http:", "  host: \(Self.quoted(http.host))", "  port: \(http.port)"]
        lines += ["limits:", "  max_event_bytes: \(maxEventBytes)"]
        return lines.joined(separator: "\n") + "\n"
    }

    private func evidenceLines() -> [String] {
        let source = switch evidence.signingKey {
        case .file(let path): "{file: \(Self.quoted(path))}"
        case .environment(let name): "{env: \(Self.quoted(name))}"
        }
        var lines = ["evidence:", "  signing_key: \(source)", "  checkpoint:"]
        let policy = evidence.checkpoint
        if let inputs = policy.everyInputs { lines.append("    every_inputs: \(inputs)") }
        if let records = policy.everyRecords { lines.append("    every_records: \(records)") }
        if let ms = policy.everyStreamTimeMs { lines.append("    every_stream_time: \(RuleDuration(nanoseconds: ms * 1_000_000))") }
        return lines.count == 3 ? Array(lines.prefix(2)) : lines
    }

    private static func topicLines(_ topic: OutputTopic) -> [String] {
        var lines = ["  \(topic.role.rawValue):", "    name: \(quoted(topic.name))", "    partitions: \(topic.partitions)"]
        if topic.replicationFactor > 0 { lines.append("    replication_factor: \(topic.replicationFactor)") }
        return lines + propertyLines("configs", topic.configs, indent: "    ")
    }

    private static func propertyLines(_ section: String, _ config: KafkaConfig, indent: String) -> [String] {
        guard !config.entries.isEmpty else { return [] }
        return ["\(indent)\(section):"] + config.entries.map {
            "\(indent)  \($0.key): \(quoted(ConfigRedaction.display($0.key, $0.value)))"
        }
    }

    /// A YAML double-quoted string (quoted scalars are always strings, never numbers or bools).
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

import Testing
import WardenKafka
import WardenService
import WardenTopology

@Suite struct ConfigLoaderTests {
    @Test func minimalConfigTakesEveryDefault() throws {
        let config = try Fixture.config(Fixture.minimal)
        #expect(config.kafka.bootstrapServers == "localhost:9092")
        #expect(config.kafka.properties.entries.isEmpty)
        #expect(config.groupID == "warden")
        #expect(config.topics.input == ["agents.events"])
        #expect(config.topics.outputs.map(\.name) == [
            "warden.verdicts", "warden.commands", "warden.alerts", "warden.evidence", "warden.dead-letters", "warden.snapshots",
        ])
        #expect(config.topics.outputs.allSatisfy { $0.partitions == 6 && $0.replicationFactor == -1 })
        #expect(config.topics[.evidence].configs == KafkaConfig([("retention.ms", "-1")]))
        #expect(config.topics[.snapshots].configs == KafkaConfig([("cleanup.policy", "compact")]))
        #expect(config.topologyFiles == ["main.yaml"])
        #expect(config.evidence.signingKey == .environment("SIGNING_KEY"))
        #expect(config.evidence.checkpoint == .init(everyInputs: 10_000, everyRecords: nil, everyStreamTimeMs: 60_000))
        #expect(config.tickInterval.description == "1s")
        #expect(config.engine == EngineSettings(graceNanoseconds: 5_000_000_000, maxKeys: 1_000_000))
        #expect(config.http == HTTPSettings(host: "0.0.0.0", port: 9464))
        #expect(config.maxEventBytes == 65_536)
    }

    @Test func fullConfigKeepsPropertiesInFileOrderAndLayersRoles() throws {
        let config = try Fixture.config("""
            kafka:
              bootstrap.servers: b1:9093,b2:9093
              properties:
                security.protocol: SASL_SSL
                sasl.mechanism: SCRAM-SHA-512
                acks: all
              consumer:
                fetch.max.bytes: 1048576
              producer:
                acks: "1"
            group.id: fleet-a
            topics:
              input: [a.events, b.events]
              verdicts: {name: v, partitions: 12, replication_factor: 3}
              evidence:
                configs: {min.insync.replicas: "2", retention.ms: "100"}
            topology:
              files: [one.yaml, /abs/two.yaml]
            evidence:
              signing_key: {file: keys/ed25519}
              checkpoint: {every_inputs: 50, every_records: 7, every_stream_time: 30s}
            ticks: {interval: 500ms}
            engine: {grace: 0, max_keys: 10}
            http: {host: 127.0.0.1, port: 8080}
            limits: {max_event_bytes: 4096}
            """)
        #expect(config.kafka.properties.entries.map(\.key) == ["security.protocol", "sasl.mechanism", "acks"])
        #expect(config.kafka.producerConfig["acks"] == "1")
        #expect(config.kafka.producerConfig["enable.idempotence"] == "true")
        #expect(config.kafka.consumerConfig(groupID: config.groupID)["group.id"] == "fleet-a")
        #expect(config.kafka.consumerConfig(groupID: config.groupID)["acks"] == "all")
        #expect(config.kafka.consumerConfig(groupID: config.groupID)["fetch.max.bytes"] == "1048576")
        #expect(config.topics[.verdicts] == OutputTopic(role: .verdicts, name: "v", partitions: 12, replicationFactor: 3, configs: KafkaConfig()))
        #expect(config.topics[.evidence].configs.entries.map { "\($0.key)=\($0.value)" } == ["retention.ms=100", "min.insync.replicas=2"])
        #expect(config.evidence.signingKey == .file("keys/ed25519"))
        #expect(config.evidence.checkpoint == .init(everyInputs: 50, everyRecords: 7, everyStreamTimeMs: 30_000))
        #expect(config.tickInterval.nanoseconds == 500_000_000)
        #expect(config.engine == EngineSettings(graceNanoseconds: 0, maxKeys: 10))
        #expect(config.http == HTTPSettings(host: "127.0.0.1", port: 8080))
        #expect(config.maxEventBytes == 4096)
    }

    @Test func relativePathsAreRelativeToTheConfigFile() {
        let result = ServiceConfigLoader.load(yaml: Fixture.minimal, file: "x", baseDirectory: "/etc/warden")
        #expect(result.config?.topologyFiles == ["/etc/warden/main.yaml"])
    }

    @Test func everyTypeAndKeyErrorIsReportedWithItsPosition() {
        let problems = Fixture.problems("""
            kafka:
              bootstrap.servers: b:9092
              propertes:
                acks: all
            topics:
              input: [agents.events]
              verdicts:
                partitions: many
            topology:
              files: [a.yaml]
            evidence:
              signing_key: {env: KEY}
            ticks:
              interval: 1 second
            http:
              port: 70000
            """)
        #expect(problems == [
            #"warden.yaml:3:3: error: unknown key "propertes" in kafka; did you mean "properties"?"#,
            #"warden.yaml:8:17: error: topics.verdicts.partitions must be a whole number but is "many"; write partitions: 12"#,
            #"warden.yaml:14:13: error: ticks.interval: duration "1 second" is not a positive whole number with a unit; write a positive whole number with a unit: 500ms, 10s, 5m, 1h or 7d"#,
            "warden.yaml:16:9: error: http.port must be between 1 and 65535 but is 70000; write port: 9464",
        ])
    }

    @Test func missingSettingsReservedPropertiesAndBadTopicNames() {
        let problems = Fixture.problems("""
            kafka:
              properties:
                group.id: x
            topics:
              input: [bad topic]
            """)
        #expect(problems == [
            #"warden.yaml:3:5: error: "group.id" cannot be set in kafka.properties; set it with the top-level group.id"#,
            #"warden.yaml:5:11: error: topics.input "bad topic" is not a valid Kafka topic name: it may only contain ASCII letters, digits, ".", "_" and "-"; use a name such as warden.verdicts"#,
            "warden.yaml:1:1: error: kafka.bootstrap.servers is not set; add bootstrap.servers: host:9092 under kafka:, or set WARDEN_KAFKA_BOOTSTRAP_SERVERS",
            "warden.yaml:1:1: error: no topology file is configured; add files: [Topologies/main.yaml] under topology:",
            "warden.yaml:1:1: error: no evidence signing key source is configured; add signing_key: {file: /path/to/key} or signing_key: {env: VARIABLE} under evidence:",
        ])
    }

    @Test func signingKeyNeedsExactlyOneSourceAndTopicsMustBeDistinct() {
        let twoSources = Fixture.minimal.replacingOccurrences(of: "{env: SIGNING_KEY}", with: "{env: K, file: k}")
        #expect(Fixture.problems(twoSources) == [
            "warden.yaml:8:16: error: evidence.signing_key has both file and env; keep only one of them",
        ])
        let yaml = Fixture.minimal.replacingOccurrences(of: "input: [agents.events]", with: "input: [agents.events]\n  verdicts: {name: agents.events}")
        #expect(Fixture.problems(yaml) == [
            #"warden.yaml:3:1: error: topic "agents.events" is used both as input and as verdicts; give each a topic of its own"#,
        ])
    }

    @Test func requiredListsCannotBeEmpty() {
        let yaml = Fixture.minimal.replacingOccurrences(of: "[agents.events]", with: "[]").replacingOccurrences(of: "[main.yaml]", with: "[]")
        #expect(Fixture.problems(yaml) == [
            "warden.yaml:4:10: error: topics.input is empty; write a list such as [agent.events]",
            "warden.yaml:6:10: error: topology.files is empty; write a list such as [Topologies/main.yaml]",
        ])
    }

    @Test func yamlSyntaxErrorsAndWrongShapesAreReported() {
        #expect(Fixture.problems("kafka: [unclosed").first?.hasPrefix("warden.yaml:2:1: error: invalid YAML") == true)
        #expect(Fixture.problems("- a\n- b").first == "warden.yaml:1:1: error: the configuration must be a mapping but is a list; write it as key: value lines")
    }
}

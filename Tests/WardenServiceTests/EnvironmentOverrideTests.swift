import Testing
import WardenKafka
import WardenService

@Suite struct EnvironmentOverrideTests {
    @Test func settingsAndLibrdkafkaPropertiesAreOverridden() throws {
        let environment = [
            "WARDEN_KAFKA_BOOTSTRAP_SERVERS": "prod:9093",
            "WARDEN_GROUP_ID": "from-env",
            "WARDEN_HTTP_PORT": "9100",
            "WARDEN_TOPICS_INPUT": "x.events,y.events",
            "WARDEN_KAFKA_PROP_SASL_MECHANISM": "PLAIN",
            "WARDEN_KAFKA_PROP_SECURITY_PROTOCOL": "SASL_SSL",
            "WARDEN_CONSUMER_PROP_FETCH_WAIT_MAX_MS": "50",
            "WARDEN_PRODUCER_PROP_SOME__UNDERSCORED_NAME": "v",
            "WARDEN_EVIDENCE_SIGNING_KEY_FILE": "/run/key",
            "PATH": "/usr/bin",
        ]
        let result = Fixture.load(Fixture.minimal + "\ngroup.id: from-file", environment: environment)
        #expect(result.problems.isEmpty, "\(result.problems)")
        let config = try #require(result.config)
        #expect(config.kafka.bootstrapServers == "prod:9093")
        #expect(config.groupID == "from-env")
        #expect(config.http.port == 9100)
        #expect(config.topics.input == ["x.events", "y.events"])
        // Applied in sorted variable order: SASL_MECHANISM before SECURITY_PROTOCOL.
        #expect(config.kafka.properties == KafkaConfig([("sasl.mechanism", "PLAIN"), ("security.protocol", "SASL_SSL")]))
        #expect(config.kafka.consumer == KafkaConfig([("fetch.wait.max.ms", "50")]))
        #expect(config.kafka.producer == KafkaConfig([("some_underscored.name", "v")]))
        #expect(config.evidence.signingKey == .file("/run/key"))
        #expect(result.appliedOverrides == environment.keys.filter { $0.hasPrefix("WARDEN_") }.sorted())
    }

    @Test func anOverrideReplacesAFilePropertyInPlace() throws {
        let yaml = Fixture.minimal.replacingOccurrences(
            of: "  bootstrap.servers: localhost:9092",
            with: "  bootstrap.servers: localhost:9092\n  properties:\n    sasl.mechanism: SCRAM-SHA-256\n    client.id: w")
        let config = try Fixture.config(yaml, environment: ["WARDEN_KAFKA_PROP_SASL_MECHANISM": "PLAIN"])
        #expect(config.kafka.properties == KafkaConfig([("sasl.mechanism", "PLAIN"), ("client.id", "w")]))
    }

    @Test func bootstrapServersMayComeOnlyFromTheEnvironment() throws {
        let yaml = Fixture.minimal.replacingOccurrences(of: "kafka:\n  bootstrap.servers: localhost:9092\n", with: "")
        let config = try Fixture.config(yaml, environment: ["WARDEN_KAFKA_BOOTSTRAP_SERVERS": "h:1"])
        #expect(config.kafka.bootstrapServers == "h:1")
    }

    @Test func badValuesNameTheVariable() {
        let problems = Fixture.problems(Fixture.minimal, environment: [
            "WARDEN_HTTP_PORT": "http",
            "WARDEN_KAFKA_PROP_": "x",
            "WARDEN_KAFKA_PROP_GROUP_ID": "g",
            "WARDEN_GROUP_ID": "",
            "WARDEN_TOPICS_INPUT": "ok,bad name",
        ])
        #expect(problems == [
            "environment WARDEN_GROUP_ID: error: WARDEN_GROUP_ID is empty; correct or unset WARDEN_GROUP_ID",
            "environment WARDEN_HTTP_PORT: error: WARDEN_HTTP_PORT must be a port number from 1 to 65535; correct or unset WARDEN_HTTP_PORT",
            "environment WARDEN_KAFKA_PROP_: error: WARDEN_KAFKA_PROP_ does not name a librdkafka property; name the property after the prefix, e.g. WARDEN_KAFKA_PROP_SASL_MECHANISM for sasl.mechanism",
            #"environment WARDEN_KAFKA_PROP_GROUP_ID: error: WARDEN_KAFKA_PROP_GROUP_ID sets "group.id", which has its own setting (the top-level group.id); name the property after the prefix, e.g. WARDEN_KAFKA_PROP_SASL_MECHANISM for sasl.mechanism"#,
            #"environment WARDEN_TOPICS_INPUT: error: WARDEN_TOPICS_INPUT topic "bad name" may only contain ASCII letters, digits, ".", "_" and "-"; correct or unset WARDEN_TOPICS_INPUT"#,
        ])
    }

    @Test func aMisspeltVariableIsAWarningAndOthersAreIgnored() throws {
        let result = Fixture.load(Fixture.minimal, environment: ["WARDEN_HTTP_PROT": "1", "WARDEN_ROOT": "/work"])
        #expect(result.config != nil)
        #expect(result.problems.map(\.description) == [
            "environment WARDEN_HTTP_PROT: warning: WARDEN_HTTP_PROT is not a Warden setting and is ignored; did you mean WARDEN_HTTP_PORT?",
        ])
        #expect(result.appliedOverrides.isEmpty)
    }
}

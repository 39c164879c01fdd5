import WardenEvidence
import WardenKafka
import WardenTopology

/// Everything `warden run` needs to know before it connects: where Kafka is, which topics it
/// reads and writes, which topologies it runs, how it signs evidence and how it is observed.
/// Built by `ServiceConfigLoader` from YAML plus environment overrides; every field has a
/// documented default except the ones that cannot have one (see docs/operations.md).
public struct ServiceConfig: Sendable, Hashable {
    public var kafka: KafkaSettings
    /// The consumer group every `warden run` instance of one deployment joins.
    public var groupID: String
    public var topics: TopicSettings
    /// Topology files, resolved against the configuration file's directory.
    public var topologyFiles: [String]
    public var evidence: EvidenceSettings
    /// How often the service writes a `tick` record into each input partition.
    public var tickInterval: RuleDuration
    /// False when something else writes the ticks (e.g. a simulator or a replayed log): the
    /// service then writes none, so its input is exactly what was published.
    public var ticksEnabled: Bool = true
    /// A task snapshot (engine state and chain position, on the snapshots topic) is written
    /// after at least this many inputs of a partition, and at every clean shutdown.
    public var snapshotEveryInputs: Int = ServiceConfig.defaultSnapshotEveryInputs
    public var engine: EngineSettings
    public var http: HTTPSettings
    /// Events larger than this go to the dead-letter topic as `oversize`.
    public var maxEventBytes: Int

    public static let defaultGroupID = "warden"
    public static let defaultTickInterval = RuleDuration(nanoseconds: 1_000_000_000)
    public static let defaultSnapshotEveryInputs = 100_000
}

/// librdkafka settings: common properties for every client, then per-role overrides.
public struct KafkaSettings: Sendable, Hashable {
    public var bootstrapServers: String
    /// Passed to librdkafka unchanged, in file order, for every client.
    public var properties: KafkaConfig
    /// Applied on top of `properties` for the consumer only.
    public var consumer: KafkaConfig
    /// Applied on top of `properties` for producers (and the admin client) only.
    public var producer: KafkaConfig

    /// The admin client's config: bootstrap servers, common properties, producer overrides.
    public var adminConfig: KafkaConfig {
        KafkaConfig(bootstrapServers: bootstrapServers).merging(properties).merging(producer)
    }

    /// Warden's producer defaults, then the configured properties (the configuration wins).
    public var producerConfig: KafkaConfig {
        KafkaDefaults.producer.merging(KafkaConfig(bootstrapServers: bootstrapServers)).merging(properties).merging(producer)
    }

    /// What `warden run` produces with: `producerConfig` with `linger.ms=1` unless configured,
    /// since a verdict waits for two produce round trips (its evidence, then itself).
    public var runProducerConfig: KafkaConfig { KafkaConfig([("linger.ms", "1")]).merging(producerConfig) }

    /// Warden's consumer defaults, the group, then the configured properties.
    public func consumerConfig(groupID: String) -> KafkaConfig {
        KafkaDefaults.consumer.merging(KafkaConfig([("bootstrap.servers", bootstrapServers), ("group.id", groupID)]))
            .merging(properties).merging(consumer)
    }
}

/// The topics the service reads and the ones it writes.
public struct TopicSettings: Sendable, Hashable {
    /// Agent event topics. They must exist: creating them is the producers' business.
    public var input: [String]
    /// Output topics in a fixed order (`OutputTopicRole.allCases`).
    public var outputs: [OutputTopic]

    /// The output topic for `role`.
    public subscript(role: OutputTopicRole) -> OutputTopic {
        outputs.first { $0.role == role } ?? OutputTopic.defaults(for: role)
    }
}

/// What an output topic is for; the raw value is its key under `topics:`.
public enum OutputTopicRole: String, Sendable, Hashable, CaseIterable {
    case verdicts, commands, alerts, evidence
    case deadLetters = "dead_letters"
    case snapshots
}

/// An output topic as it should exist on the cluster.
public struct OutputTopic: Sendable, Hashable {
    public var role: OutputTopicRole
    public var name: String
    public var partitions: Int32
    /// -1 leaves it to the broker's `default.replication.factor`.
    public var replicationFactor: Int32
    /// Topic configs set at creation, defaults first, then the file's, in order.
    public var configs: KafkaConfig

    public static let defaultPartitions: Int32 = 6

    public init(role: OutputTopicRole, name: String, partitions: Int32, replicationFactor: Int32 = -1,
                configs: KafkaConfig = KafkaConfig()) {
        (self.role, self.name, self.partitions, self.replicationFactor, self.configs) = (role, name, partitions, replicationFactor, configs)
    }

    /// `warden.<role>` with 6 partitions and the broker's replication factor; evidence is kept
    /// forever and snapshots are compacted (only the latest per key matters).
    public static func defaults(for role: OutputTopicRole) -> OutputTopic {
        let configs: KafkaConfig = switch role {
        case .evidence: KafkaConfig([("retention.ms", "-1")])
        case .snapshots: KafkaConfig([("cleanup.policy", "compact")])
        case .verdicts, .commands, .alerts, .deadLetters: KafkaConfig()
        }
        let name = "warden." + role.rawValue.replacingOccurrences(of: "_", with: "-")
        return OutputTopic(role: role, name: name, partitions: defaultPartitions, replicationFactor: -1, configs: configs)
    }
}

/// Where the Ed25519 signing key comes from. The key itself is never in the configuration.
public enum SigningKeySource: Sendable, Hashable {
    /// A file holding the key.
    case file(String)
    /// The name of an environment variable holding the key.
    case environment(String)
}

/// Evidence signing and checkpoint cadence.
public struct EvidenceSettings: Sendable, Hashable {
    public var signingKey: SigningKeySource
    public var checkpoint: CheckpointPolicy
}

/// Engine-wide settings applied to every task.
public struct EngineSettings: Sendable, Hashable {
    /// How far behind stream time an event may arrive and still count (0 allowed).
    public var graceNanoseconds: Int64
    /// The most keys (agents, sessions...) one task tracks before it fails closed.
    public var maxKeys: Int

    public init(graceNanoseconds: Int64, maxKeys: Int) {
        (self.graceNanoseconds, self.maxKeys) = (graceNanoseconds, maxKeys)
    }

    public static let defaultGraceNanoseconds: Int64 = 5_000_000_000
    public static let defaultMaxKeys = 1_000_000
}

/// The metrics and health endpoint (`/metrics`, `/healthz`, `/readyz`).
public struct HTTPSettings: Sendable, Hashable {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        (self.host, self.port) = (host, port)
    }

    public static let defaultHost = "0.0.0.0"
    public static let defaultPort = 9464
}

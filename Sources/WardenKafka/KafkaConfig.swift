import CRdKafka

/// librdkafka properties as an ordered list of (key, value) pairs, passed through unchanged, so
/// anything librdkafka supports (bootstrap.servers, security.protocol, sasl.*, ssl.*, ...) works
/// without Warden knowing about it. Later entries for the same key replace earlier ones in place.
public struct KafkaConfig: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public var key: String
        public var value: String
        public init(_ key: String, _ value: String) {
            self.key = key
            self.value = value
        }
    }

    /// The properties in the order they are applied.
    public private(set) var entries: [Entry]

    public init(_ entries: [(String, String)] = []) {
        self.entries = []
        for (key, value) in entries { set(key, value) }
    }

    /// A config with `bootstrap.servers` set and nothing else.
    public init(bootstrapServers: String) {
        self.init([("bootstrap.servers", bootstrapServers)])
    }

    /// Sets `key`, replacing an earlier value in its original position.
    public mutating func set(_ key: String, _ value: String) {
        if let index = entries.firstIndex(where: { $0.key == key }) {
            entries[index].value = value
        } else {
            entries.append(Entry(key, value))
        }
    }

    /// A copy with `key` set.
    public func with(_ key: String, _ value: String) -> KafkaConfig {
        var copy = self
        copy.set(key, value)
        return copy
    }

    /// A copy with every entry of `other` applied on top of this one.
    public func merging(_ other: KafkaConfig) -> KafkaConfig {
        var copy = self
        for entry in other.entries { copy.set(entry.key, entry.value) }
        return copy
    }

    /// The value for `key`, if set.
    public subscript(key: String) -> String? {
        entries.first(where: { $0.key == key })?.value
    }

    /// Builds an `rd_kafka_conf_t`; the caller owns it (until `rd_kafka_new` takes it).
    func makeConf() throws(KafkaError) -> OpaquePointer {
        guard let conf = rd_kafka_conf_new() else {
            throw KafkaError(code: .invalidArgument, message: "rd_kafka_conf_new failed", operation: "create a config")
        }
        var errbuf = [CChar](repeating: 0, count: 512)
        for entry in entries {
            let result = rd_kafka_conf_set(conf, entry.key, entry.value, &errbuf, errbuf.count)
            if result != RD_KAFKA_CONF_OK {
                rd_kafka_conf_destroy(conf)
                throw KafkaError(
                    code: .invalidArgument, message: String(errorBuffer: errbuf),
                    operation: "set config \"\(entry.key)\" to \"\(entry.value)\"")
            }
        }
        return conf
    }
}

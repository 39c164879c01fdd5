/// What `warden bench kafka` measures. Warden and kcat get the same librdkafka (2.16 through
/// LD_LIBRARY_PATH) and the same producer settings: idempotence off on both (tansu's idempotent
/// path runs ~19k msg/s and would hide the client), the same `compression.type`.
public struct KafkaBenchOptions: Sendable {
    public var brokers: String
    public var messages: Int
    public var size: Int
    public var partitions: Int32
    public var compression: String
    public var kcat: String
    public var rounds: Int

    public init(brokers: String, messages: Int, size: Int, partitions: Int32, compression: String, kcat: String, rounds: Int) {
        self.brokers = brokers
        self.messages = messages
        self.size = size
        self.partitions = partitions
        self.compression = compression
        self.kcat = kcat
        self.rounds = rounds
    }

    /// The producer properties both clients get.
    var producerProperties: [(String, String)] {
        [("enable.idempotence", "false"), ("compression.type", compression)]
    }

    /// The consumer properties both clients get (tansu's first join waits session.timeout.ms/2).
    var consumerProperties: [(String, String)] {
        [("session.timeout.ms", "6000"), ("auto.offset.reset", "earliest")]
    }

    /// Record `n`'s key: "key-" and 8 digits, the same bytes for both clients.
    static func key(_ n: Int) -> [UInt8] {
        var key = Array("key-00000000".utf8)
        var rest = n
        for index in stride(from: key.count - 1, through: 4, by: -1) {
            key[index] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
        return key
    }

    /// The value every record carries: `size` printable bytes without ':' or newlines (kcat's
    /// key and line delimiters).
    var value: [UInt8] {
        (0..<size).map { UInt8(ascii: "a") + UInt8($0 % 26) }
    }
}

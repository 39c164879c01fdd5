import CRdKafka

/// The librdkafka version loaded at run time (not the headers built against).
public enum WardenKafka {
    public static var librdkafkaVersion: String { String(cString: rd_kafka_version_str()) }
}

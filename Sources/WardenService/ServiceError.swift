import WardenEngine
import WardenEvidence
import WardenKafka
import WardenPipeline

/// Why `warden run` (or one of its partition tasks) stopped, with what to do about it.
public enum ServiceError: Error, CustomStringConvertible {
    case kafka(KafkaError)
    case pipeline(partition: TopicPartition, PipelineError)
    /// A task could not be restored from what the topics hold.
    case restore(partition: TopicPartition, reason: String)
    /// Startup refused: configuration, topology or key (fail closed: nothing is decided).
    case startup(String)

    public var description: String {
        switch self {
        case .kafka(let error): "kafka: \(error)"
        case .pipeline(let partition, let error): "partition \(partition): \(error)"
        case .restore(let partition, let reason): "partition \(partition): cannot restore: \(reason)"
        case .startup(let reason): reason
        }
    }
}

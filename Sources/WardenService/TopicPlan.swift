import WardenKafka

/// The topics one deployment needs: input topics that must already exist (creating them is the
/// producers' business, with the partition count their keys and throughput call for), and
/// output topics that `TopicBootstrapper` creates when missing.
public struct TopicPlan: Sendable, Hashable {
    public var inputs: [String]
    public var outputs: [OutputTopic]

    public init(inputs: [String], outputs: [OutputTopic]) {
        self.inputs = inputs
        self.outputs = outputs
    }

    public init(_ config: ServiceConfig) {
        self.init(inputs: config.topics.input, outputs: config.topics.outputs)
    }
}

/// What was found for one topic of the plan.
public struct TopicReport: Sendable, Hashable, CustomStringConvertible {
    public enum Status: Sendable, Hashable {
        /// Created now with this many partitions.
        case created(partitions: Int32)
        /// Already there with at least the planned partitions.
        case exists(partitions: Int32)
        /// An input topic that does not exist: Warden does not create its inputs.
        case missingInput
        /// An output topic with fewer partitions than planned.
        case tooFewPartitions(existing: Int32, planned: Int32)
    }

    /// `input`, or the output role (`verdicts`, `dead_letters`, ...).
    public let role: String
    public let name: String
    public let status: Status

    public var isProblem: Bool {
        switch status {
        case .created, .exists: false
        case .missingInput, .tooFewPartitions: true
        }
    }

    /// `created`, `exists` or `problem`: the status column of `warden topics ensure`.
    public var statusWord: String {
        switch status {
        case .created: "created"
        case .exists: "exists"
        case .missingInput, .tooFewPartitions: "problem"
        }
    }

    /// What happened, and for a problem what to do about it.
    public var detail: String {
        switch status {
        case .created(let partitions), .exists(let partitions): partitions == 1 ? "1 partition" : "\(partitions) partitions"
        case .missingInput:
            "input topic does not exist; Warden never creates its inputs: create it where the agents' producers are managed"
        case .tooFewPartitions(let existing, let planned):
            "has \(existing) partitions, the configuration plans \(planned): add partitions on the cluster or lower partitions in the configuration"
        }
    }

    public var description: String { "\(role) \(name): \(statusWord): \(detail)" }
}

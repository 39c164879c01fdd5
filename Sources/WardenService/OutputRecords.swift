import WardenEngine
import WardenEvidence
import WardenJSON
import WardenKafka
import WardenPipeline

/// What goes on the output topics for each recorded engine output (docs/operations.md,
/// "Output topics"). Every message carries headers that trace it to its evidence record:
/// `warden-chain`, `warden-seq`, `warden-record` (the record hash), `warden-kind`, and
/// `warden-rule` when a rule decided. Outputs that are evidence only (approval bookkeeping,
/// suppressed matches, evictions) produce no message.
public struct OutputRecords: Sendable {
    public let topics: TopicSettings
    public let signingKey: EvidenceSigningKey

    public init(topics: TopicSettings, signingKey: EvidenceSigningKey) {
        (self.topics, self.signingKey) = (topics, signingKey)
    }

    /// The messages for `recorded`, whose triggering input is `input` when it is the record
    /// being processed now (dead letters and late events always are).
    public func records(for recorded: RecordedOutput, chain: ChainID, input: EngineInput) throws(EvidenceError) -> [KafkaProducerRecord] {
        let output = recorded.output
        let headers = Self.headers(recorded, chain: chain)
        let agentKey = output.context.agent.map { Array($0.utf8) }
        switch output.body {
        case .verdict:
            let signed = SignedVerdict.envelope(signing: try Self.json(output), with: signingKey)
            return [KafkaProducerRecord(topic: topics[.verdicts].name, key: agentKey, value: signed, headers: headers)]
        case .command(let command):
            let key = (command.target == .agent ? command.targetID : nil) ?? output.context.agent
            return [KafkaProducerRecord(topic: topics[.commands].name, key: key.map { Array($0.utf8) }, value: try Self.json(output), headers: headers)]
        case .alert:
            return [KafkaProducerRecord(topic: topics[.alerts].name, key: agentKey, value: try Self.json(output), headers: headers)]
        case .deadLetter(let code, let description):
            return [deadLetter(input, code: code, reason: description, headers: headers)]
        case .lateEvent(_, let eventTime, let watermark):
            let reason = "event time \(eventTime) ns is before the watermark \(watermark) ns (stream time minus grace): not evaluated"
            return [deadLetter(input, code: "late_event", reason: reason, headers: headers)]
        case .suppressed, .approvalApplied, .approvalRecorded, .approvalIgnored, .stateEvicted:
            return []
        }
    }

    /// The original record, byte for byte (key, value, headers), with the reason in headers, the
    /// way Kafka tooling expects dead letters: `warden-dlq-code`, `warden-dlq-reason`,
    /// `warden-dlq-input` (`<topic>/<partition>@<offset>`).
    private func deadLetter(_ input: EngineInput, code: String, reason: String, headers: [KafkaHeader]) -> KafkaProducerRecord {
        var all = input.headers.map { KafkaHeader($0.0, $0.1) }
        all += [
            KafkaHeader("warden-dlq-code", code), KafkaHeader("warden-dlq-reason", reason),
            KafkaHeader("warden-dlq-input", "\(input.topic)/\(input.partition)@\(input.offset)"),
        ]
        return KafkaProducerRecord(topic: topics[.deadLetters].name, key: input.key, value: input.value, headers: all + headers)
    }

    static func headers(_ recorded: RecordedOutput, chain: ChainID) -> [KafkaHeader] {
        var headers = [
            KafkaHeader(Header.chain, chain.description), KafkaHeader(Header.seq, String(recorded.seq)),
            KafkaHeader(Header.record, recorded.hash.hex), KafkaHeader(Header.kind, recorded.output.kind),
        ]
        if let rule = recorded.output.ruleID { headers.append(KafkaHeader(Header.rule, rule)) }
        return headers
    }

    /// The output's JSON in canonical form (safe integers, as its evidence body holds them),
    /// written directly; a verdict's is what its signature covers.
    static func json(_ output: EngineOutput) throws(EvidenceError) -> [UInt8] {
        do { return try CanonicalOutput.message(output) } catch { throw .canonical(error) }
    }

    /// Header names, shared with the restore scan that finds outputs already written.
    public enum Header {
        public static let chain = "warden-chain"
        public static let seq = "warden-seq"
        public static let record = "warden-record"
        public static let kind = "warden-kind"
        public static let rule = "warden-rule"
    }
}

/// Reading ranges of Kafka topics back: the evidence topic (`KafkaEvidenceLogSource`) and the
/// input topics (`KafkaInputSource`) for `warden verify` and `warden evidence export`, and the
/// evidence sink that writes chains to the evidence topic (`KafkaEvidenceSink`).
/// Replay of input ranges through the engine and back-testing build on the same readers.
public enum WardenReplay {}

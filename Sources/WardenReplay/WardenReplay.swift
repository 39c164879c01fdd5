/// Replay of input ranges from Kafka and lz4 archives, back-testing and regression fixtures.
///
/// Not built yet: this target exists so the module graph is fixed from the start (it depends on
/// the engine, evidence and Kafka layers and nothing depends on it). See the roadmap in README.md.
public enum WardenReplay {}

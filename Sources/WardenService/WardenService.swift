/// The `warden run` supervisor: consume, decide, enforce, record.
///
/// `ServiceConfigLoader` reads the configuration, `RunSetup` loads the topology and key,
/// `TopicBootstrapper` creates missing output topics, and `ServiceRunner` runs the loop: one
/// `PartitionTask` per assigned input partition, restored by `TaskRestorer` from the latest
/// `TaskSnapshot` and the evidence topic (docs/operations.md).
public enum WardenService {}

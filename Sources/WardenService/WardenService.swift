/// The `warden run` supervisor: consume, decide, enforce, record.
///
/// Not built yet (issue "Service: warden run"): this target exists so the module graph is fixed
/// from the start. It depends on the engine, evidence and Kafka layers.
public enum WardenService {}

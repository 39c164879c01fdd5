/// Deterministic simulated fleet traffic (schema v1 events) with labelled, injected incidents.
public enum WardenSimulation {}

/// The deterministic engine: an ordered input log in, ordered decisions out; no I/O, no clock.
///
/// Not built yet (issue "Deterministic engine"): this target exists so the module graph is fixed.
public enum WardenEngine {}

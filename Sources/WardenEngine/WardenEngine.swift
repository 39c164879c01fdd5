/// The deterministic engine: an ordered input log in, ordered decisions out; no I/O, no clock.
///
/// This module holds the stateful primitives rules compile onto (stream time, windows, sequences,
/// obligations, drift detectors) and their deterministic snapshots. Every primitive is a value
/// type driven only by the times and values it is given; nothing it emits or snapshots depends on
/// Dictionary or Set iteration order (see docs/engine.md).
public enum WardenEngine {}

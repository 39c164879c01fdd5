import WardenTopology

/// The smaller sections: evidence, ticks, engine, http, limits.
extension ConfigFileReader {
    mutating func readEvidence(_ node: YAMLNode) {
        guard let evidence = reader.mapping(node, "evidence") else { return }
        reader.checkKeys(evidence, allowed: ["signing_key", "checkpoint"])
        if let node = evidence["signing_key"] { draft.signingKey = signingKey(node) }
        if let node = evidence["checkpoint"] { readCheckpoint(node) }
    }

    /// `{file: PATH}` or `{env: NAME}`, exactly one: the key itself never goes in the file.
    private mutating func signingKey(_ node: YAMLNode) -> SigningKeySource? {
        let example = "signing_key: {file: /run/secrets/warden-signing-key}"
        guard let mapping = reader.mapping(node, "evidence.signing_key") else { return nil }
        reader.checkKeys(mapping, allowed: ["file", "env"])
        let file = mapping["file"].flatMap { reader.string($0, "evidence.signing_key.file", example: example) }
        let env = mapping["env"].flatMap { reader.string($0, "evidence.signing_key.env", example: "env: WARDEN_SIGNING_KEY") }
        switch (file, env) {
        case (let file?, nil): return .file(ConfigPaths.resolve(file, against: baseDirectory))
        case (nil, let env?): return .environment(env)
        case (.some, .some):
            reader.sink.error(mapping.position, "evidence.signing_key has both file and env", fix: "keep only one of them")
        case (nil, nil):
            if mapping["file"] == nil, mapping["env"] == nil {
                reader.sink.error(mapping.position, "evidence.signing_key names no key source", fix: "write \(example)")
            }
        }
        return nil
    }

    private mutating func readCheckpoint(_ node: YAMLNode) {
        guard let checkpoint = reader.mapping(node, "evidence.checkpoint") else { return }
        reader.checkKeys(checkpoint, allowed: ["every_inputs", "every_records", "every_stream_time"])
        if let node = checkpoint["every_inputs"] {
            draft.checkpoint.everyInputs = reader.integer(
                node, "evidence.checkpoint.every_inputs", range: 1...Int(Int32.max), example: "every_inputs: 10000")
        }
        if let node = checkpoint["every_records"] {
            draft.checkpoint.everyRecords = reader.integer(
                node, "evidence.checkpoint.every_records", range: 1...Int(Int32.max), example: "every_records: 10000")
        }
        if let node = checkpoint["every_stream_time"],
           let duration = reader.duration(node, "evidence.checkpoint.every_stream_time") {
            draft.checkpoint.everyStreamTimeMs = max(1, duration.nanoseconds / 1_000_000)
        }
    }

    mutating func readTicks(_ node: YAMLNode) {
        guard let ticks = reader.mapping(node, "ticks") else { return }
        reader.checkKeys(ticks, allowed: ["interval", "enabled"])
        if let node = ticks["interval"], let interval = reader.duration(node, "ticks.interval") {
            draft.tickInterval = interval
        }
        if let node = ticks["enabled"], let enabled = reader.bool(node, "ticks.enabled") { draft.ticksEnabled = enabled }
    }

    mutating func readSnapshots(_ node: YAMLNode) {
        guard let snapshots = reader.mapping(node, "snapshots") else { return }
        reader.checkKeys(snapshots, allowed: ["every_inputs"])
        if let node = snapshots["every_inputs"],
           let value = reader.integer(node, "snapshots.every_inputs", range: 1...Int(Int32.max), example: "every_inputs: 100000") {
            draft.snapshotEveryInputs = value
        }
    }

    mutating func readEngine(_ node: YAMLNode) {
        guard let engine = reader.mapping(node, "engine") else { return }
        reader.checkKeys(engine, allowed: ["grace", "max_keys"])
        if let node = engine["grace"], let grace = grace(node) { draft.engine.graceNanoseconds = grace }
        if let node = engine["max_keys"],
           let value = reader.integer(node, "engine.max_keys", range: 1...Int(Int32.max), example: "max_keys: 1000000") {
            draft.engine.maxKeys = value
        }
    }

    /// A duration, or `0` for no grace at all (topology durations are never zero, grace may be).
    private mutating func grace(_ node: YAMLNode) -> Int64? {
        if case .scalar(let scalar) = node, scalar.isPlain, scalar.text == "0" { return 0 }
        return reader.duration(node, "engine.grace")?.nanoseconds
    }

    mutating func readHTTP(_ node: YAMLNode) {
        guard let http = reader.mapping(node, "http") else { return }
        reader.checkKeys(http, allowed: ["host", "port"])
        if let node = http["host"], let host = reader.string(node, "http.host", example: "host: 0.0.0.0") { draft.http.host = host }
        if let node = http["port"], let port = reader.integer(node, "http.port", range: 1...65_535, example: "port: 9464") {
            draft.http.port = port
        }
    }

    mutating func readLimits(_ node: YAMLNode) {
        guard let limits = reader.mapping(node, "limits") else { return }
        reader.checkKeys(limits, allowed: ["max_event_bytes"])
        if let node = limits["max_event_bytes"],
           let value = reader.integer(node, "limits.max_event_bytes", range: 256...(16 << 20), example: "max_event_bytes: 65536") {
            draft.maxEventBytes = value
        }
    }
}

/// Paths in the configuration are relative to the configuration file, not to wherever the
/// service happens to be started from.
enum ConfigPaths {
    static func resolve(_ path: String, against directory: String?) -> String {
        guard let directory, !path.hasPrefix("/") else { return path }
        return directory.hasSuffix("/") ? directory + path : directory + "/" + path
    }
}

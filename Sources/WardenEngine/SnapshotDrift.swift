// Snapshot forms of the drift detectors: doubles as IEEE bit patterns, categories in byte order.

extension PSIDetector.Config: SnapshotComponent {
    public func encode(to writer: inout SnapshotWriter) {
        writer.write(threshold)
        writer.write(epsilon)
        writer.write(minCount)
        writer.write(baselineWindows)
        writer.write(maxCategories)
    }

    public init(from reader: inout SnapshotReader) throws(SnapshotError) {
        self.init(threshold: try reader.readDouble(), epsilon: try reader.readDouble(), minCount: try reader.readInt64(),
                  baselineWindows: try reader.readInt(), maxCategories: try reader.readInt())
    }
}

extension PSIDetector: SnapshotCodable {
    public static let snapshotTag = "warden.engine.drift.psi"

    public func encode(to writer: inout SnapshotWriter) {
        writer.write(config)
        writer.write(learnedWindows)
        writer.write(baseline) { $0.write($1) }
    }

    public init(from reader: inout SnapshotReader) throws(SnapshotError) {
        let at = reader.offset
        let config = try reader.read(Config.self)
        self = try reader.validated(from: at) { () throws(EngineConfigError) in try Self(config: config) }
        learnedWindows = try reader.readInt()
        baseline = try reader.readDictionary { (r: inout SnapshotReader) throws(SnapshotError) in try r.readInt64() }
    }
}

extension PageHinkleyDetector.Config: SnapshotComponent {
    public func encode(to writer: inout SnapshotWriter) {
        for value in [delta, lambda, alpha] { writer.write(value) }
        writer.write(baselineWindows)
        writer.write(minStdev)
    }

    public init(from reader: inout SnapshotReader) throws(SnapshotError) {
        self.init(delta: try reader.readDouble(), lambda: try reader.readDouble(), alpha: try reader.readDouble(),
                  baselineWindows: try reader.readInt(), minStdev: try reader.readDouble())
    }
}

extension PageHinkleyDetector: SnapshotCodable {
    public static let snapshotTag = "warden.engine.drift.page-hinkley"

    public func encode(to writer: inout SnapshotWriter) {
        writer.write(config)
        writer.write(baseline)
        writer.write(samples)
        for value in [zSum, up, upMin, down, downMax] { writer.write(value) }
    }

    public init(from reader: inout SnapshotReader) throws(SnapshotError) {
        let at = reader.offset
        let config = try reader.read(Config.self)
        self = try reader.validated(from: at) { () throws(EngineConfigError) in try Self(config: config) }
        baseline = try reader.read()
        samples = try reader.readInt()
        (zSum, up, upMin) = (try reader.readDouble(), try reader.readDouble(), try reader.readDouble())
        (down, downMax) = (try reader.readDouble(), try reader.readDouble())
    }
}

extension CUSUMDetector.Config: SnapshotComponent {
    public func encode(to writer: inout SnapshotWriter) {
        writer.write(k)
        writer.write(h)
        writer.write(baselineWindows)
        writer.write(minStdev)
    }

    public init(from reader: inout SnapshotReader) throws(SnapshotError) {
        self.init(k: try reader.readDouble(), h: try reader.readDouble(), baselineWindows: try reader.readInt(), minStdev: try reader.readDouble())
    }
}

extension CUSUMDetector: SnapshotCodable {
    public static let snapshotTag = "warden.engine.drift.cusum"

    public func encode(to writer: inout SnapshotWriter) {
        writer.write(config)
        writer.write(baseline)
        writer.write(high)
        writer.write(low)
    }

    public init(from reader: inout SnapshotReader) throws(SnapshotError) {
        let at = reader.offset
        let config = try reader.read(Config.self)
        self = try reader.validated(from: at) { () throws(EngineConfigError) in try Self(config: config) }
        baseline = try reader.read()
        (high, low) = (try reader.readDouble(), try reader.readDouble())
    }
}

extension DriftScopes: SnapshotCodable {
    public static var snapshotTag: String { "warden.engine.drift-scopes/" + Detector.snapshotTag }

    public func encode(to writer: inout SnapshotWriter) {
        writer.write(config)
        activity.encode(to: &writer)
        writer.write(detectors)
    }

    public init(from reader: inout SnapshotReader) throws(SnapshotError) {
        let at = reader.offset
        let config = try reader.read(Detector.Config.self)
        let activity = try reader.read(IdleKeyTracker.self)
        self = try reader.validated(from: at) { () throws(EngineConfigError) in
            try Self(config: config, idleSpan: activity.idleSpan, maxScopes: activity.maxKeys)
        }
        self.activity = activity
        detectors = StateMap(try reader.readDictionary())
        try reader.check(Set(detectors.keys) == Set(activity.lastSeen.keys), "drift scopes", detectors.count)
    }
}

// Snapshot forms of the window primitives. Keys and window starts are written sorted; indexes
// (schedules) are not written and are rebuilt on restore.

extension WindowSpec: SnapshotComponent {
    public func encode(to writer: inout SnapshotWriter) {
        switch self {
        case .tumbling(let size): writer.write(UInt8(0)); writer.write(size); writer.write(size)
        case .hopping(let size, let step): writer.write(UInt8(1)); writer.write(size); writer.write(step)
        case .session(let gap, let maxLength): writer.write(UInt8(2)); writer.write(gap); writer.write(maxLength)
        }
    }

    public init(from reader: inout SnapshotReader) throws(SnapshotError) {
        let at = reader.offset
        let (kind, a, b) = (try reader.readUInt8(), try reader.readInt64(), try reader.readInt64())
        switch kind {
        case 0: self = .tumbling(size: a)
        case 1: self = .hopping(size: a, step: b)
        case 2: self = .session(gap: a, maxLength: b)
        default: throw .invalidValue(field: "window kind", offset: at, found: String(kind))
        }
        try reader.validated(from: at) { () throws(EngineConfigError) in try validate() }
    }
}

extension FixedWindowAggregator: SnapshotCodable {
    public static let snapshotTag = "warden.engine.window.fixed"

    public func encode(to writer: inout SnapshotWriter) {
        writer.write(WindowSpec.hopping(size: size, step: step))
        writer.write(watermark)
        writer.write(UInt64(openStarts.count))
        for (start, window) in zip(openStarts, openWindows) {
            writer.write(start)
            writer.write(window)
        }
    }

    public init(from reader: inout SnapshotReader) throws(SnapshotError) {
        guard case .hopping(let size, let step) = try reader.read(WindowSpec.self) else {
            throw .invalidValue(field: "window kind", offset: reader.offset, found: "not fixed")
        }
        (self.size, self.step) = (size, step)
        watermark = try reader.readInt64()
        for _ in 0..<(try reader.readCount()) {
            let start = try reader.readInt64()
            try reader.check(openStarts.last.map { start > $0 } ?? true, "window start order", start)
            openStarts.append(start)
            openWindows.append(StateMap(try reader.readDictionary(of: WindowAggregate.self)))
        }
    }
}

extension SessionInput: SnapshotComponent {
    func encode(to writer: inout SnapshotWriter) {
        writer.write(time)
        writer.write(value)
        writer.write(category != nil)
        if let category { writer.write(category) }
    }

    init(from reader: inout SnapshotReader) throws(SnapshotError) {
        time = try reader.readInt64()
        value = try reader.readInt64()
        category = try reader.readBool() ? try reader.readString() : nil
    }
}

extension SessionKeyState: SnapshotComponent {
    func encode(to writer: inout SnapshotWriter) {
        writer.write(head != nil)
        if let head {
            writer.write(head.start)
            writer.write(head.last)
            writer.write(head.aggregate)
        }
        writer.write(pending)
    }

    init(from reader: inout SnapshotReader) throws(SnapshotError) {
        if try reader.readBool() {
            head = OpenSession(start: try reader.readInt64(), last: try reader.readInt64(), aggregate: try reader.read())
        }
        pending = try reader.readArray()
    }
}

extension SessionWindowAggregator: SnapshotCodable {
    public static let snapshotTag = "warden.engine.window.session"

    public func encode(to writer: inout SnapshotWriter) {
        writer.write(WindowSpec.session(gap: gap, maxLength: maxLength))
        writer.write(watermark)
        writer.write(keys)
    }

    public init(from reader: inout SnapshotReader) throws(SnapshotError) {
        guard case .session(let gap, let maxLength) = try reader.read(WindowSpec.self) else {
            throw .invalidValue(field: "window kind", offset: reader.offset, found: "not session")
        }
        (self.gap, self.maxLength) = (gap, maxLength)
        watermark = try reader.readInt64()
        keys = StateMap(try reader.readDictionary())
        schedule = rebuildSchedule()
    }
}

extension WindowAggregator: SnapshotCodable {
    public static let snapshotTag = "warden.engine.window"

    public func encode(to writer: inout SnapshotWriter) {
        writer.write(spec)
        if let fixed { fixed.encode(to: &writer) } else { session!.encode(to: &writer) }
    }

    public init(from reader: inout SnapshotReader) throws(SnapshotError) {
        spec = try reader.read()
        if case .session = spec { session = try reader.read() } else { fixed = try reader.read() }
    }
}

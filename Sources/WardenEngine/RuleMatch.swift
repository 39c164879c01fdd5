import WardenEvents
import WardenJSON
import WardenTopology

/// A detection rule fired: the engine turns it into command, alert or suppressed outputs.
struct RuleMatch: Sendable {
    var context: MatchContext
    /// The rule's key value (agent id, run id…) the match is about.
    var key: String
    var reason: String
    var detail: JSONValue
}

/// What a compiled rule reports for one input or one watermark advance, in emission order.
enum RuleEvent: Sendable {
    case match(RuleMatch)
    case evicted(what: String, key: String, context: MatchContext, detail: JSONValue)
}

extension FieldPath {
    /// The first number the path reaches, as a whole number (fractions truncated toward zero;
    /// out-of-range values saturate); 0 when there is none, so it adds nothing to a sum.
    func integerValue(in event: JSONValue) -> Int64 {
        var result: Int64 = 0
        _ = scan(event) { value in
            guard case .number(let n) = value else { return false }
            if let exact = n.int64 { result = exact } else if let d = n.double, d.isFinite {
                result = d >= 9.2e18 ? .max : d <= -9.2e18 ? .min : Int64(d)
            }
            return true
        }
        return result
    }
}

/// The latest match context a threshold or drift rule keeps per key, with its event time
/// beside it: `keepLatest` compares times without reading the context's shared event object
/// (a cold cache line per input). Written as the context alone, so snapshots and the state
/// digest are the bytes of a `StateMap<MatchContext>`.
struct KeptContext: Sendable, Hashable {
    private(set) var eventTime: Int64
    private(set) var context: MatchContext

    init(_ context: MatchContext) {
        eventTime = context.eventTime
        self.context = context
    }

    /// Keeps a copy of `context` with an object of its own (see `MatchContext.assign`).
    init(copying context: MatchContext) {
        eventTime = context.eventTime
        self.context = MatchContext(copying: context)
    }

    /// Whether `context` is kept instead: it is no earlier (a tie goes to the later input).
    func yields(to context: MatchContext) -> Bool { eventTime <= context.eventTime }

    /// Keeps `context` instead when it is no earlier (`yields(to:)`), in place.
    mutating func keep(_ context: MatchContext) {
        if yields(to: context) { replace(with: context) }
    }

    /// Keeps `context` instead, reusing this copy's object when nothing else holds it.
    mutating func replace(with context: MatchContext) {
        eventTime = context.eventTime
        self.context.assign(context)
    }
}

extension KeptContext: SnapshotComponent {
    func encode(to writer: inout SnapshotWriter) { context.encode(to: &writer) }

    init(from reader: inout SnapshotReader) throws(SnapshotError) { self.init(try MatchContext(from: &reader)) }
}

extension StateMap where Value == KeptContext {
    /// Keeps `context` for `key` unless a later event's context is already there: one hash
    /// lookup, and the stored entry compared and replaced where it sits (never copied out).
    mutating func keepLatest(_ context: MatchContext, for key: StateKey) {
        guard let index = index(forKey: key) else {
            updateValue(KeptContext(context), forKey: key)
            return
        }
        self[valueAt: index].keep(context)
    }
}

extension Dictionary where Key == StateKey {
    /// Values in key byte order, so nothing emitted follows hash order.
    func valuesInKeyOrder() -> [(key: String, value: Value)] {
        KeyOrder.sortedKeys(self).map { ($0.string, self[$0]!) }
    }
}

extension InputReference: SnapshotComponent {
    public func encode(to writer: inout SnapshotWriter) {
        writer.write(topic)
        writer.write(Int64(partition))
        writer.write(offset)
        for byte in digest.bytes { writer.write(byte) }
    }

    public init(from reader: inout SnapshotReader) throws(SnapshotError) {
        let topic = try reader.readString()
        let at = reader.offset
        let partition = try reader.readInt64()
        guard let narrow = Int32(exactly: partition) else { throw .invalidValue(field: "partition", offset: at, found: String(partition)) }
        let offset = try reader.readInt64()
        var digest: [UInt8] = []
        for _ in 0..<32 { digest.append(try reader.readUInt8()) }
        self.init(topic: topic, partition: narrow, offset: offset, digest: try InputDigest(snapshotBytes: digest))
    }
}

extension MatchContext: SnapshotComponent {
    public func encode(to writer: inout SnapshotWriter) {
        writer.write(input)
        writer.writeOptional(eventID)
        writer.write(eventTime)
        writer.writeOptional(agent)
        writer.writeOptional(principal)
        writer.writeOptional(run)
        writer.writeOptional(suppressKey)
    }

    public init(from reader: inout SnapshotReader) throws(SnapshotError) {
        self.init(
            input: try reader.read(), eventID: try reader.readOptionalString(), eventTime: try reader.readInt64(),
            agent: try reader.readOptionalString(), principal: try reader.readOptionalString(),
            run: try reader.readOptionalString(), suppressKey: try reader.readOptionalString())
    }
}

extension SnapshotWriter {
    mutating func writeOptional(_ value: String?) {
        write(value != nil)
        if let value { write(value) }
    }
}

extension SnapshotReader {
    mutating func readOptionalString() throws(SnapshotError) -> String? {
        try readBool() ? try readString() : nil
    }
}

extension InputDigest {
    /// Rebuilds a digest from its 32 bytes as written in a snapshot.
    init(snapshotBytes bytes: [UInt8]) throws(SnapshotError) {
        let hex = bytes.map { byte in
            let digits = String(byte, radix: 16)
            return byte < 16 ? "0" + digits : digits
        }
        guard let digest = InputDigest(text: InputDigest.prefix + hex.joined()) else {
            throw .invalidValue(field: "input digest", offset: 0, found: "\(bytes.count) bytes")
        }
        self = digest
    }
}

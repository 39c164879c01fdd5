import WardenEvents
import WardenJSON

/// The values one event holds at each path of a `FieldSlots`, resolved on first use and kept
/// for every later test of the same path on the same event.
///
/// One value is reused from event to event (`load` starts the next event without freeing its
/// buffers), so the common path — an event most rules ignore — allocates nothing.
public struct EventFields: Sendable {
    private let paths: [FieldPath]
    private var root: JSONValue = .null
    /// The event's validated kind, when the caller knows it (see `load(_:kind:)`).
    public private(set) var kind: EventKind?
    private var generation: UInt32 = 1
    /// Per slot: the generation it was resolved in, and where its values sit in `values`.
    private var resolved: [UInt32]
    private var starts: [Int32]
    private var counts: [Int32]
    private var values: [JSONValue] = []
    /// Per slot: the generation its key value (`FieldPath.keyValue(in:)`) was read in, and it.
    private var keyResolved: [UInt32]
    private var keys: [String?]

    public init(slots: FieldSlots) {
        paths = slots.paths
        resolved = Array(repeating: 0, count: slots.paths.count)
        keyResolved = resolved
        keys = Array(repeating: nil, count: slots.paths.count)
        starts = Array(repeating: 0, count: slots.paths.count)
        counts = Array(repeating: 0, count: slots.paths.count)
    }

    /// Starts a new event. Pass `kind` only when `event` is a validated schema v1 event whose
    /// `kind` member is that kind's name (as `AgentEvent` guarantees): kind tests then read it
    /// directly.
    public mutating func load(_ event: JSONValue, kind: EventKind? = nil) {
        root = event
        self.kind = kind
        values.removeAll(keepingCapacity: true)
        generation &+= 1
        if generation == 0 {
            generation = 1
            for index in resolved.indices { (resolved[index], keyResolved[index]) = (0, 0) }
        }
    }

    /// `FieldPath.keyValue(in:)` of `slot`'s path on the event, read once per event.
    public mutating func key(_ slot: Int) -> String? {
        if keyResolved[slot] != generation {
            keys[slot] = paths.withUnsafeBufferPointer { (($0.baseAddress! + slot).pointee.keyValue(in: root)) }
            keyResolved[slot] = generation
        }
        return keys[slot]
    }

    /// The values `slot`'s path reaches (as `FieldPath.scan` visits them), resolving it once.
    mutating func range(of slot: Int) -> Range<Int> {
        if resolved[slot] != generation {
            let start = values.count
            // The path is read in place (`pointee`); a subscript read would copy (retain) it.
            paths.withUnsafeBufferPointer { paths in Self.collect((paths.baseAddress! + slot).pointee, in: root, into: &values) }
            resolved[slot] = generation
            starts[slot] = Int32(truncatingIfNeeded: start)
            counts[slot] = Int32(truncatingIfNeeded: values.count - start)
        }
        let start = Int(starts[slot])
        return start..<(start + Int(counts[slot]))
    }

    /// The value at `index` of a range from `range(of:)`, when it is a string.
    func string(at index: Int) -> String? {
        values[index].stringValue
    }

    /// Scans `slot`'s values like `FieldPath.scan` scans the event.
    mutating func scan(_ slot: Int, _ test: (JSONValue) -> Bool) -> FieldPath.Scan {
        let range = range(of: slot)
        guard !range.isEmpty else { return .missing }
        return values.withUnsafeBufferPointer { buffer in
            // Read in place through `pointee`; a subscript read would copy each value out.
            for index in range where test((buffer.baseAddress! + index).pointee) { return .matched }
            return .noneMatched
        }
    }

    private static func collect(_ path: FieldPath, in root: JSONValue, into values: inout [JSONValue]) {
        _ = path.scan(root) { value in
            values.append(value)
            return false
        }
    }
}

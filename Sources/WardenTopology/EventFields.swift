import WardenEvents
import WardenJSON

/// The values one event holds at each path of a `FieldSlots`, resolved on first use and kept
/// for every later test of the same path on the same event.
///
/// The first read of an event walks it once for every slot (`FieldTrie`), binding each object
/// on the way once rather than once per path through it. One value is reused from event to
/// event (`load` starts the next event without freeing its buffers), so the common path — an
/// event most rules ignore — allocates nothing.
public struct EventFields: Sendable {
    private let trie: FieldTrie
    private var root: JSONValue = .null
    /// The event's validated kind, when the caller knows it (see `load(_:kind:)`).
    public private(set) var kind: EventKind?
    /// True once `root` was walked into `values`.
    private var walked = false
    private var values: SlotValues

    public init(slots: FieldSlots) {
        trie = FieldTrie(paths: slots.paths)
        values = SlotValues(count: slots.paths.count)
    }

    /// Starts a new event. Pass `kind` only when `event` is a validated schema v1 event whose
    /// `kind` member is that kind's name (as `AgentEvent` guarantees): kind tests then read it
    /// directly.
    public mutating func load(_ event: JSONValue, kind: EventKind? = nil) {
        root = event
        self.kind = kind
        walked = false
        values.next()
    }

    private mutating func resolve() {
        guard !walked else { return }
        walked = true
        trie.walk(root, into: &values)
    }

    /// `FieldPath.keyValue(in:)` of `slot`'s path on the event.
    public mutating func key(_ slot: Int) -> String? {
        resolve()
        return values.onlyString(slot, direct: true)
    }

    /// How many values `slot`'s path reaches (as `FieldPath.scan` visits them).
    mutating func count(of slot: Int) -> Int {
        resolve()
        return values.count(slot)
    }

    /// The value `slot`'s path reaches when it reaches exactly one and that is a string.
    mutating func onlyString(_ slot: Int) -> String? {
        resolve()
        return values.onlyString(slot, direct: false)
    }

    /// Scans `slot`'s values like `FieldPath.scan` scans the event.
    mutating func scan(_ slot: Int, _ test: (JSONValue) -> Bool) -> FieldPath.Scan {
        resolve()
        return values.scan(slot, test)
    }
}

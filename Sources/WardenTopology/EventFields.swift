import CPrefetch
import WardenEvents
import WardenJSON

/// The values one event holds at each path of a `FieldSlots`, resolved on first use and kept
/// for every later test of the same path on the same event.
///
/// The first read of an event walks it once (`FieldTrie`) for every slot that events of its
/// kind were read at before, reading each object on the way once rather than once per path
/// through it, in place: values are kept as pointers into the event, which `root` keeps
/// alive, so nothing is retained or copied. A slot read for the first time on its kind is
/// resolved on its own and joins that kind's walk from then on, so the walk learns what the
/// rules reacting to a kind read without fetching slots that no reader of the kind needs.
/// Which slots a walk fetches changes only the work, never the values read.
///
/// One value is reused from event to event (`load` starts the next event without freeing its
/// buffers), so the common path — an event most rules ignore — allocates nothing.
///
/// `@unchecked Sendable`: its `SlotValues` are pointers, only read, and only into the tree this
/// value (and every copy of it) keeps alive in `root`; a `JSONValue` shared that way is never
/// written in place (a change copies its storage), so no two threads can race on it.
public struct EventFields: @unchecked Sendable {
    private let paths: [FieldPath]
    /// Per slot: a trie of its path alone, for a slot's first read on a kind.
    private let singles: [FieldTrie]
    /// Per kind (`EventKind.allCases` order, then unknown kind): its walk, the slots it
    /// fetches, and (kind × slot) whether a slot is among them.
    private var walks: [FieldTrie]
    private var walkSlots: [[Int]]
    private var fetched: [Bool]
    private var root: JSONValue = .null
    /// The event's validated kind, when the caller knows it (see `load(_:kind:)`).
    public private(set) var kind: EventKind?
    private var kindIndex = 0
    /// True once `root` was walked into `values`.
    private var walked = false
    private var values: SlotValues

    public init(slots: FieldSlots) {
        paths = slots.paths
        singles = paths.indices.map { FieldTrie(slots: [$0], of: slots.paths) }
        let kinds = EventKind.allCases.count + 1
        walks = Array(repeating: FieldTrie(slots: [], of: []), count: kinds)
        walkSlots = Array(repeating: [], count: kinds)
        fetched = Array(repeating: false, count: kinds * paths.count)
        values = SlotValues(count: paths.count)
    }

    /// Starts a new event. Pass `kind` only when `event` is a validated schema v1 event whose
    /// `kind` member is that kind's name (as `AgentEvent` guarantees): kind tests then read it
    /// directly.
    /// Asks for the first cache lines of `event`'s members (an event object's usual size), a
    /// hint a caller gives as soon as it has the event: in an event decoded long before, the
    /// walk's first read is a cache miss, which then overlaps the work done before the walk.
    public static func prefetch(_ event: JSONValue) {
        guard let start = JSONInPlace.contentsStart(borrowing: event) else { return }
        let address = Int(bitPattern: start)  // as an integer: no pointer past the end is formed
        for line in 0..<6 { warden_prefetch(UnsafeRawPointer(bitPattern: address &+ line &* 64)) }
    }

    public mutating func load(_ event: JSONValue, kind: EventKind? = nil) {
        root = event
        self.kind = kind
        kindIndex = kind.map { $0.bit.trailingZeroBitCount } ?? EventKind.allCases.count
        walked = false
        values.next()
    }

    /// Inlined into each reader, so a slot already fetched costs two tests.
    @inline(__always)
    private mutating func resolve(_ slot: Int) {
        if !walked { walk() }
        let flag = kindIndex &* paths.count &+ slot
        if !fetched[flag] { learn(slot) }
    }

    private mutating func walk() {
        walked = true
        // The kind's trie is not changed during the walk, so its nodes are read in place.
        FieldTrie.walk(root, from: walks[kindIndex].root, into: &values)
    }

    /// Resolves `slot` alone and adds it to its kind's walk.
    private mutating func learn(_ slot: Int) {
        let flag = kindIndex * paths.count + slot
        fetched[flag] = true
        walkSlots[kindIndex].append(slot)
        walks[kindIndex] = FieldTrie(slots: walkSlots[kindIndex], of: paths)
        singles[slot].walk(root, into: &values)
    }

    /// `FieldPath.keyValue(in:)` of `slot`'s path on the event.
    public mutating func key(_ slot: Int) -> String? {
        resolve(slot)
        return values.onlyString(slot, direct: true)
    }

    /// How many values `slot`'s path reaches (as `FieldPath.scan` visits them).
    mutating func count(of slot: Int) -> Int {
        resolve(slot)
        return values.count(slot)
    }

    /// The value `slot`'s path reaches when it reaches exactly one and that is a string.
    mutating func onlyString(_ slot: Int) -> String? {
        resolve(slot)
        return values.onlyString(slot, direct: false)
    }

    /// Scans `slot`'s values like `FieldPath.scan` scans the event; `test` reads each in place.
    @inline(__always)
    mutating func scan(_ slot: Int, _ test: (UnsafePointer<JSONValue>) -> Bool) -> FieldPath.Scan {
        resolve(slot)
        return values.scan(slot, test)
    }
}

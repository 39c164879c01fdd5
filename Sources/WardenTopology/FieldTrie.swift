import CPrefetch
import WardenJSON

/// The paths of a `FieldSlots` merged into one tree of member names, so that one walk of an
/// event reaches the values of every slot: each object on the way is read once per event
/// instead of once per slot that passes through it, in place (nothing is retained).
///
/// Nodes sit in breadth-first order, each node's children next to each other; node 0 is the
/// event itself. Segments equal as `String`s (as `FieldPath` compares them) share a node.
struct FieldTrie: Sendable {
    struct Node: Sendable {
        let name: String
        /// What tells most member names apart from `name` without a `String` compare.
        let plain: PlainText
        /// The slot whose path ends here, or -1.
        var slot: Int32 = -1
        var firstChild: Int32 = 0
        var endChild: Int32 = 0
    }

    private(set) var nodes: [Node]

    /// The trie of `slots`' paths (`paths` by slot number).
    init(slots: [Int], of paths: [FieldPath]) {
        // Built as a tree of child lists, then laid out breadth first.
        var names = [""], nodeSlots: [Int32] = [-1], children: [[Int]] = [[]]
        for slot in slots {
            let path = paths[slot]
            var node = 0
            for segment in path.segments {
                if let child = children[node].first(where: { names[$0] == segment }) {
                    node = child
                } else {
                    names.append(segment)
                    nodeSlots.append(-1)
                    children.append([])
                    children[node].append(names.count - 1)
                    node = names.count - 1
                }
            }
            // The walk never records the root itself (node 0), so a path has a segment.
            precondition(!path.segments.isEmpty, "a field path without segments")
            // `FieldSlots` numbers each path once, so no node ends two slots.
            assert(nodeSlots[node] < 0, "two slots with one path")
            nodeSlots[node] = Int32(slot)
        }
        var order = [0]
        var nodes: [Node] = []
        var next = 0
        while next < order.count {
            let old = order[next]
            next += 1
            nodes.append(Node(
                name: names[old], plain: PlainText(names[old]), slot: nodeSlots[old],
                firstChild: Int32(order.count), endChild: Int32(order.count + children[old].count)))
            order.append(contentsOf: children[old])
        }
        self.nodes = nodes
    }

    /// Walks `event` once, recording each value a slot's path reaches (as `FieldPath.scan` visits
    /// them, in its order for each slot) with whether an array was crossed on the way.
    ///
    /// Values are recorded as pointers into `event`'s storage (`JSONInPlace`), valid while the
    /// caller keeps `event` alive; the walk itself retains nothing.
    func walk(_ event: JSONValue, into values: inout SlotValues) {
        Self.walk(event, from: root, into: &values)
    }

    /// The trie's first node, read in place: valid while this trie is neither changed nor
    /// destroyed. A caller that keeps the trie in a property of its own walks through it with
    /// `walk(_:from:into:)` without retaining the nodes around the walk.
    var root: UnsafePointer<Node> { nodes.withUnsafeBufferPointer { $0.baseAddress.unsafelyUnwrapped } }

    /// `walk(_:into:)` of the trie whose first node is `nodes`.
    static func walk(_ event: JSONValue, from nodes: UnsafePointer<Node>, into values: inout SlotValues) {
        visit(JSONInPlace(borrowing: event), nodes, nodes, false, &values)
    }

    /// Records the value at `value` if `node` ends a slot, and walks on into it.
    private static func visit(
        _ value: UnsafePointer<JSONValue>, _ node: UnsafePointer<Node>, _ nodes: UnsafePointer<Node>, _ crossed: Bool,
        _ values: inout SlotValues
    ) {
        let contents = JSONInPlace(value)
        switch contents.shape {
        case .null:
            return
        case .array:
            visit(contents, node, nodes, true, &values)
        case .object, .scalar:
            if node.pointee.slot >= 0 { values.record(value, slot: Int(node.pointee.slot), crossed: crossed) }
            visit(contents, node, nodes, crossed, &values)
        }
    }

    /// Walks a container's elements (each for `node` itself) or members (each for the child of
    /// `node` it names).
    private static func visit(
        _ contents: JSONInPlace, _ node: UnsafePointer<Node>, _ nodes: UnsafePointer<Node>, _ crossed: Bool, _ values: inout SlotValues
    ) {
        switch contents.shape {
        case .array:
            // Every element's contents start loading before the first is walked.
            for index in 0..<contents.count { prefetchContents(of: contents.element(index)) }
            for index in 0..<contents.count { visit(contents.element(index), node, nodes, true, &values) }
        case .object:
            let first = Int(node.pointee.firstChild), end = Int(node.pointee.endChild)
            // Children 64 at a time, each chunk matched by one pass over the members.
            for chunk in stride(from: first, to: end, by: 64) {
                match(contents, nodes + chunk, min(end - chunk, 64), nodes, crossed, &values)
            }
        case .null, .scalar:
            return
        }
    }

    /// Matches an object's members against `count` (at most 64) children: each member's name is
    /// compared with every child still unmatched (as a `String`, mostly decided by its length
    /// and bytes: `PlainText`); a child takes the first member equal to it, as `FieldPath.scan`
    /// does.
    private static func match(
        _ object: JSONInPlace, _ children: UnsafePointer<Node>, _ count: Int, _ nodes: UnsafePointer<Node>, _ crossed: Bool,
        _ values: inout SlotValues
    ) {
        var unmatched: UInt64 = count == 64 ? ~0 : (1 << UInt64(count)) - 1
        // Members are matched first and walked after, so the contents of every matched container
        // start loading before the first is walked: in an event decoded long ago each nested
        // object is a cache miss, and walking one before finding the next made them one after
        // another.
        withUnsafeTemporaryAllocation(of: Matched.self, capacity: count) { matched in
            var found = 0
            for index in 0..<object.count where unmatched != 0 {
                let member = object.member(index)
                var candidates = unmatched
                while candidates != 0 {
                    let child = candidates.trailingZeroBitCount
                    candidates &= candidates - 1
                    guard Self.named(member, children + child) else { continue }
                    unmatched &= ~(1 << UInt64(child))
                    let value = member.pointer(to: \.value)!
                    prefetchContents(of: value)
                    matched[found] = Matched(value: value, child: child)
                    found += 1
                    break
                }
            }
            for index in 0..<found {
                visit(matched[index].value, children + matched[index].child, nodes, crossed, &values)
            }
        }
    }

    /// A member matched to a child of the node being walked.
    private struct Matched {
        let value: UnsafePointer<JSONValue>
        let child: Int
    }

    /// Starts loading a container's first elements or members (three cache lines, whatever its
    /// count: reading the count would wait for the very line asked for): a hint, with no effect
    /// on what the walk reads, and harmless past the container's end.
    @inline(__always)
    private static func prefetchContents(of value: UnsafePointer<JSONValue>) {
        guard let start = JSONInPlace.contentsStart(value) else { return }
        // Addresses as integers: a pointer past the container's end is never formed.
        let address = Int(bitPattern: start)
        warden_prefetch(UnsafeRawPointer(bitPattern: address))
        warden_prefetch(UnsafeRawPointer(bitPattern: address &+ 64))
        warden_prefetch(UnsafeRawPointer(bitPattern: address &+ 128))
    }

    /// Whether `member`'s name equals `node`'s segment as a `String`: a name of another length
    /// cannot equal a plain segment (`PlainText`); one of the same length is compared with `==`,
    /// which decides equal short names inline by their bits (most same-length names in an
    /// event are the segment itself, where reading the bytes costs more).
    @inline(__always)
    private static func named(_ member: UnsafePointer<JSONObject.Member>, _ node: UnsafePointer<Node>) -> Bool {
        if node.pointee.plain.plain, member.pointee.key.utf8.count != node.pointee.plain.words.count { return false }
        return member.pointee.key == node.pointee.name
    }
}

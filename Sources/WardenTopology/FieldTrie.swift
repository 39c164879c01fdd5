import WardenJSON

/// The paths of a `FieldSlots` merged into one tree of member names, so that one walk of an
/// event reaches the values of every slot: each object on the way is bound (retained) once per
/// event instead of once per slot that passes through it.
///
/// Nodes sit in breadth-first order, each node's children next to each other; node 0 is the
/// event itself. Segments equal as `String`s (as `FieldPath` compares them) share a node.
struct FieldTrie: Sendable {
    struct Node: Sendable {
        let name: String
        let length: MemberName
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
                name: names[old], length: MemberName(names[old]), slot: nodeSlots[old],
                firstChild: Int32(order.count), endChild: Int32(order.count + children[old].count)))
            order.append(contentsOf: children[old])
        }
        self.nodes = nodes
    }

    /// Walks `event` once, recording each value a slot's path reaches (as `FieldPath.scan` visits
    /// them, in its order for each slot) with whether an array was crossed on the way.
    func walk(_ event: JSONValue, into values: inout SlotValues) {
        nodes.withUnsafeBufferPointer { nodes in Self.visit(event, nodes.baseAddress!, nodes.baseAddress!, false, &values) }
    }

    private static func visit(
        _ value: JSONValue, _ node: UnsafePointer<Node>, _ nodes: UnsafePointer<Node>, _ crossed: Bool, _ values: inout SlotValues
    ) {
        switch value {
        case .null:
            return
        case .array(let items):
            items.withUnsafeBufferPointer { items in
                for index in items.indices { visit((items.baseAddress! + index).pointee, node, nodes, true, &values) }
            }
        case .object(let object):
            if node.pointee.slot >= 0 { values.record(value, slot: Int(node.pointee.slot), crossed: crossed) }
            let children = nodes + Int(node.pointee.firstChild)
            let count = Int(node.pointee.endChild - node.pointee.firstChild)
            guard count > 0 else { return }
            guard count <= 64 else {
                for child in children..<(children + count) {
                    // The first member equal to the name, as `FieldPath.scan` takes it.
                    _ = object.borrowingMember(named: child.pointee.name, child.pointee.length) { visit($0, child, nodes, crossed, &values) }
                }
                return
            }
            object.members.withUnsafeBufferPointer { members in
                // Each member's name is measured once and matched against every child; a child
                // takes the first member equal to it, as `FieldPath.scan` does.
                var unmatched: UInt64 = count == 64 ? ~0 : (1 << UInt64(count)) - 1
                for index in members.indices where unmatched != 0 {
                    let member = members.baseAddress! + index
                    let length = member.pointee.key.utf8.count
                    var candidates = unmatched
                    while candidates != 0 {
                        let child = candidates.trailingZeroBitCount
                        candidates &= candidates - 1
                        guard (children + child).pointee.length.mayEqual(length: length), member.pointee.key == (children + child).pointee.name else { continue }
                        unmatched &= ~(1 << UInt64(child))
                        visit(member.pointee.value, children + child, nodes, crossed, &values)
                        break
                    }
                }
            }
        default:
            if node.pointee.slot >= 0 { values.record(value, slot: Int(node.pointee.slot), crossed: crossed) }
        }
    }
}

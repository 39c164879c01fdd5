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

    init(paths: [FieldPath]) {
        // Built as a tree of child lists, then laid out breadth first.
        var names = [""], slots: [Int32] = [-1], children: [[Int]] = [[]]
        for (slot, path) in paths.enumerated() {
            var node = 0
            for segment in path.segments {
                if let child = children[node].first(where: { names[$0] == segment }) {
                    node = child
                } else {
                    names.append(segment)
                    slots.append(-1)
                    children.append([])
                    children[node].append(names.count - 1)
                    node = names.count - 1
                }
            }
            slots[node] = Int32(slot)
        }
        var order = [0]
        var nodes: [Node] = []
        var next = 0
        while next < order.count {
            let old = order[next]
            next += 1
            nodes.append(Node(
                name: names[old], length: MemberName(names[old]), slot: slots[old],
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
            for child in Int(node.pointee.firstChild)..<Int(node.pointee.endChild) {
                let child = nodes + child
                // The first member equal to the name, as `FieldPath.scan` takes it.
                _ = object.borrowingMember(named: child.pointee.name, child.pointee.length) { visit($0, child, nodes, crossed, &values) }
            }
        default:
            if node.pointee.slot >= 0 { values.record(value, slot: Int(node.pointee.slot), crossed: crossed) }
        }
    }
}

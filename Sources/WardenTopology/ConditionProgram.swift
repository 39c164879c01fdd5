import WardenEvents
import WardenJSON

/// A `Condition` flattened into an array of plain nodes (prefix order, each node knowing where
/// its subtree ends) whose leaves name `FieldSlots` slots instead of paths, so evaluating it
/// walks no enum boxes and resolves each path once per event through `EventFields`.
///
/// It agrees with `Condition.evaluate(on:)` on every event (the tests check this on random
/// conditions and events); it only changes how the work is done.
public struct ConditionProgram: Sendable {
    enum Operation: UInt8, Sendable {
        case alwaysTrue, alwaysFalse, all, any, not, exists
        case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual
        case member, notMember, text
    }

    /// One node; `operand` indexes `literals`, `sets` or `texts` depending on `operation`.
    struct Node: Sendable {
        var operation: Operation
        var slot: Int32 = 0
        var operand: Int32 = 0
        /// Index just past this node's subtree.
        var end: Int32 = 0
        /// For a test of `kind`: the kinds (bits by `EventKind.allCases` order) that make the
        /// test's positive form hold, read instead of the path when the event's kind is known.
        var kinds: UInt16?
    }

    private let storage: Storage

    /// Compiles `condition`, numbering the paths it reads in `slots`.
    public init(_ condition: Condition, slots: inout FieldSlots) {
        var builder = Builder()
        builder.emit(condition, &slots)
        storage = Storage(builder)
    }

    /// The program's tables, owned by `Storage` for the program's life. Operands are read in
    /// place through `pointee` (an addressor): a subscript read would copy each `ValueSet` or
    /// literal out, retaining and releasing everything it holds.
    private struct Tables {
        let nodes: UnsafeBufferPointer<Node>
        let literals: UnsafeBufferPointer<RuleValue>
        let sets: UnsafeBufferPointer<ValueMembers>
        let texts: UnsafeBufferPointer<Condition.TextTest>

        func literal(_ index: Int) -> UnsafePointer<RuleValue> { literals.baseAddress! + index }
        func set(_ index: Int) -> UnsafePointer<ValueMembers> { sets.baseAddress! + index }
        func text(_ index: Int) -> UnsafePointer<Condition.TextTest> { texts.baseAddress! + index }
    }

    /// The tables in memory of their own, written once when the program is compiled and only
    /// read after. Borrowing four arrays with `withUnsafeBufferPointer` instead retained and
    /// released each of them on every evaluation.
    // @unchecked: the buffers are initialised in `init`, never written again, and freed only in
    // `deinit`, so sharing them between threads is sharing immutable values.
    private final class Storage: @unchecked Sendable {
        let tables: Tables

        init(_ builder: Builder) {
            tables = Tables(
                nodes: Self.copy(builder.nodes), literals: Self.copy(builder.literals), sets: Self.copy(builder.sets),
                texts: Self.copy(builder.texts))
        }

        private static func copy<T>(_ array: [T]) -> UnsafeBufferPointer<T> {
            // Most programs have no sets or text tests: nothing to allocate for those.
            guard !array.isEmpty else { return UnsafeBufferPointer(start: nil, count: 0) }
            let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: array.count)
            _ = buffer.initialize(from: array)
            return UnsafeBufferPointer(buffer)
        }

        private static func free<T>(_ buffer: UnsafeBufferPointer<T>) {
            UnsafeMutableBufferPointer(mutating: buffer).deinitialize().deallocate()
        }

        deinit {
            Self.free(tables.nodes)
            Self.free(tables.literals)
            Self.free(tables.sets)
            Self.free(tables.texts)
        }
    }

    /// The condition's value on the event `fields` was loaded with.
    public func evaluate(_ fields: inout EventFields) -> Bool {
        Self.evaluate(0, storage.tables, &fields)
    }

    private static func evaluate(_ index: Int, _ tables: Tables, _ fields: inout EventFields) -> Bool {
        let node = tables.nodes[index]
        switch node.operation {
        case .alwaysTrue: return true
        case .alwaysFalse: return false
        case .all:
            var child = index + 1
            while child < Int(node.end) {
                guard evaluate(child, tables, &fields) else { return false }
                child = Int(tables.nodes[child].end)
            }
            return true
        case .any:
            var child = index + 1
            while child < Int(node.end) {
                if evaluate(child, tables, &fields) { return true }
                child = Int(tables.nodes[child].end)
            }
            return false
        case .not: return !evaluate(index + 1, tables, &fields)
        case .exists: return fields.count(of: Int(node.slot)) > 0
        default: return test(node, tables, &fields)
        }
    }

    /// A leaf test on one slot.
    private static func test(_ node: Node, _ tables: Tables, _ fields: inout EventFields) -> Bool {
        let slot = Int(node.slot), operand = Int(node.operand)
        if let kinds = node.kinds, let kind = fields.kind {
            let holds = kinds & kind.bit != 0
            return node.operation == .notEqual || node.operation == .notMember ? !holds : holds
        }
        switch node.operation {
        case .equal: return fields.scan(slot) { tables.literal(operand).pointee.equals($0) } == .matched
        case .notEqual: return fields.scan(slot) { tables.literal(operand).pointee.equals($0) } == .noneMatched
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            return fields.scan(slot) { Condition.compare($0, node.operation.comparison, tables.literal(operand).pointee) } == .matched
        case .member: return fields.scan(slot) { tables.set(operand).pointee.contains($0) } == .matched
        case .notMember: return fields.scan(slot) { tables.set(operand).pointee.contains($0) } == .noneMatched
        case .text:
            return fields.scan(slot) { value in
                guard case .string(let s) = value else { return false }
                return tables.text(operand).pointee.matches(s)
            } == .matched
        case .alwaysTrue, .alwaysFalse, .all, .any, .not, .exists: return false
        }
    }

    // MARK: Compiling

    /// The tables as they grow while a condition is compiled.
    private struct Builder {
        var nodes: [Node] = []
        var literals: [RuleValue] = []
        var sets: [ValueMembers] = []
        var texts: [Condition.TextTest] = []

        mutating func emit(_ condition: Condition, _ slots: inout FieldSlots) {
            let index = nodes.count
            switch condition {
            case .constant(let value): nodes.append(Node(operation: value ? .alwaysTrue : .alwaysFalse))
            case .all(let items), .any(let items):
                if case .all = condition { nodes.append(Node(operation: .all)) } else { nodes.append(Node(operation: .any)) }
                for item in items { emit(item, &slots) }
            case .not(let inner):
                nodes.append(Node(operation: .not))
                emit(inner, &slots)
            case .exists(let path): nodes.append(Node(operation: .exists, slot: Self.slot(path, &slots)))
            case .compare(let path, let op, let value):
                literals.append(value)
                nodes.append(Node(
                    operation: Operation(op), slot: Self.slot(path, &slots), operand: Int32(literals.count - 1),
                    kinds: op == .equal || op == .notEqual ? Self.kinds(path, [value]) : nil))
            case .member(let path, let set, let negated):
                sets.append(set.members)
                nodes.append(Node(
                    operation: negated ? .notMember : .member, slot: Self.slot(path, &slots), operand: Int32(sets.count - 1),
                    kinds: Self.kinds(path, set.values)))
            case .text(let path, let test):
                texts.append(test)
                nodes.append(Node(operation: .text, slot: Self.slot(path, &slots), operand: Int32(texts.count - 1)))
            }
            nodes[index].end = Int32(nodes.count)
        }

        private static func slot(_ path: FieldPath, _ slots: inout FieldSlots) -> Int32 {
            Int32(slots.slot(for: path))
        }

        /// The kinds whose name is among `values`, for a test of the `kind` path; nil otherwise.
        private static func kinds(_ path: FieldPath, _ values: [RuleValue]) -> UInt16? {
            guard path.segments == ["kind"] else { return nil }
            return EventKind.allCases.reduce(0) { bits, kind in
                values.contains(.string(kind.rawValue)) ? bits | kind.bit : bits
            }
        }
    }
}

extension ConditionProgram.Operation {
    init(_ op: ComparisonOperator) {
        switch op {
        case .equal: self = .equal
        case .notEqual: self = .notEqual
        case .less: self = .less
        case .lessOrEqual: self = .lessOrEqual
        case .greater: self = .greater
        case .greaterOrEqual: self = .greaterOrEqual
        }
    }

    var comparison: ComparisonOperator {
        switch self {
        case .less: .less
        case .lessOrEqual: .lessOrEqual
        case .greater: .greater
        default: .greaterOrEqual
        }
    }
}

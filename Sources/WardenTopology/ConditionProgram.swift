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
        /// For `==`/`!=` with a string: the string's symbol at `slot`; for `in` over strings only:
        /// where the set's bits start in `words`; -1 when the test reads values.
        var symbol: Int32 = -1
        /// The symbols a symbol test needs `EventFields` to code (1 + the largest it names).
        var symbolLimit: Int32 = 0
    }

    private var nodes: [Node] = []
    private var literals: [RuleValue] = []
    private var sets: [ValueMembers] = []
    private var texts: [Condition.TextTest] = []
    /// Bit sets of symbols, one per `in` test over strings only (see `Node.symbol`).
    private var words: [UInt64] = []

    /// Compiles `condition`, numbering the paths it reads in `slots`.
    public init(_ condition: Condition, slots: inout FieldSlots) {
        emit(condition, &slots)
    }

    /// The program's arrays, borrowed for one evaluation. Operands are read in place through
    /// `pointee` (an addressor): a subscript read would copy each `ValueSet` or literal out,
    /// retaining and releasing everything it holds.
    private struct Tables {
        let nodes: UnsafeBufferPointer<Node>
        let literals: UnsafeBufferPointer<RuleValue>
        let sets: UnsafeBufferPointer<ValueMembers>
        let texts: UnsafeBufferPointer<Condition.TextTest>
        let words: UnsafeBufferPointer<UInt64>

        func literal(_ index: Int) -> UnsafePointer<RuleValue> { literals.baseAddress! + index }
        func set(_ index: Int) -> UnsafePointer<ValueMembers> { sets.baseAddress! + index }
        func text(_ index: Int) -> UnsafePointer<Condition.TextTest> { texts.baseAddress! + index }

        /// True when `code` is a symbol of the set whose bits start at `offset`.
        func contains(_ code: Int32, _ offset: Int32, limit: Int32) -> Bool {
            guard code >= 0, code < limit else { return false }
            return words[Int(offset) + Int(code >> 6)] & (1 << UInt64(code & 63)) != 0
        }
    }

    /// The condition's value on the event `fields` was loaded with.
    public func evaluate(_ fields: inout EventFields) -> Bool {
        nodes.withUnsafeBufferPointer { nodes in
            literals.withUnsafeBufferPointer { literals in
                sets.withUnsafeBufferPointer { sets in
                    texts.withUnsafeBufferPointer { texts in
                        words.withUnsafeBufferPointer { words in
                            Self.evaluate(0, Tables(nodes: nodes, literals: literals, sets: sets, texts: texts, words: words), &fields)
                        }
                    }
                }
            }
        }
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
        case .exists: return !fields.range(of: Int(node.slot)).isEmpty
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
        if node.symbol >= 0, node.symbolLimit <= fields.symbolCount(of: slot) { return testSymbols(node, tables, &fields) }
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

    /// A string `==`, `!=` or `in` test on the slot's symbol codes.
    private static func testSymbols(_ node: Node, _ tables: Tables, _ fields: inout EventFields) -> Bool {
        let slot = Int(node.slot)
        switch node.operation {
        case .equal: return fields.scanSymbols(slot) { $0 == node.symbol } == .matched
        case .notEqual: return fields.scanSymbols(slot) { $0 == node.symbol } == .noneMatched
        case .member: return fields.scanSymbols(slot) { tables.contains($0, node.symbol, limit: node.symbolLimit) } == .matched
        default: return fields.scanSymbols(slot) { tables.contains($0, node.symbol, limit: node.symbolLimit) } == .noneMatched
        }
    }

    // MARK: Compiling

    private mutating func emit(_ condition: Condition, _ slots: inout FieldSlots) {
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
            let slot = Self.slot(path, &slots)
            var node = Node(
                operation: Operation(op), slot: slot, operand: Int32(literals.count - 1),
                kinds: op == .equal || op == .notEqual ? Self.kinds(path, [value]) : nil)
            if op == .equal || op == .notEqual, case .string(let string) = value {
                node.symbol = slots.symbol(for: string, slot: Int(slot))
                node.symbolLimit = node.symbol + 1
            }
            nodes.append(node)
        case .member(let path, let set, let negated):
            sets.append(set.members)
            let slot = Self.slot(path, &slots)
            var node = Node(
                operation: negated ? .notMember : .member, slot: slot, operand: Int32(sets.count - 1),
                kinds: Self.kinds(path, set.values))
            if let symbols = Self.symbols(set.values, slot: Int(slot), &slots) { (node.symbol, node.symbolLimit) = addBits(symbols) }
            nodes.append(node)
        case .text(let path, let test):
            texts.append(test)
            nodes.append(Node(operation: .text, slot: Self.slot(path, &slots), operand: Int32(texts.count - 1)))
        }
        nodes[index].end = Int32(nodes.count)
    }

    /// The symbols of `values` at `slot`, or nil when one of them is not a string.
    private static func symbols(_ values: [RuleValue], slot: Int, _ slots: inout FieldSlots) -> [Int32]? {
        var symbols: [Int32] = []
        for value in values {
            guard case .string(let string) = value else { return nil }
            symbols.append(slots.symbol(for: string, slot: slot))
        }
        return symbols
    }

    /// Appends the bit set of `symbols` to `words`: where it starts, and its limit.
    private mutating func addBits(_ symbols: [Int32]) -> (offset: Int32, limit: Int32) {
        let offset = words.count, limit = (symbols.max() ?? -1) + 1
        words.append(contentsOf: repeatElement(0, count: (Int(limit) + 63) / 64))
        for symbol in symbols { words[offset + Int(symbol >> 6)] |= 1 << UInt64(symbol & 63) }
        return (Int32(offset), limit)
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

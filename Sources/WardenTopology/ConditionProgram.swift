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
    /// `storage.tables`, kept beside it so an evaluation reads the tables without first
    /// reading the `Storage` object (a cache miss of its own).
    private let tables: Tables

    /// Compiles `condition`, numbering the paths it reads in `slots`.
    public init(_ condition: Condition, slots: inout FieldSlots) {
        var builder = Builder()
        builder.emit(condition, &slots)
        storage = Storage(builder)
        tables = storage.tables
    }

    /// The program's tables, owned by `Storage` for the program's life, in one block of memory:
    /// a header with where the rest is, the nodes, then what decides most literal and list
    /// tests (`QuickLiteral`, `QuickSet`), so an evaluation touches a line or two of it. The
    /// literals, lists and text tests themselves sit in buffers of their own, read only when
    /// the quick tables cannot decide. Everything is read in place through `pointee` (an
    /// addressor): a subscript read would copy each `ValueSet` or literal out, retaining and
    /// releasing everything it holds.
    // @unchecked: the block is written once, in `make`, and only read after, until the
    // `Storage` that every copy of the program keeps alive frees it.
    private struct Tables: @unchecked Sendable {
        let block: UnsafeRawPointer

        /// The header at the block's start.
        struct Header {
            let literals: UnsafePointer<RuleValue>?
            let sets: UnsafePointer<ValueMembers>?
            let texts: UnsafePointer<Condition.TextTest>?
            let quickLiterals: Int32
            let quickSets: Int32
        }

        private var header: UnsafePointer<Header> { block.assumingMemoryBound(to: Header.self) }
        var nodes: UnsafePointer<Node> { (block + Self.nodesOffset).assumingMemoryBound(to: Node.self) }
        func literal(_ index: Int) -> UnsafePointer<RuleValue> { header.pointee.literals.unsafelyUnwrapped + index }
        func set(_ index: Int) -> UnsafePointer<ValueMembers> { header.pointee.sets.unsafelyUnwrapped + index }
        func text(_ index: Int) -> UnsafePointer<Condition.TextTest> { header.pointee.texts.unsafelyUnwrapped + index }
        func quickLiteral(_ index: Int) -> UnsafePointer<QuickLiteral> {
            (block + Int(header.pointee.quickLiterals)).assumingMemoryBound(to: QuickLiteral.self) + index
        }
        func quickSet(_ index: Int) -> UnsafePointer<QuickSet> {
            (block + Int(header.pointee.quickSets)).assumingMemoryBound(to: QuickSet.self) + index
        }

        static let nodesOffset = align(MemoryLayout<Header>.size, MemoryLayout<Node>.alignment)

        static func align(_ offset: Int, _ alignment: Int) -> Int { (offset + alignment - 1) / alignment * alignment }

        /// Lays out the block for `builder`'s tables; `literals`, `sets` and `texts` are the
        /// buffers already holding them.
        static func make(
            _ builder: Builder, literals: UnsafePointer<RuleValue>?, sets: UnsafePointer<ValueMembers>?,
            texts: UnsafePointer<Condition.TextTest>?
        ) -> Tables {
            let quickLiterals = align(nodesOffset + builder.nodes.count * MemoryLayout<Node>.stride, MemoryLayout<QuickLiteral>.alignment)
            let quickSets = align(quickLiterals + builder.literals.count * MemoryLayout<QuickLiteral>.stride, MemoryLayout<QuickSet>.alignment)
            let size = quickSets + builder.sets.count * MemoryLayout<QuickSet>.stride
            let alignment = max(MemoryLayout<Header>.alignment, MemoryLayout<Node>.alignment, MemoryLayout<QuickLiteral>.alignment, MemoryLayout<QuickSet>.alignment)
            let block = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: alignment)
            block.initializeMemory(as: Header.self, to: Header(
                literals: literals, sets: sets, texts: texts, quickLiterals: Int32(quickLiterals), quickSets: Int32(quickSets)))
            Self.place(builder.nodes, at: block + nodesOffset)
            Self.place(builder.literals.map(QuickLiteral.init), at: block + quickLiterals)
            Self.place(builder.sets.map(QuickSet.init), at: block + quickSets)
            return Tables(block: UnsafeRawPointer(block))
        }

        private static func place<T>(_ values: [T], at address: UnsafeMutableRawPointer) {
            guard !values.isEmpty else { return }
            values.withUnsafeBufferPointer { values in
                address.bindMemory(to: T.self, capacity: values.count).initialize(from: values.baseAddress!, count: values.count)
            }
        }

        /// `literal(index).pointee.equals(value.pointee)`, decided from `quickLiteral` where
        /// it can be: inside the read of the event's string (borrowed, not retained), with no
        /// call out and no read of the literal's own storage.
        @inline(__always)
        func equals(_ index: Int, _ value: UnsafePointer<JSONValue>) -> Bool {
            let quick = quickLiteral(index)
            if quick.pointee.isString {
                let decided: Bool? = switch value.pointee {
                case .string(let string): quick.pointee.text.quickEquals(string)
                default: false
                }
                if let decided { return decided }
            }
            return literal(index).pointee.equals(value.pointee)
        }

        /// `set(index).pointee.contains(value.pointee)`, decided from `quickSet` where it can be.
        @inline(__always)
        func contains(_ index: Int, _ value: UnsafePointer<JSONValue>) -> Bool {
            let quick = quickSet(index)
            if quick.pointee.decides {
                // Only strings of at most 16 bytes are members, each decided by its words.
                let decided: Bool? = switch value.pointee {
                case .string(let string): string.utf8.count > 16 ? false : TextWords(string).map { quick.pointee.words.contains($0) }
                default: false
                }
                if let decided { return decided }
            }
            return set(index).pointee.contains(value.pointee)
        }
    }

    /// What decides most equality tests with a literal without reading the literal itself.
    struct QuickLiteral {
        let isString: Bool
        let text: PlainText

        init(_ value: RuleValue) {
            if case .string(let string) = value { (isString, text) = (true, PlainText(string)) } else { (isString, text) = (false, PlainText("")) }
        }
    }

    /// What decides most membership tests without reading the list's `ValueMembers`.
    struct QuickSet {
        let words: PlainWordSet
        /// `ValueMembers.onlyPlainWords`.
        let decides: Bool

        init(_ members: ValueMembers) {
            (words, decides) = (members.plainWords, members.onlyPlainWords)
        }
    }

    /// Owns the tables: written once when the program is compiled and only read after.
    /// Borrowing arrays with `withUnsafeBufferPointer` instead retained and released each of
    /// them on every evaluation.
    // @unchecked: the memory is initialised in `init`, never written again, and freed only in
    // `deinit`, so sharing it between threads is sharing immutable values.
    private final class Storage: @unchecked Sendable {
        let tables: Tables
        private let literals: UnsafeBufferPointer<RuleValue>
        private let sets: UnsafeBufferPointer<ValueMembers>
        private let texts: UnsafeBufferPointer<Condition.TextTest>

        init(_ builder: Builder) {
            (literals, sets, texts) = (Self.copy(builder.literals), Self.copy(builder.sets), Self.copy(builder.texts))
            tables = Tables.make(builder, literals: literals.baseAddress, sets: sets.baseAddress, texts: texts.baseAddress)
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
            // The block holds only plain values (the header's pointers are to the buffers below).
            UnsafeMutableRawPointer(mutating: tables.block).deallocate()
            Self.free(literals)
            Self.free(sets)
            Self.free(texts)
        }
    }

    /// The condition's value on the event `fields` was loaded with.
    public func evaluate(_ fields: inout EventFields) -> Bool {
        // `tables` points into memory `storage` owns: keep it alive for the whole evaluation.
        withExtendedLifetime(storage) { Self.evaluate(0, tables, &fields) }
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
        case .equal: return fields.scan(slot) { tables.equals(operand, $0) } == .matched
        case .notEqual: return fields.scan(slot) { tables.equals(operand, $0) } == .noneMatched
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            return fields.scan(slot) { Condition.compare($0.pointee, node.operation.comparison, tables.literal(operand).pointee) } == .matched
        case .member: return fields.scan(slot) { tables.contains(operand, $0) } == .matched
        case .notMember: return fields.scan(slot) { tables.contains(operand, $0) } == .noneMatched
        case .text:
            return fields.scan(slot) { value in
                guard case .string(let s) = value.pointee else { return false }
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

import WardenJSON

/// A compiled condition: macros expanded, named lists inlined, regexes and globs compiled.
/// Evaluation is total: a missing field or a type mismatch makes a test false, never a crash.
///
/// Positive tests (`==`, ordering, `in`, text operators) hold when ANY value the path reaches
/// passes. `!=` and `not in` hold when the path reaches at least one value and NONE of them
/// equals / is in the list, so `targets.environment != "production"` means "has targets and
/// none is production", and a missing field is false for every test except inside `not`.
public indirect enum Condition: Sendable, Hashable {
    case constant(Bool)
    case all([Condition])
    case any([Condition])
    case not(Condition)
    case compare(FieldPath, ComparisonOperator, RuleValue)
    case member(FieldPath, ValueSet, negated: Bool)
    case text(FieldPath, TextTest)
    case exists(FieldPath)

    /// String tests; patterns are compiled once at load time.
    public enum TextTest: Sendable, Hashable {
        case startsWith(String)
        case endsWith(String)
        case glob(RuleRegex)
        case matches(RuleRegex)
    }

    public func evaluate(on event: JSONValue) -> Bool {
        switch self {
        case .constant(let value): return value
        case .all(let items):
            for index in items.indices where !items[index].evaluate(on: event) { return false }
            return true
        case .any(let items):
            for index in items.indices where items[index].evaluate(on: event) { return true }
            return false
        case .not(let inner): return !inner.evaluate(on: event)
        case .exists(let path): return path.exists(in: event)
        case .compare(let path, .notEqual, let value):
            return path.scan(event) { value.equals($0) } == .noneMatched
        case .compare(let path, let op, let value):
            return path.scan(event) { Self.compare($0, op, value) } == .matched
        case .member(let path, let set, let negated):
            let scan = path.scan(event) { set.contains($0) }
            return negated ? scan == .noneMatched : scan == .matched
        case .text(let path, let test):
            return path.scan(event) { value in
                guard case .string(let s) = value else { return false }
                return test.matches(s)
            } == .matched
        }
    }

    static func compare(_ actual: JSONValue, _ op: ComparisonOperator, _ literal: RuleValue) -> Bool {
        if op == .equal { return literal.equals(actual) }
        guard case .number(let number) = literal, case .number(let value) = actual,
            let order = number.compare(value)
        else { return false }
        switch op {
        case .less: return order < 0
        case .lessOrEqual: return order <= 0
        case .greater: return order > 0
        case .greaterOrEqual: return order >= 0
        case .equal, .notEqual: return false
        }
    }
}

extension Condition.TextTest {
    func matches(_ s: String) -> Bool {
        switch self {
        case .startsWith(let prefix): s.hasPrefix(prefix)
        case .endsWith(let suffix): s.hasSuffix(suffix)
        case .glob(let regex), .matches(let regex): regex.matches(s)
        }
    }
}

extension Condition {
    /// Fully parenthesised text with every value canonical: the form the content hash covers
    /// and the one used to decide whether two rules have identical conditions.
    public var canonicalText: String {
        switch self {
        case .constant(let value): return value ? "true" : "false"
        case .all(let items): return "(" + items.map(\.canonicalText).joined(separator: " and ") + ")"
        case .any(let items): return "(" + items.map(\.canonicalText).joined(separator: " or ") + ")"
        case .not(let inner): return "(not \(inner.canonicalText))"
        case .compare(let path, let op, let value): return "(\(path) \(op.rawValue) \(value))"
        case .member(let path, let set, let negated):
            let list = set.values.map(\.description).joined(separator: ", ")
            return "(\(path) \(negated ? "not in" : "in") [\(list)])"
        case .exists(let path): return "(\(path) exists)"
        case .text(let path, let test):
            switch test {
            case .startsWith(let s): return "(\(path) starts_with \(RuleValue.string(s)))"
            case .endsWith(let s): return "(\(path) ends_with \(RuleValue.string(s)))"
            case .glob(let r): return "(\(path) glob \(RuleValue.string(r.source)))"
            case .matches(let r): return "(\(path) matches \(RuleValue.string(r.source)))"
            }
        }
    }

    /// True for a condition that holds for every event (`true`, or an `and` of such).
    public var isTriviallyTrue: Bool {
        switch self {
        case .constant(let value): value
        case .all(let items): items.allSatisfy(\.isTriviallyTrue)
        case .any(let items): items.contains(where: \.isTriviallyTrue)
        default: false
        }
    }
}

extension Condition {
    /// Compiles one expression outside a topology file (tests, tools); diagnostics report
    /// line 1 and the column within `expression`. Named lists may be supplied; macros cannot.
    public static func compile(_ expression: String, lists: [(name: String, values: [RuleValue])] = [])
        -> Result<Condition, ConditionCompileError>
    {
        let start = SourcePosition(line: 1, column: 1)
        let positions = (0...expression.unicodeScalars.count).map { start.advanced(byColumns: $0) }
        let scalar = YAMLScalar(text: expression, isPlain: true, position: start, sourcePositions: positions)
        var sink = DiagnosticSink()
        var compiler = ConditionCompiler(lists: lists.map { ($0.name, $0.values) }, macros: [], origin: scalar)
        guard let syntax = ConditionCompiler.parse(scalar, sink: &sink) else {
            return .failure(ConditionCompileError(diagnostics: sink.diagnostics))
        }
        let condition = compiler.compile(syntax, kinds: compiler.inferKinds(syntax))
        sink.merge(compiler.sink)
        guard sink.diagnostics.isEmpty else {
            return .failure(ConditionCompileError(diagnostics: sink.diagnostics.sortedByPosition()))
        }
        return .success(condition)
    }
}

/// Why a stand-alone expression did not compile.
public struct ConditionCompileError: Error, Sendable {
    public let diagnostics: [Diagnostic]
}

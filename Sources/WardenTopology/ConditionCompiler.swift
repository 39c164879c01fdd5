import WardenEvents

/// Resolves parsed conditions against the topology's lists and macros and the event catalog:
/// checks every field path, operator/type pairing and reference, detects macro cycles, and
/// produces `Condition`s. Errors go to the sink; a failed part compiles to `false`.
struct ConditionCompiler {
    struct ListEntry {
        let values: [RuleValue]
        let set: ValueSet
    }

    private enum MacroState {
        case pending(ConditionSyntax)
        case compiling
        case done(Condition)
    }

    let lists: [String: ListEntry]
    private let listNames: [String]
    private var macros: [String: MacroState]
    let macroSyntax: [String: ConditionSyntax]
    private let macroNames: [String]
    private var macroStack: [String] = []
    private var scalar: YAMLScalar
    var sink = DiagnosticSink()

    private static let catalogPaths = EventFieldCatalog.fields.map(\.path)

    init(lists: [(String, [RuleValue])], macros: [(String, ConditionSyntax)], origin: YAMLScalar) {
        var table: [String: ListEntry] = [:]
        for (name, values) in lists { table[name] = ListEntry(values: values, set: ValueSet(values)) }
        self.lists = table
        self.listNames = lists.map(\.0)
        var macroTable: [String: MacroState] = [:], syntax: [String: ConditionSyntax] = [:]
        for (name, body) in macros { macroTable[name] = .pending(body); syntax[name] = body }
        self.macros = macroTable
        self.macroSyntax = syntax
        self.macroNames = macros.map(\.0)
        self.scalar = origin
    }

    /// Parses the text of `scalar`, reporting syntax errors at their exact file position.
    static func parse(_ scalar: YAMLScalar, sink: inout DiagnosticSink) -> ConditionSyntax? {
        do {
            return .source(scalar, try ConditionParser.parse(scalar.text))
        } catch {
            sink.error(scalar.position(atOffset: error.offset), error.message, fix: error.fix)
            return nil
        }
    }

    /// Compiles a macro body (once; later references reuse the result).
    mutating func compileMacro(_ name: String) -> Condition {
        switch macros[name] {
        case .done(let condition)?: return condition
        case .pending(let body)?:
            macros[name] = .compiling
            macroStack.append(name)
            let condition = compile(body, kinds: nil)
            macroStack.removeLast()
            macros[name] = .done(condition)
            return condition
        case .compiling?, nil: return .constant(false)
        }
    }

    /// Compiles `syntax`; `kinds` is the set of event kinds the surrounding rule can match.
    mutating func compile(_ syntax: ConditionSyntax, kinds: Set<EventKind>?) -> Condition {
        switch syntax {
        case .source(let source, let inner):
            let saved = scalar
            scalar = source
            defer { scalar = saved }
            return compile(inner, kinds: kinds)
        case .and(let items):
            let narrowed = Self.intersect(kinds, inferKinds(syntax))
            return .all(items.map { compile($0, kinds: narrowed) })
        case .or(let items):
            return .any(items.map { compile($0, kinds: Self.intersect(kinds, inferKinds($0))) })
        case .not(let inner): return .not(compile(inner, kinds: kinds))
        case .constant(let value): return .constant(value)
        case .macro(let name, let offset): return reference(macro: name, at: offset)
        case .exists(let path):
            guard field(path, kinds: kinds) != nil else { return .constant(false) }
            return .exists(FieldPath(path.text))
        case .compare(let path, let op, let literal): return compare(path, op, literal, kinds: kinds)
        case .membership(let path, let negated, let list): return membership(path, negated, list, kinds: kinds)
        case .text(let path, let op, let literal): return text(path, op, literal, kinds: kinds)
        }
    }

    private mutating func reference(macro name: String, at offset: Int) -> Condition {
        let position = scalar.position(atOffset: offset)
        guard let state = macros[name] else {
            sink.error(position, "unknown macro \"$\(name)\"",
                       fix: Suggestion.fix(for: name, in: macroNames, otherwise: "define it under macros:", sigil: "$"))
            return .constant(false)
        }
        if case .compiling = state {
            let cycle = (macroStack.drop { $0 != name } + [name]).map { "$\($0)" }.joined(separator: " -> ")
            sink.error(position, "macro cycle: \(cycle)", fix: "remove one of these references so no macro uses itself")
            return .constant(false)
        }
        return compileMacro(name)
    }

    // MARK: Leaves

    private mutating func compare(_ path: PathSyntax, _ op: ComparisonOperator, _ literal: LiteralSyntax,
                                  kinds: Set<EventKind>?) -> Condition {
        guard let type = field(path, kinds: kinds)?.type else { return .constant(false) }
        if op.isOrdering {
            guard case .number = literal.value else {
                error(literal.offset, "\"\(op.rawValue)\" compares numbers but \(literal.value) is \(literal.value.typeName)",
                      fix: "write a number, or use == / in / starts_with for text")
                return .constant(false)
            }
            guard [.integer, .number, .any].contains(type) else {
                error(path.offset, "\"\(op.rawValue)\" compares numbers but \"\(path.text)\" is \(Self.describe(type))",
                      fix: "use == / != / in on this field, or order a numeric field")
                return .constant(false)
            }
        } else if !check(literal, against: type, path: path) {
            return .constant(false)
        }
        return .compare(FieldPath(path.text), op, literal.value)
    }

    private mutating func membership(_ path: PathSyntax, _ negated: Bool, _ list: ListSyntax,
                                     kinds: Set<EventKind>?) -> Condition {
        let type = field(path, kinds: kinds)?.type
        switch list {
        case .inline(let items, _):
            guard let type else { return .constant(false) }
            var ok = true
            for item in items where !check(item, against: type, path: path) { ok = false }
            return ok ? .member(FieldPath(path.text), ValueSet(items.map(\.value)), negated: negated) : .constant(false)
        case .named(let name, let offset):
            guard let entry = lists[name] else {
                error(offset, "unknown list \"@\(name)\"",
                      fix: Suggestion.fix(for: name, in: listNames, otherwise: "define it under lists:", sigil: "@"))
                return .constant(false)
            }
            guard let type else { return .constant(false) }
            if let bad = entry.values.first(where: { !Self.fits($0, type) }) {
                error(offset, "list \"@\(name)\" holds \(bad.typeName) (\(bad)) but \"\(path.text)\" is \(Self.describe(type))",
                      fix: "compare this field with a list of \(Self.valueNoun(type))")
                return .constant(false)
            }
            return .member(FieldPath(path.text), entry.set, negated: negated)
        }
    }

    private mutating func text(_ path: PathSyntax, _ op: TextOperator, _ literal: LiteralSyntax,
                               kinds: Set<EventKind>?) -> Condition {
        guard let type = field(path, kinds: kinds)?.type else { return .constant(false) }
        guard [.string, .time, .any].contains(type) else {
            error(path.offset, "\"\(op.rawValue)\" tests text but \"\(path.text)\" is \(Self.describe(type))",
                  fix: "use it on a string field")
            return .constant(false)
        }
        guard case .string(let pattern) = literal.value else { return .constant(false) }
        let fieldPath = FieldPath(path.text)
        do {
            switch op {
            case .startsWith: return .text(fieldPath, .startsWith(pattern))
            case .endsWith: return .text(fieldPath, .endsWith(pattern))
            case .glob: return .text(fieldPath, .glob(try RuleRegex(glob: pattern)))
            case .matches: return .text(fieldPath, .matches(try RuleRegex(regex: pattern)))
            }
        } catch {
            self.error(literal.offset + 1 + error.offset, "invalid pattern: \(error.message)",
                       fix: "use the supported subset: literals . [ ] * + ? | ( ) ^ $ \\d \\w \\s (at most \(RegexParser.maxPatternLength) characters)")
            return .constant(false)
        }
    }

    // MARK: Fields and types

    /// The catalog entry for a path, after checking it exists and can occur on `kinds`.
    private mutating func field(_ path: PathSyntax, kinds: Set<EventKind>?) -> EventField? {
        guard let field = EventFieldCatalog.field(for: path.text) else {
            error(path.offset, "unknown field \"\(path.text)\"",
                  fix: Suggestion.fix(for: path.text, in: Self.catalogPaths,
                                      otherwise: "use a field of event schema v1 (docs/topologies.md lists them)"))
            return nil
        }
        if let kinds, !field.kinds.isEmpty, Set(field.kinds).isDisjoint(with: kinds) {
            let carriers = field.kinds.map(\.rawValue).joined(separator: ", ")
            let matched = kinds.map(\.rawValue).sorted().joined(separator: ", ")
            error(path.offset, "\"\(path.text)\" is only carried by \(carriers) events, but this condition only matches \(matched) events",
                  fix: "test a field of \(matched) events, or change the kind test")
            return nil
        }
        if field.openBelow, field.path != path.text {
            return EventField(path.text, .any, kinds: field.kinds, field.summary)
        }
        return field
    }

    private mutating func check(_ literal: LiteralSyntax, against type: EventField.ValueType, path: PathSyntax) -> Bool {
        guard Self.fits(literal.value, type) else {
            error(literal.offset, "\"\(path.text)\" is \(Self.describe(type)) but \(literal.value) is \(literal.value.typeName)",
                  fix: type == .object || type == .array
                      ? "compare one of its fields, or test \"\(path.text) exists\""
                      : "write \(Self.valueNoun(type)) here")
            return false
        }
        if path.text == "kind", case .string(let kind) = literal.value, EventKind(rawValue: kind) == nil {
            error(literal.offset, "unknown event kind \"\(kind)\"",
                  fix: Suggestion.fix(for: kind, in: EventKind.allCases.map(\.rawValue),
                                      otherwise: "use one of \(EventKind.allCases.map(\.rawValue).joined(separator: ", "))"))
            return false
        }
        return true
    }

    static func fits(_ value: RuleValue, _ type: EventField.ValueType) -> Bool {
        switch (value, type) {
        case (_, .any): true
        case (.string, .string), (.string, .time): true
        case (.number(let n), .integer): n.integer != nil
        case (.number, .number): true
        case (.bool, .boolean): true
        default: false
        }
    }

    static func describe(_ type: EventField.ValueType) -> String {
        switch type {
        case .integer: "an integer field"
        case .array: "a list field"
        case .object: "an object field"
        case .boolean: "a boolean field"
        case .time: "a time field"
        default: "a \(type.rawValue) field"
        }
    }

    private static func valueNoun(_ type: EventField.ValueType) -> String {
        switch type {
        case .string, .time: "quoted strings"
        case .integer: "whole numbers"
        case .number: "numbers"
        case .boolean: "true or false"
        default: "values of its fields"
        }
    }

    private mutating func error(_ offset: Int, _ message: String, fix: String) {
        sink.error(scalar.position(atOffset: offset), message, fix: fix)
    }
}

extension ConditionCompiler {
    /// What a field path written outside an expression (a key, an aggregate field) must be.
    enum PathUse {
        /// One value per event: no list crossing, no object.
        case key
        /// A number to add up.
        case numeric
        /// A categorical value (string, number or boolean).
        case category
    }

    /// Checks a path written as (part of) a YAML scalar, e.g. `key: agent.id` or the field
    /// inside `sum(outcome.bytes)` at `offset`.
    mutating func path(_ text: String, in source: YAMLScalar, offset: Int = 0, kinds: Set<EventKind>?,
                       use: PathUse) -> FieldPath? {
        let saved = scalar
        scalar = source
        defer { scalar = saved }
        guard let field = field(PathSyntax(text: text, offset: offset), kinds: kinds) else { return nil }
        let crossesList = EventFieldCatalog.fields.contains { $0.type == .array && (text == $0.path || text.hasPrefix($0.path + ".")) }
        switch use {
        case .key where crossesList || field.type == .object || field.type == .array:
            error(offset, "\"\(text)\" can hold several values per event, so it cannot be a key",
                  fix: "key on a single-valued field such as agent.id or run.id")
            return nil
        case .numeric where ![.integer, .number, .any].contains(field.type):
            error(offset, "\"\(text)\" is \(Self.describe(field.type)), not a number", fix: "sum a numeric field such as outcome.bytes")
            return nil
        case .category where field.type == .object || field.type == .array:
            error(offset, "\"\(text)\" is \(Self.describe(field.type)), not a single value", fix: "name one of its fields")
            return nil
        default:
            return FieldPath(text)
        }
    }
}

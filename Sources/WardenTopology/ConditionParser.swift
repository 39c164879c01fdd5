/// Hand-written recursive-descent parser for condition expressions.
///
/// Grammar (lowest precedence first; `and` binds tighter than `or`, `not` tighter than both):
///
///     expr       := and ("or" and)*
///     and        := unary ("and" unary)*
///     unary      := "not" unary | primary
///     primary    := "(" expr ")" | "true" | "false" | $macro | test
///     test       := path ("==" | "!=" | "<" | "<=" | ">" | ">=") literal
///                 | path ["not"] "in" (list | @list)
///                 | path ("starts_with" | "ends_with" | "glob" | "matches") string
///                 | path "exists"
///     list       := "[" literal ("," literal)* "]"
///     literal    := string | number | true | false
struct ConditionParser {
    /// Deepest nesting of `(` and `not` accepted, so no expression can exhaust the stack.
    static let maxDepth = 64

    private let tokens: [ConditionToken]
    private var index = 0
    private var depth = 0
    private static let keywords: Set<String> = [
        "and", "or", "not", "in", "exists", "true", "false", "starts_with", "ends_with", "glob", "matches",
    ]

    static func parse(_ text: String) throws(ConditionSyntaxError) -> ConditionSyntax {
        var parser = ConditionParser(tokens: try ConditionLexer.tokens(text))
        if case .end = parser.current.kind {
            throw ConditionSyntaxError(offset: 0, message: "condition is empty",
                                       fix: "write a condition such as kind == \"intent\"")
        }
        let result = try parser.orExpression()
        guard case .end = parser.current.kind else {
            throw parser.unexpected("\"and\", \"or\" or the end of the condition")
        }
        return result
    }

    private init(tokens: [ConditionToken]) { self.tokens = tokens }

    private var current: ConditionToken { tokens[index] }

    private func isWord(_ word: String) -> Bool {
        if case .identifier(word) = current.kind { return true }
        return false
    }

    private func isSymbol(_ symbol: String) -> Bool {
        if case .symbol(symbol) = current.kind { return true }
        return false
    }

    private mutating func orExpression() throws(ConditionSyntaxError) -> ConditionSyntax {
        var items = [try andExpression()]
        while isWord("or") { index += 1; items.append(try andExpression()) }
        return items.count == 1 ? items[0] : .or(items)
    }

    private mutating func andExpression() throws(ConditionSyntaxError) -> ConditionSyntax {
        var items = [try unary()]
        while isWord("and") { index += 1; items.append(try unary()) }
        return items.count == 1 ? items[0] : .and(items)
    }

    private mutating func unary() throws(ConditionSyntaxError) -> ConditionSyntax {
        if isWord("not") {
            try enter()
            defer { depth -= 1 }
            index += 1
            return .not(try unary())
        }
        return try primary()
    }

    private mutating func enter() throws(ConditionSyntaxError) {
        depth += 1
        if depth > Self.maxDepth {
            throw ConditionSyntaxError(offset: current.offset, message: "condition nests more than \(Self.maxDepth) levels",
                                       fix: "split it into macros")
        }
    }

    private mutating func primary() throws(ConditionSyntaxError) -> ConditionSyntax {
        let token = current
        switch token.kind {
        case .symbol("("):
            try enter()
            defer { depth -= 1 }
            index += 1
            let inner = try orExpression()
            guard isSymbol(")") else { throw unexpected("\")\" to close the \"(\" at offset \(token.offset + 1)") }
            index += 1
            return inner
        case .identifier("true"): index += 1; return .constant(true)
        case .identifier("false"): index += 1; return .constant(false)
        case .macroReference(let name): index += 1; return .macro(name: name, offset: token.offset)
        case .identifier(let word) where !Self.keywords.contains(word):
            index += 1
            return try test(PathSyntax(text: word, offset: token.offset))
        default:
            throw unexpected("a field path, $macro, \"not\" or \"(\"")
        }
    }

    private mutating func test(_ path: PathSyntax) throws(ConditionSyntaxError) -> ConditionSyntax {
        let token = current
        switch token.kind {
        case .symbol(let symbol):
            guard let op = ComparisonOperator(rawValue: symbol) else { throw expectedOperator(after: path) }
            index += 1
            return .compare(path, op, try literal())
        case .identifier("exists"): index += 1; return .exists(path)
        case .identifier("in"): index += 1; return .membership(path, negated: false, try list())
        case .identifier("not"):
            index += 1
            guard isWord("in") else { throw unexpected("\"in\" after \"not\" (write `path not in [...]`)") }
            index += 1
            return .membership(path, negated: true, try list())
        case .identifier(let word):
            guard let op = TextOperator(rawValue: word) else { throw expectedOperator(after: path) }
            index += 1
            let value = try literal()
            guard case .string = value.value else {
                throw ConditionSyntaxError(offset: value.offset, message: "\"\(word)\" needs a string",
                                           fix: "quote the pattern, e.g. \(word) \"prod-*\"")
            }
            return .text(path, op, value)
        default:
            throw expectedOperator(after: path)
        }
    }

    private mutating func list() throws(ConditionSyntaxError) -> ListSyntax {
        let token = current
        if case .listReference(let name) = token.kind { index += 1; return .named(name, offset: token.offset) }
        guard isSymbol("[") else { throw unexpected("\"[\" starting a list or @name of a list") }
        index += 1
        var items = [try literal()]
        while isSymbol(",") { index += 1; items.append(try literal()) }
        guard isSymbol("]") else { throw unexpected("\",\" or \"]\" in the list") }
        index += 1
        return .inline(items, offset: token.offset)
    }

    private mutating func literal() throws(ConditionSyntaxError) -> LiteralSyntax {
        let token = current
        let value: RuleValue
        switch token.kind {
        case .string(let s): value = .string(s)
        case .number(let number): value = .number(number)
        case .identifier("true"): value = .bool(true)
        case .identifier("false"): value = .bool(false)
        case .identifier(let word):
            throw ConditionSyntaxError(offset: token.offset, message: "expected a value but found \"\(word)\"",
                                       fix: "quote text values: \"\(word)\"")
        default: throw unexpected("a value (a quoted string, a number, true or false)")
        }
        index += 1
        return LiteralSyntax(value: value, offset: token.offset)
    }

    private func expectedOperator(after path: PathSyntax) -> ConditionSyntaxError {
        unexpected("an operator after \"\(path.text)\" (==, !=, <, <=, >, >=, in, not in, starts_with, ends_with, glob, matches, exists)")
    }

    private func unexpected(_ expected: String) -> ConditionSyntaxError {
        let found: String
        switch current.kind {
        case .end: found = ""
        case .identifier(let w): found = "\"\(w)\""
        case .string(let s): found = "the string \"\(s)\""
        case .number(let number): found = "\(number)"
        case .listReference(let n): found = "@\(n)"
        case .macroReference(let n): found = "$\(n)"
        case .symbol(let s): found = "\"\(s)\""
        }
        return ConditionSyntaxError(offset: current.offset, message: found.isEmpty ? "the condition ends too early" : "unexpected \(found)",
                                    fix: "write \(expected) here")
    }
}

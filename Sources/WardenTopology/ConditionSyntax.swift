/// The parsed (not yet resolved) form of a condition expression such as
/// `kind == "intent" and tool.name in @destructive_tools`. Offsets count Unicode scalars from
/// the start of the expression text so errors can be mapped back into the YAML file.
indirect enum ConditionSyntax: Sendable {
    case source(YAMLScalar, ConditionSyntax)
    case and([ConditionSyntax])
    case or([ConditionSyntax])
    case not(ConditionSyntax)
    case constant(Bool)
    case macro(name: String, offset: Int)
    case compare(PathSyntax, ComparisonOperator, LiteralSyntax)
    case membership(PathSyntax, negated: Bool, ListSyntax)
    case text(PathSyntax, TextOperator, LiteralSyntax)
    case exists(PathSyntax)
}

struct PathSyntax: Sendable {
    let text: String
    let offset: Int
}

struct LiteralSyntax: Sendable {
    let value: RuleValue
    let offset: Int
}

enum ListSyntax: Sendable {
    case inline([LiteralSyntax], offset: Int)
    case named(String, offset: Int)
}

/// `==`, `!=` and the numeric orderings.
public enum ComparisonOperator: String, Sendable, Hashable, CaseIterable {
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="

    var isOrdering: Bool { self != .equal && self != .notEqual }
}

/// String operators written as words between a path and a string literal.
public enum TextOperator: String, Sendable, Hashable, CaseIterable {
    case startsWith = "starts_with", endsWith = "ends_with", glob, matches
}

/// One token of a condition expression.
struct ConditionToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case identifier(String)
        case string(String)
        case number(RuleNumber)
        case listReference(String)
        case macroReference(String)
        case symbol(String)
        case end
    }

    let kind: Kind
    let offset: Int
}

/// Why an expression could not be read, at which offset, and what to write instead.
struct ConditionSyntaxError: Error, Sendable {
    let offset: Int
    let message: String
    let fix: String
}

/// Splits an expression into tokens; identifiers are field paths or keywords.
enum ConditionLexer {
    static func tokens(_ text: String) throws(ConditionSyntaxError) -> [ConditionToken] {
        let s = Array(text.unicodeScalars)
        var i = 0
        var out: [ConditionToken] = []
        while i < s.count {
            let c = s[i]
            if c == " " || c == "\n" || c == "\t" || c == "\r" { i += 1; continue }
            let start = i
            if isIdentifierStart(c) {
                i = scanIdentifier(s, from: i)
                out.append(ConditionToken(kind: .identifier(string(s[start..<i])), offset: start))
            } else if c == "@" || c == "$" {
                i = scanIdentifier(s, from: i + 1)
                let name = string(s[(start + 1)..<i])
                guard !name.isEmpty, !name.contains(".") else {
                    let what = c == "@" ? "list" : "macro"
                    throw ConditionSyntaxError(offset: start, message: "\"\(c)\" must be followed by a \(what) name",
                                               fix: "write \(c)name, e.g. \(c)\(what == "list" ? "destructive_tools" : "production_target")")
                }
                out.append(ConditionToken(kind: c == "@" ? .listReference(name) : .macroReference(name), offset: start))
            } else if c == "\"" || c == "'" {
                let (value, end) = try scanString(s, from: i)
                i = end
                out.append(ConditionToken(kind: .string(value), offset: start))
            } else if ("0"..."9").contains(c) || (c == "-" && i + 1 < s.count && ("0"..."9").contains(s[i + 1])) {
                i += 1
                while i < s.count, ("0"..."9").contains(s[i]) || s[i] == "." || s[i] == "e" || s[i] == "E"
                    || ((s[i] == "-" || s[i] == "+") && (s[i - 1] == "e" || s[i - 1] == "E"))
                {
                    i += 1
                }
                let text = string(s[start..<i])
                guard let number = RuleNumber(decimal: text) else {
                    throw ConditionSyntaxError(offset: start, message: "\"\(text)\" is not a number",
                                               fix: "write a decimal number such as 10 or 0.5")
                }
                out.append(ConditionToken(kind: .number(number), offset: start))
            } else {
                let two = i + 1 < s.count ? string(s[i...(i + 1)]) : ""
                if ["==", "!=", "<=", ">="].contains(two) {
                    out.append(ConditionToken(kind: .symbol(two), offset: start)); i += 2
                } else if "()[],<>".unicodeScalars.contains(c) {
                    out.append(ConditionToken(kind: .symbol(String(c)), offset: start)); i += 1
                } else {
                    let hint = c == "=" ? "compare with \"==\"" : c == "&" || c == "|" ? "combine with \"and\" / \"or\""
                        : c == "!" ? "negate with \"not\" or compare with \"!=\"" : "remove it or quote it inside a string"
                    throw ConditionSyntaxError(offset: start, message: "unexpected character \"\(c)\"", fix: hint)
                }
            }
        }
        out.append(ConditionToken(kind: .end, offset: s.count))
        return out
    }

    private static func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
        c == "_" || ("a"..."z").contains(c) || ("A"..."Z").contains(c)
    }

    private static func scanIdentifier(_ s: [Unicode.Scalar], from start: Int) -> Int {
        var i = start
        while i < s.count, isIdentifierStart(s[i]) || ("0"..."9").contains(s[i]) || s[i] == "." || s[i] == "-" { i += 1 }
        return i
    }

    private static func scanString(_ s: [Unicode.Scalar], from start: Int) throws(ConditionSyntaxError) -> (String, Int) {
        let quote = s[start]
        var i = start + 1
        var value = String.UnicodeScalarView()
        while i < s.count, s[i] != quote {
            if s[i] == "\\", i + 1 < s.count, s[i + 1] == quote || s[i + 1] == "\\" { i += 1 }
            value.append(s[i])
            i += 1
        }
        guard i < s.count else {
            throw ConditionSyntaxError(offset: start, message: "string is not closed",
                                       fix: "add the closing \(quote == "\"" ? "double" : "single") quote")
        }
        return (String(value), i + 1)
    }

    private static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }
}

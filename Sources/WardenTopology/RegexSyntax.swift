/// The regular-expression subset of `matches`, parsed into a tree before compilation.
///
/// Supported: literals, `.`, classes `[a-z_]` / `[^0-9]`, escapes `\d \w \s \D \W \S` and
/// escaped metacharacters, `*` `+` `?`, `|`, groups `( )`, anchors `^` `$`. Nothing that needs
/// backtracking (no backreferences, lookaround or counted repetition), so matching stays linear.
indirect enum RegexNode: Sendable, Equatable {
    case empty
    case scalar(ScalarSet)
    case concat([RegexNode])
    case alternation([RegexNode])
    case star(RegexNode)
    case plus(RegexNode)
    case optional(RegexNode)
    case lineStart
    case lineEnd
}

/// A set of Unicode scalars tested by one NFA step.
struct ScalarSet: Sendable, Equatable {
    var ranges: [ClosedRange<UInt32>]
    var negated: Bool

    static let any = ScalarSet(ranges: [], negated: true)
    static func literal(_ scalar: Unicode.Scalar) -> ScalarSet {
        ScalarSet(ranges: [scalar.value...scalar.value], negated: false)
    }
    static let digit = ScalarSet(ranges: [48...57], negated: false)
    static let word = ScalarSet(ranges: [48...57, 65...90, 95...95, 97...122], negated: false)
    static let space = ScalarSet(ranges: [9...13, 32...32], negated: false)

    func contains(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        var inside = false
        for range in ranges where range.contains(v) { inside = true; break }
        return inside != negated
    }
}

/// Why a pattern was rejected and where (offset in Unicode scalars from the pattern start).
public struct RegexError: Error, Equatable, Sendable {
    public let offset: Int
    public let message: String
}

/// Recursive-descent parser for the subset; depth is bounded by the pattern length limit.
struct RegexParser {
    static let maxPatternLength = 256

    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var depth = 0

    static func parse(_ pattern: String) throws(RegexError) -> RegexNode {
        var parser = RegexParser(scalars: Array(pattern.unicodeScalars))
        if parser.scalars.count > maxPatternLength {
            throw RegexError(offset: maxPatternLength, message: "pattern is longer than \(maxPatternLength) characters")
        }
        let node = try parser.alternation()
        if parser.index < parser.scalars.count {
            throw RegexError(offset: parser.index, message: "unbalanced \")\"")
        }
        return node
    }

    private init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

    private var peek: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    private mutating func alternation() throws(RegexError) -> RegexNode {
        var branches = [try concatenation()]
        while peek == "|" {
            index += 1
            branches.append(try concatenation())
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func concatenation() throws(RegexError) -> RegexNode {
        var items: [RegexNode] = []
        while let c = peek, c != "|", c != ")" {
            items.append(try repetition())
        }
        if items.isEmpty { return .empty }
        return items.count == 1 ? items[0] : .concat(items)
    }

    private mutating func repetition() throws(RegexError) -> RegexNode {
        var node = try atom()
        while let c = peek, c == "*" || c == "+" || c == "?" {
            index += 1
            node = c == "*" ? .star(node) : c == "+" ? .plus(node) : .optional(node)
        }
        if peek == "{" {
            throw RegexError(offset: index, message: "counted repetition {m,n} is not supported")
        }
        return node
    }

    private mutating func atom() throws(RegexError) -> RegexNode {
        let start = index
        let c = scalars[index]
        index += 1
        switch c {
        case "(":
            if peek == "?" { throw RegexError(offset: index, message: "group options (?...) are not supported") }
            let inner = try alternation()
            guard peek == ")" else { throw RegexError(offset: start, message: "unclosed \"(\"") }
            index += 1
            return inner
        case "*", "+", "?":
            throw RegexError(offset: start, message: "\"\(c)\" has nothing to repeat")
        case ".": return .scalar(.any)
        case "^": return .lineStart
        case "$": return .lineEnd
        case "[": return .scalar(try characterClass(start: start))
        case "\\": return .scalar(try escape(start: start))
        default: return .scalar(.literal(c))
        }
    }

    private mutating func escape(start: Int) throws(RegexError) -> ScalarSet {
        guard let c = peek else { throw RegexError(offset: start, message: "pattern ends with \"\\\"") }
        index += 1
        switch c {
        case "d": return .digit
        case "w": return .word
        case "s": return .space
        case "D", "W", "S":
            var set: ScalarSet = c == "D" ? .digit : c == "W" ? .word : .space
            set.negated = true
            return set
        case "n": return .literal("\n")
        case "t": return .literal("\t")
        default:
            if c.properties.isAlphabetic || ("0"..."9").contains(c) {
                throw RegexError(offset: start, message: "unknown escape \"\\\(c)\"")
            }
            return .literal(c)
        }
    }

    private mutating func characterClass(start: Int) throws(RegexError) -> ScalarSet {
        var set = ScalarSet(ranges: [], negated: false)
        if peek == "^" { set.negated = true; index += 1 }
        var first = true
        while let c = peek, c != "]" || first {
            first = false
            index += 1
            var low = c
            if c == "\\" {
                guard let escaped = peek else { break }
                index += 1
                low = escaped == "n" ? "\n" : escaped == "t" ? "\t" : escaped
            }
            if peek == "-", index + 1 < scalars.count, scalars[index + 1] != "]" {
                let high = scalars[index + 1]
                index += 2
                guard low.value <= high.value else {
                    throw RegexError(offset: index - 3, message: "class range \(low)-\(high) is reversed")
                }
                set.ranges.append(low.value...high.value)
            } else {
                set.ranges.append(low.value...low.value)
            }
        }
        guard peek == "]" else { throw RegexError(offset: start, message: "unclosed \"[\"") }
        index += 1
        return set
    }
}

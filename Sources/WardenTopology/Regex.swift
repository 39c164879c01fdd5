/// A compiled pattern for `matches` (regular expressions) and `glob`, run as a Thompson NFA:
/// every input scalar advances all live states at once, so time is O(pattern × input) for
/// any pattern (`(a*)*b` included) and nothing backtracks.
public struct RuleRegex: Sendable, Hashable, CustomStringConvertible {
    enum Instruction: Sendable, Equatable {
        case consume(ScalarSet)
        case split(Int, Int)
        case jump(Int)
        case assertStart
        case assertEnd
        case accept
    }

    /// The text the author wrote; equality and hashing use it (same text, same program).
    public let source: String
    /// `regex` searches anywhere unless anchored; `glob` always matches the whole string.
    public let isGlob: Bool
    private let program: [Instruction]

    /// Compiles a regular expression from the documented subset; unanchored (searches).
    public init(regex pattern: String) throws(RegexError) {
        let tree = try RegexParser.parse(pattern)
        self.source = pattern
        self.isGlob = false
        self.program = RegexCompiler.compile(tree)
    }

    /// Compiles a glob: `*` any run of characters (dots and slashes included), `?` exactly one,
    /// `\` escapes the next character; everything else literal; the whole string must match.
    public init(glob pattern: String) throws(RegexError) {
        if pattern.unicodeScalars.count > RegexParser.maxPatternLength {
            throw RegexError(offset: RegexParser.maxPatternLength,
                             message: "pattern is longer than \(RegexParser.maxPatternLength) characters")
        }
        var items: [RegexNode] = [.lineStart]
        var escaped = false
        for c in pattern.unicodeScalars {
            if escaped { items.append(.scalar(.literal(c))); escaped = false; continue }
            switch c {
            case "\\": escaped = true
            case "*": items.append(.star(.scalar(.any)))
            case "?": items.append(.scalar(.any))
            default: items.append(.scalar(.literal(c)))
            }
        }
        if escaped { items.append(.scalar(.literal("\\"))) }
        items.append(.lineEnd)
        self.source = pattern
        self.isGlob = true
        self.program = RegexCompiler.compile(.concat(items))
    }

    public var description: String { source }

    public static func == (lhs: RuleRegex, rhs: RuleRegex) -> Bool {
        lhs.source == rhs.source && lhs.isGlob == rhs.isGlob
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(source)
        hasher.combine(isGlob)
    }

    /// True when the pattern matches somewhere in `text` (for globs: all of it).
    public func matches(_ text: String) -> Bool {
        let input = Array(text.unicodeScalars)
        var run = NFARun(program: program, inputCount: input.count)
        var current: [Int] = [], next: [Int] = []
        run.generation += 1
        if run.add(0, at: 0, to: &current) { return true }
        for position in 0..<input.count {
            let scalar = input[position]
            run.generation += 1
            next.removeAll(keepingCapacity: true)
            for pc in current {
                if case .consume(let set) = program[pc], set.contains(scalar),
                    run.add(pc + 1, at: position + 1, to: &next)
                {
                    return true
                }
            }
            // Unanchored search: a new attempt starts at every position.
            if run.add(0, at: position + 1, to: &next) { return true }
            swap(&current, &next)
        }
        return false
    }
}

/// Per-match scratch: a generation mark per instruction de-duplicates states at one position
/// (which is also what stops `(a*)*` from looping) and an explicit stack replaces recursion.
private struct NFARun {
    let program: [RuleRegex.Instruction]
    let inputCount: Int
    var mark: [Int]
    var stack: [Int] = []
    var generation = 0

    init(program: [RuleRegex.Instruction], inputCount: Int) {
        self.program = program
        self.inputCount = inputCount
        self.mark = [Int](repeating: 0, count: program.count)
    }

    /// Adds `pc` and every state reachable from it without consuming input; true on accept.
    mutating func add(_ pc: Int, at position: Int, to states: inout [Int]) -> Bool {
        stack.append(pc)
        while let pc = stack.popLast() {
            if mark[pc] == generation { continue }
            mark[pc] = generation
            switch program[pc] {
            case .accept: stack.removeAll(keepingCapacity: true); return true
            case .consume: states.append(pc)
            case .jump(let target): stack.append(target)
            case .split(let first, let second): stack.append(second); stack.append(first)
            case .assertStart: if position == 0 { stack.append(pc + 1) }
            case .assertEnd: if position == inputCount { stack.append(pc + 1) }
            }
        }
        return false
    }
}

/// Thompson construction from the syntax tree to a flat instruction list.
enum RegexCompiler {
    static func compile(_ node: RegexNode) -> [RuleRegex.Instruction] {
        var program: [RuleRegex.Instruction] = []
        emit(node, into: &program)
        program.append(.accept)
        return program
    }

    private static func emit(_ node: RegexNode, into p: inout [RuleRegex.Instruction]) {
        switch node {
        case .empty: break
        case .scalar(let set): p.append(.consume(set))
        case .lineStart: p.append(.assertStart)
        case .lineEnd: p.append(.assertEnd)
        case .concat(let items): for item in items { emit(item, into: &p) }
        case .alternation(let branches): emitAlternation(branches[...], into: &p)
        case .star(let inner):
            let split = p.count
            p.append(.split(0, 0))
            emit(inner, into: &p)
            p.append(.jump(split))
            p[split] = .split(split + 1, p.count)
        case .plus(let inner):
            let start = p.count
            emit(inner, into: &p)
            p.append(.split(start, p.count + 1))
        case .optional(let inner):
            let split = p.count
            p.append(.split(0, 0))
            emit(inner, into: &p)
            p[split] = .split(split + 1, p.count)
        }
    }

    private static func emitAlternation(_ branches: ArraySlice<RegexNode>, into p: inout [RuleRegex.Instruction]) {
        guard let first = branches.first else { return }
        if branches.count == 1 { emit(first, into: &p); return }
        let split = p.count
        p.append(.split(0, 0))
        emit(first, into: &p)
        let jump = p.count
        p.append(.jump(0))
        let secondStart = p.count
        emitAlternation(branches.dropFirst(), into: &p)
        p[split] = .split(split + 1, secondStart)
        p[jump] = .jump(p.count)
    }
}

import Yams

/// A YAML node with the position it was written at. Built once from Yams' `compose` output
/// so the loader works on a Sendable tree and every finding can point at file:line:column.
public indirect enum YAMLNode: Sendable {
    case scalar(YAMLScalar)
    case mapping([(key: YAMLScalar, value: YAMLNode)], SourcePosition)
    case sequence([YAMLNode], SourcePosition)

    public var position: SourcePosition {
        switch self {
        case .scalar(let scalar): scalar.position
        case .mapping(_, let position), .sequence(_, let position): position
        }
    }

    /// How the node is named in messages ("a mapping", "a list", "a string").
    var typeName: String {
        switch self {
        case .scalar: "a scalar"
        case .mapping: "a mapping"
        case .sequence: "a list"
        }
    }
}

/// A scalar's text, whether it was quoted (quoted scalars are always strings) and where it
/// starts. `sourceColumns` maps offsets inside the text back to file positions.
public struct YAMLScalar: Sendable {
    public let text: String
    public let isPlain: Bool
    public let position: SourcePosition
    /// For each Unicode scalar of `text`, its position in the file (plus one past the end).
    let sourcePositions: [SourcePosition]

    /// An empty scalar at `position`: the origin for diagnostics not tied to any text.
    static func empty(at position: SourcePosition) -> YAMLScalar {
        YAMLScalar(text: "", isPlain: true, position: position, sourcePositions: [])
    }

    /// Position of the `offset`-th Unicode scalar of `text` in the file.
    public func position(atOffset offset: Int) -> SourcePosition {
        guard !sourcePositions.isEmpty else { return position }
        return sourcePositions[Swift.min(Swift.max(offset, 0), sourcePositions.count - 1)]
    }
}

/// Parses YAML text into `YAMLNode`s, turning libyaml errors into diagnostics.
public enum YAMLSource {
    /// The document's root node, nil for an empty document, or the first syntax error.
    public static func parse(_ text: String) -> Result<YAMLNode?, Diagnostic> {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
        do {
            guard let root = try Yams.compose(yaml: text) else { return .success(nil) }
            return .success(try convert(root, lines: lines))
        } catch let error as YamlError {
            return .failure(diagnostic(for: error))
        } catch let error as AliasError {
            return .failure(Diagnostic(.error, at: error.position, "unresolved YAML alias",
                                       fix: "write the value out in full (use a named list or macro to share it)"))
        } catch {
            return .failure(Diagnostic(.error, at: SourcePosition(line: 1, column: 1), "invalid YAML: \(error)",
                                       fix: "fix the YAML syntax"))
        }
    }

    struct AliasError: Error { let position: SourcePosition }

    private static func convert(_ node: Node, lines: [[Unicode.Scalar]]) throws -> YAMLNode {
        let position = node.mark.map(SourcePosition.init) ?? SourcePosition(line: 1, column: 1)
        switch node {
        case .scalar(let scalar):
            return .scalar(makeScalar(scalar.string, style: scalar.style, at: position, lines: lines))
        case .mapping(let mapping):
            var pairs: [(key: YAMLScalar, value: YAMLNode)] = []
            for (key, value) in mapping {
                let keyPosition = key.mark.map(SourcePosition.init) ?? position
                let keyText = key.scalar?.string ?? ""
                let keyScalar = makeScalar(keyText, style: key.scalar?.style ?? .plain, at: keyPosition, lines: lines)
                pairs.append((keyScalar, try convert(value, lines: lines)))
            }
            return .mapping(pairs, position)
        case .sequence(let sequence):
            return .sequence(try sequence.map { try convert($0, lines: lines) }, position)
        case .alias:
            // compose() resolves aliases to their anchored nodes; should a future Yams hand one
            // through, reject it rather than guess what it stands for.
            throw AliasError(position: position)
        }
    }

    /// Aligns the scalar's text with the source characters starting at its mark. Characters the
    /// source adds (quotes, escapes, indentation, folding) are skipped, so positions stay exact
    /// for plain and quoted one-line scalars and close for block scalars.
    private static func makeScalar(_ text: String, style: Node.Scalar.Style, at start: SourcePosition,
                                   lines: [[Unicode.Scalar]]) -> YAMLScalar {
        var positions: [SourcePosition] = []
        var line = start.line - 1, column = start.column - 1
        func current() -> Unicode.Scalar? {
            guard line < lines.count else { return nil }
            return column < lines[line].count ? lines[line][column] : "\n"
        }
        func advance() {
            guard line < lines.count else { return }
            if column < lines[line].count { column += 1 } else { line += 1; column = 0 }
        }
        for scalar in text.unicodeScalars {
            var skipped = 0
            while let c = current(), c != scalar, !(scalar == "\n" && c == " "), skipped < 64 {
                advance(); skipped += 1
            }
            positions.append(SourcePosition(line: line + 1, column: column + 1))
            advance()
        }
        positions.append(SourcePosition(line: line + 1, column: column + 1))
        return YAMLScalar(text: text, isPlain: style == .plain || style == .any, position: start,
                          sourcePositions: positions)
    }

    private static func diagnostic(for error: YamlError) -> Diagnostic {
        let fix = "fix the YAML syntax at this point"
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
            let .composer(context, problem, mark, _):
            let detail = context.map { "\(problem) \($0.text)" } ?? problem
            return Diagnostic(.error, at: SourcePosition(mark), "invalid YAML: \(detail)", fix: fix)
        case let .duplicatedKeysInMapping(duplicates, context):
            return Diagnostic(.error, at: SourcePosition(context.mark),
                              "duplicate key \(duplicates.map { "\"\($0)\"" }.joined(separator: ", ")) in this mapping",
                              fix: "keep only one of them")
        case let .reader(problem, _, _, _):
            return Diagnostic(.error, at: SourcePosition(line: 1, column: 1), "unreadable text: \(problem)",
                              fix: "save the file as UTF-8")
        default:
            return Diagnostic(.error, at: SourcePosition(line: 1, column: 1), "invalid YAML: \(error)", fix: fix)
        }
    }
}

extension SourcePosition {
    init(_ mark: Mark) { self.init(line: mark.line, column: mark.column) }
}

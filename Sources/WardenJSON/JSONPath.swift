/// Where a value sits inside a JSON document, written the way error messages show it:
/// `$`, `$.agent.id`, `$.targets[2].kind`, `$.labels["team name"]`.
///
/// Parsers and validators build paths only when they report an error, so the happy path
/// never allocates one.
public struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    public enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    public private(set) var components: [Component]

    public init(_ components: [Component] = []) { self.components = components }

    /// `$`: the whole document.
    public static let root = JSONPath()

    public func appending(_ key: String) -> JSONPath {
        var copy = self
        copy.components.append(.key(key))
        return copy
    }

    public func appending(index: Int) -> JSONPath {
        var copy = self
        copy.components.append(.index(index))
        return copy
    }

    /// Puts `component` in front: containers call this as an error travels up to them.
    public mutating func prepend(_ component: Component) {
        components.insert(component, at: 0)
    }

    /// Puts a whole path in front, e.g. `$.data` for an event nested in a CloudEvent.
    public mutating func prepend(_ path: JSONPath) {
        components.insert(contentsOf: path.components, at: 0)
    }

    public var description: String {
        var out = "$"
        for component in components {
            switch component {
            case .index(let index): out += "[\(index)]"
            case .key(let key) where Self.isPlainName(key): out += "." + key
            case .key(let key): out += "[" + JSONWriter.string(.string(key)) + "]"
            }
        }
        return out
    }

    /// Names made of ASCII letters, digits and `_` (not starting with a digit) print as `.name`.
    private static func isPlainName(_ key: String) -> Bool {
        guard let first = key.utf8.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
            return false
        }
        return key.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
                true
            default: false
            }
        }
    }
}

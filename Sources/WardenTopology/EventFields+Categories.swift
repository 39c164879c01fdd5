import WardenJSON

extension JSONValue {
    /// A scalar as category text (strings as written, numbers and booleans in their JSON
    /// text); nil for null, arrays and objects, which are not categories.
    public var categoryText: String? {
        switch self {
        case .string(let s): s
        case .number(let n): n.text
        case .bool(let b): b ? "true" : "false"
        default: nil
        }
    }
}

extension EventFields {
    /// The first category `slot`'s path reaches (`categoryText`, in `FieldPath.scan` order),
    /// read from the values the event's walk already holds instead of walking the event again.
    public mutating func firstCategory(_ slot: Int) -> String? {
        var found: String?
        _ = scan(slot) { value in
            found = value.pointee.categoryText
            return found != nil
        }
        return found
    }

    /// Every category `slot`'s path reaches, in `FieldPath.scan` order.
    public mutating func categories(_ slot: Int) -> [String] {
        var found: [String] = []
        _ = scan(slot) { value in
            if let text = value.pointee.categoryText { found.append(text) }
            return false
        }
        return found
    }
}

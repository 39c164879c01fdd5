import WardenJSON

/// What a `FieldTrie` walk needs of one JSON value: whether it is null, a scalar or a
/// container, and a container's elements or members as a pointer and a count.
///
/// It is read through a pointer into the event's own storage and holds nothing: reading it
/// binds no payload, so a walk retains and releases nothing. The pointers stay valid while
/// the tree they point into is alive and unchanged — `EventFields` keeps its event's root for
/// as long as it reads through them, and a `JSONValue` is never changed in place while another
/// reference shares its storage (a change copies the storage first).
///
/// The pointers outlive the `withUnsafeBufferPointer` call that yields them, which Swift does
/// not promise in general. It holds here because the arrays are native Swift arrays (built by
/// the parser; nothing is bridged on Linux or elsewhere in this code), whose elements stay in one
/// heap buffer at one address for as long as the buffer is alive and unchanged. The
/// `EventFieldsTests` property test reads through them after the caller dropped its event.
struct JSONInPlace {
    enum Shape { case null, scalar, array, object }

    let shape: Shape
    /// The first element (`array`, a `JSONValue`) or member (`object`, a `JSONObject.Member`).
    let start: UnsafeRawPointer?
    let count: Int

    /// Reads `value` in place. Nothing in here writes memory, so the optimizer borrows the
    /// payload instead of copying it out (checked with `objdump`: no retain).
    @inline(__always)
    init(_ value: UnsafePointer<JSONValue>) {
        self.init(borrowing: value.pointee)
    }

    @inline(__always)
    init(borrowing value: JSONValue) {
        switch value {
        case .null:
            (shape, start, count) = (.null, nil, 0)
        case .array(let items):
            (shape, start, count) = items.withUnsafeBufferPointer { (.array, UnsafeRawPointer($0.baseAddress), $0.count) }
        case .object(let object):
            (shape, start, count) = object.members.withUnsafeBufferPointer { (.object, UnsafeRawPointer($0.baseAddress), $0.count) }
        default:
            (shape, start, count) = (.scalar, nil, 0)
        }
    }

    /// Where a container's elements or members start (nil for anything else), without reading
    /// the container's count: for a prefetch, which must not wait on the line it asks for.
    @inline(__always)
    static func contentsStart(_ value: UnsafePointer<JSONValue>) -> UnsafeRawPointer? {
        contentsStart(borrowing: value.pointee)
    }

    @inline(__always)
    static func contentsStart(borrowing value: JSONValue) -> UnsafeRawPointer? {
        switch value {
        case .array(let items): items.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
        case .object(let object): object.members.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
        default: nil
        }
    }

    /// Element `index` of an array.
    @inline(__always)
    func element(_ index: Int) -> UnsafePointer<JSONValue> {
        start.unsafelyUnwrapped.assumingMemoryBound(to: JSONValue.self) + index
    }

    /// Member `index` of an object.
    @inline(__always)
    func member(_ index: Int) -> UnsafePointer<JSONObject.Member> {
        start.unsafelyUnwrapped.assumingMemoryBound(to: JSONObject.Member.self) + index
    }
}

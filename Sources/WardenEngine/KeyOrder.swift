import WardenJSON

/// The one order used for keys in everything the engine emits or snapshots: UTF-8 byte order.
///
/// Swift's `String <` compares by Unicode canonical equivalence, which is not what two
/// implementations reading the same bytes would agree on; bytes are.
public enum KeyOrder {
    @inlinable
    public static func less(_ a: String, _ b: String) -> Bool { UTF8Bytes.less(a, b) }

    /// The keys of `dictionary` in byte order.
    static func sortedKeys<V>(_ dictionary: [StateKey: V]) -> [StateKey] {
        dictionary.keys.sorted()
    }
}

/// A state key (agent id, correlation id, category...) that is equal to another only when their
/// UTF-8 bytes are equal.
///
/// Swift `String` equality and hashing use Unicode canonical equivalence, so "é" and "e\u{301}"
/// would share one Dictionary entry and the spelling kept would be whichever arrived first.
/// Keying state by bytes keeps distinct identities distinct and makes the emitted spelling exact.
public struct StateKey: Hashable, Comparable, Sendable {
    public let string: String

    public init(_ string: String) { self.string = string }

    public static func == (a: StateKey, b: StateKey) -> Bool { UTF8Bytes.equal(a.string, b.string) }

    public static func < (a: StateKey, b: StateKey) -> Bool { KeyOrder.less(a.string, b.string) }

    public func hash(into hasher: inout Hasher) {
        let hashed: Bool? = string.utf8.withContiguousStorageIfAvailable {
            hasher.combine(bytes: UnsafeRawBufferPointer($0))
            return true
        }
        if hashed == nil { for byte in string.utf8 { hasher.combine(byte) } }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one order used for keys in everything the engine emits or snapshots: UTF-8 byte order.
///
/// Swift's `String <` compares by Unicode canonical equivalence, which is not what two
/// implementations reading the same bytes would agree on; bytes are.
public enum KeyOrder {
    @inlinable
    public static func less(_ a: String, _ b: String) -> Bool {
        // Native strings are contiguous UTF-8: one memcmp instead of the generic UTF8View
        // iteration, which was most of the cost of sorting state keys for a snapshot.
        let (x, y) = (a.utf8, b.utf8)
        let fast: Bool?? = x.withContiguousStorageIfAvailable { p in
            y.withContiguousStorageIfAvailable { q in bytesLess(UnsafeRawBufferPointer(p), UnsafeRawBufferPointer(q)) }
        }
        return (fast ?? nil) ?? x.lexicographicallyPrecedes(y)
    }

    @usableFromInline
    static func bytesLess(_ p: UnsafeRawBufferPointer, _ q: UnsafeRawBufferPointer) -> Bool {
        let common = min(p.count, q.count)
        if common > 0, let pBase = p.baseAddress, let qBase = q.baseAddress {
            let order = memcmp(pBase, qBase, common)
            if order != 0 { return order < 0 }
        }
        return p.count < q.count
    }

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

    public static func == (a: StateKey, b: StateKey) -> Bool {
        let (x, y) = (a.string.utf8, b.string.utf8)
        guard x.count == y.count else { return false }
        // Native strings are contiguous UTF-8: compare the buffers directly (the generic
        // UTF8View comparison is several times slower on this hot path).
        let fast: Bool?? = x.withContiguousStorageIfAvailable { p in
            y.withContiguousStorageIfAvailable { q in Self.equal(UnsafeRawBufferPointer(p), UnsafeRawBufferPointer(q)) }
        }
        return (fast ?? nil) ?? x.elementsEqual(y)
    }

    /// Equal-length buffers compared eight bytes at a time.
    private static func equal(_ p: UnsafeRawBufferPointer, _ q: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset + 8 <= p.count {
            guard p.loadUnaligned(fromByteOffset: offset, as: UInt64.self) == q.loadUnaligned(fromByteOffset: offset, as: UInt64.self) else { return false }
            offset += 8
        }
        while offset < p.count {
            guard p[offset] == q[offset] else { return false }
            offset += 1
        }
        return true
    }
    public static func < (a: StateKey, b: StateKey) -> Bool { KeyOrder.less(a.string, b.string) }

    public func hash(into hasher: inout Hasher) {
        let hashed: Bool? = string.utf8.withContiguousStorageIfAvailable {
            hasher.combine(bytes: UnsafeRawBufferPointer($0))
            return true
        }
        if hashed == nil { for byte in string.utf8 { hasher.combine(byte) } }
    }
}

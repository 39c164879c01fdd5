#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Strings compared by their UTF-8 bytes: the equality and order of everything Warden emits,
/// hashes or keys state by. Swift's `==` and `<` use Unicode canonical equivalence instead, on
/// which two implementations reading the same bytes need not agree.
///
/// Native strings are contiguous UTF-8, so the bytes are compared in place (`memcmp`); a
/// string that is not (a bridged one) takes the generic `UTF8View` comparison.
public enum UTF8Bytes {
    /// Calls `body` with both strings' UTF-8 bytes; nil when either is not contiguous.
    @inlinable
    public static func withBoth<R>(_ a: String, _ b: String, _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) -> R) -> R? {
        let result: R?? = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in body(UnsafeRawBufferPointer(x), UnsafeRawBufferPointer(y)) }
        }
        return result ?? nil
    }

    /// True when `a`'s bytes sort before `b`'s.
    @inlinable
    public static func less(_ a: String, _ b: String) -> Bool {
        withBoth(a, b) { compare($0, $1) < 0 } ?? a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// True when `a` and `b` have the same bytes.
    @inlinable
    public static func equal(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        return withBoth(a, b) { compare($0, $1) == 0 } ?? a.utf8.elementsEqual(b.utf8)
    }

    /// Negative, zero or positive as `x` sorts before, equal to or after `y`.
    @usableFromInline
    static func compare(_ x: UnsafeRawBufferPointer, _ y: UnsafeRawBufferPointer) -> Int {
        let common = min(x.count, y.count)
        if common > 0, let xBase = x.baseAddress, let yBase = y.baseAddress {
            let order = memcmp(xBase, yBase, common)
            if order != 0 { return Int(order) }
        }
        return x.count - y.count
    }
}

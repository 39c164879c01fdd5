/// The one order used for keys in everything the engine emits or snapshots: UTF-8 byte order.
///
/// Swift's `String <` compares by Unicode canonical equivalence, which is not what two
/// implementations reading the same bytes would agree on; bytes are.
public enum KeyOrder {
    @inlinable
    public static func less(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// The keys of `dictionary` in byte order.
    public static func sortedKeys<V>(_ dictionary: [String: V]) -> [String] {
        dictionary.keys.sorted(by: less)
    }
}

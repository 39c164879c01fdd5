/// Finds object members by fixed names (a schema's), for per-event hot paths.
///
/// Compares names by their UTF-8 bytes, as RFC 8259 and the parser's duplicate check do: two
/// short names (up to 15 bytes, in Swift's in-place small form) by their two words, others
/// byte by byte. Whether the standard library's small-string layout is the one that comparison
/// relies on is read once, when the finder is made, instead of at every lookup.
public struct JSONMemberFinder: Sendable {
    @usableFromInline let layoutKnown: Bool

    public init() { layoutKnown = SmallASCIIString.isAvailable }

    /// `layoutKnown` is `SmallASCIIString.isAvailable`, already read by the caller.
    init(layoutKnown: Bool) { self.layoutKnown = layoutKnown }

    /// The value of the first member of `object` whose name has exactly the bytes of `name`.
    ///
    /// Inlined so that a literal `name` is compared as constants.
    @inlinable @inline(__always)
    public func value(ofMemberNamed name: String, in object: JSONObject) -> JSONValue? {
        object.members.withUnsafeBufferPointer { members in
            index(ofMemberNamed: name, in: members).map { members[$0].value }
        }
    }

    /// The position in `members` of the first member whose name has exactly the bytes of `name`.
    @inlinable @inline(__always)
    func index(ofMemberNamed name: String, in members: UnsafeBufferPointer<JSONObject.Member>) -> Int? {
        // (Words are read only once the layout is known: elsewhere a String need not be two words.)
        guard layoutKnown, case let nameBits = SmallASCIIString.rawBits(name), SmallASCIIString.isSmall(nameBits)
        else {
            return members.indices.first { UTF8Bytes.equal(members[$0].key, name) }
        }
        // A short name equals a short key exactly when their words are equal; a key in the long
        // form (rare: a short string some other code built that way) is compared byte by byte.
        for index in members.indices {
            let keyBits = SmallASCIIString.rawBits(members[index].key)
            if keyBits == nameBits { return index }
            if !SmallASCIIString.isSmall(keyBits), UTF8Bytes.equal(members[index].key, name) { return index }
        }
        return nil
    }
}

/// Detects duplicate member names: a linear scan for the small objects events are made of,
/// a set once an object grows (membership only, so the set's hash seed never shows).
///
/// Names are the same only when their UTF-8 bytes are (RFC 8259 compares code units), not
/// when Swift's `==` says so: it also equates canonically equivalent strings such as "Å"
/// and "A\u{30A}" (see `JSONMemberFinder`).
struct MemberNames {
    private static let linearLimit = 16
    private var seen: Set<[UInt8]>? = nil
    private let finder: JSONMemberFinder

    /// `layoutKnown` is `SmallASCIIString.isAvailable`, read once per document by the scanner.
    init(layoutKnown: Bool) { finder = JSONMemberFinder(layoutKnown: layoutKnown) }

    /// False when `key` is already a member.
    mutating func insert(_ key: String, into members: UnsafeBufferPointer<JSONObject.Member>) -> Bool {
        if seen == nil {
            if members.count < Self.linearLimit {
                return finder.index(ofMemberNamed: key, in: members) == nil
            }
            seen = Set(members.map { Array($0.key.utf8) })
        }
        return seen?.insert(Array(key.utf8)).inserted ?? false
    }
}

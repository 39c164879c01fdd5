/// Detects duplicate member names: a linear scan for the small objects events are made of,
/// a set once an object grows (membership only, so the set's hash seed never shows).
///
/// Names are the same only when their UTF-8 bytes are (RFC 8259 compares code units):
/// Swift's `==` also equates canonically equivalent strings such as "Å" and "A\u{30A}",
/// so it serves as a fast filter and the bytes decide.
struct MemberNames {
    private static let linearLimit = 16
    private var seen: Set<[UInt8]>? = nil

    /// False when `key` is already a member.
    mutating func insert(_ key: String, into members: UnsafeBufferPointer<JSONObject.Member>) -> Bool {
        if seen == nil {
            if members.count < Self.linearLimit {
                let length = key.utf8.count
                return !members.contains {
                    $0.key.utf8.count == length && $0.key == key && $0.key.utf8.elementsEqual(key.utf8)
                }
            }
            seen = Set(members.map { Array($0.key.utf8) })
        }
        return seen?.insert(Array(key.utf8)).inserted ?? false
    }
}

/// Detects duplicate member names: a linear scan for the small objects events are made of,
/// a set once an object grows (membership only, so the set's hash seed never shows).
struct MemberNames {
    private static let linearLimit = 16
    private var seen: Set<String>? = nil

    /// False when `key` is already a member.
    mutating func insert(_ key: String, into members: UnsafeBufferPointer<JSONObject.Member>) -> Bool {
        if seen == nil {
            if members.count < Self.linearLimit {
                return !members.contains { $0.key == key }
            }
            seen = Set(members.map(\.key))
        }
        return seen?.insert(key).inserted ?? false
    }
}

extension JSONObject {
    /// Calls `body` with the value of the first member named `key`, read in place: unlike the
    /// subscript, no member or value is copied out, which matters on per-event rule paths.
    /// Nil when there is no such member.
    @inlinable
    public func withMember<R>(_ key: String, _ body: (JSONValue) -> R) -> R? {
        members.withUnsafeBufferPointer { members in
            for index in members.indices where members[index].key == key { return body(members[index].value) }
            return nil
        }
    }
}

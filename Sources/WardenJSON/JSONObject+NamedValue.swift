extension JSONObject {
    /// The value of the member whose name has exactly the UTF-8 bytes of `name`, read in place.
    ///
    /// For lookups by fixed names on hot paths (event schema fields): a short name is found by
    /// comparing two words per member instead of running Swift's string comparison. Names are
    /// compared by bytes, as RFC 8259 and the parser's duplicate check do; for names that are
    /// plain ASCII letters, digits and `_` that is the same answer as the subscript's `==`.
    public func value(ofMemberNamed name: String) -> JSONValue? {
        JSONMemberFinder().value(ofMemberNamed: name, in: self)
    }
}

import WardenJSON

/// Typed, path-reporting access to one JSON object's members.
///
/// Optional fields are omitted, never `null`: a `null` is a wrong type like any other, so a
/// producer bug cannot silently read as "absent".
struct FieldReader {
    let object: JSONObject
    /// Made once per event and handed to nested readers (it reads a process-wide flag once).
    private let finder: JSONMemberFinder

    init(_ object: JSONObject, finder: JSONMemberFinder = JSONMemberFinder()) {
        self.object = object
        self.finder = finder
    }

    /// Reads a value of `object` that is itself expected to be an object.
    static func object(_ value: JSONValue) throws(FieldFailure) -> FieldReader {
        guard case .object(let object) = value else {
            throw FieldFailure(.wrongType, .root, expected: "object", found: value.typeName)
        }
        return FieldReader(object)
    }

    /// The member called `key`, compared by bytes (`JSONMemberFinder`): for the schema's names,
    /// all `[a-z_]`, that is the same as the canonical equivalence of `==`.
    subscript(key: String) -> JSONValue? { finder.value(ofMemberNamed: key, in: object) }

    func has(_ key: String) -> Bool { self[key] != nil }

    private func missing(_ key: String, _ type: String) -> FieldFailure {
        FieldFailure(.missingField, JSONPath([.key(key)]), expected: type, found: "nothing")
    }

    private func wrongType(_ key: String, _ type: String, _ value: JSONValue) -> FieldFailure {
        FieldFailure(.wrongType, JSONPath([.key(key)]), expected: type, found: value.typeName)
    }

    func invalid(_ key: String, _ expected: String, _ value: JSONValue) -> FieldFailure {
        FieldFailure(.invalidValue, JSONPath([.key(key)]), expected: expected, found: value.quoted)
    }

    // MARK: Strings

    func optionalString(_ key: String) throws(FieldFailure) -> String? {
        guard let value = self[key] else { return nil }
        guard case .string(let string) = value else { throw wrongType(key, "string", value) }
        return string
    }

    /// A required string whose content the caller checks itself (`schema`, `kind`).
    func presentString(_ key: String) throws(FieldFailure) -> String {
        guard let string = try optionalString(key) else { throw missing(key, "string") }
        return string
    }

    /// A required string of 1 to `maxBytes` UTF-8 bytes (identifiers, names, vocabulary).
    func string(_ key: String, maxBytes: Int = Int.max) throws(FieldFailure) -> String {
        guard let string = try optionalString(key, maxBytes: maxBytes) else { throw missing(key, "string") }
        return string
    }

    func optionalString(_ key: String, maxBytes: Int) throws(FieldFailure) -> String? {
        guard let string = try optionalString(key) else { return nil }
        let count = string.utf8.count
        guard count > 0, count <= maxBytes else {
            let limit = maxBytes == Int.max ? "a non-empty string" : "a string of 1 to \(maxBytes) bytes"
            throw invalid(key, limit, .string(string))
        }
        return string
    }

    /// A string from a closed vocabulary, turned into its enum.
    func optionalEnum<E: RawRepresentable & CaseIterable>(_ key: String, _: E.Type) throws(FieldFailure) -> E?
    where E.RawValue == String {
        guard let string = try optionalString(key) else { return nil }
        guard let value = E(rawValue: string) else {
            let names = E.allCases.map(\.rawValue)
            let list = names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "")
            throw invalid(key, list, .string(string))
        }
        return value
    }

    func requiredEnum<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type) throws(FieldFailure) -> E
    where E.RawValue == String {
        guard let value = try optionalEnum(key, type) else { throw missing(key, "string") }
        return value
    }

    // MARK: Numbers

    /// A non-negative integer that fits Int64 (counts and durations).
    func optionalCount(_ key: String) throws(FieldFailure) -> Int64? {
        guard let value = self[key] else { return nil }
        guard case .number(let number) = value else { throw wrongType(key, "integer", value) }
        guard let count = number.int64, count >= 0, number.text.utf8.first != UInt8(ascii: "-") else {
            throw invalid(key, "an integer from 0 to \(Int64.max)", value)
        }
        return count
    }

    // MARK: Containers

    /// Runs `body` on the object at `key`, prefixing `key` to any failure inside it.
    func optionalObject<T>(_ key: String, _ body: (FieldReader) throws(FieldFailure) -> T) throws(FieldFailure) -> T? {
        guard let value = self[key] else { return nil }
        guard case .object(let nested) = value else { throw wrongType(key, "object", value) }
        do throws(FieldFailure) {
            return try body(FieldReader(nested, finder: finder))
        } catch {
            var failure = error
            failure.path.prepend(.key(key))
            throw failure
        }
    }

    func object<T>(_ key: String, _ body: (FieldReader) throws(FieldFailure) -> T) throws(FieldFailure) -> T {
        guard let value = try optionalObject(key, body) else { throw missing(key, "object") }
        return value
    }

    /// The raw object at `key` (free-form content such as tool arguments).
    func optionalRawObject(_ key: String) throws(FieldFailure) -> JSONObject? {
        try optionalObject(key) { reader throws(FieldFailure) in reader.object }
    }

    /// Maps each element of the array at `key` through `body`, prefixing `key[i]` to failures.
    func optionalArray<T>(_ key: String, _ body: (JSONValue) throws(FieldFailure) -> T) throws(FieldFailure) -> [T]? {
        guard let value = self[key] else { return nil }
        guard case .array(let items) = value else { throw wrongType(key, "array", value) }
        var result: [T] = []
        result.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            do throws(FieldFailure) {
                result.append(try body(item))
            } catch {
                var failure = error
                failure.path.prepend(.index(index))
                failure.path.prepend(.key(key))
                throw failure
            }
        }
        return result
    }

    /// Fails when `key` is present: fields of another kind must not ride along unvalidated.
    func forbid(_ key: String, in kind: EventKind) throws(FieldFailure) {
        guard let value = self[key] else { return }
        throw FieldFailure(
            .unexpectedField, JSONPath([.key(key)]), expected: "no \"\(key)\" member when kind is \"\(kind.rawValue)\"",
            found: value.typeName)
    }
}

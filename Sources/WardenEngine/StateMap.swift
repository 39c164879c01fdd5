/// A keyed state map (`[StateKey: Value]`) that remembers which keys changed since its digest
/// cache was last brought up to date, so a checkpoint's state digest re-hashes only the buckets
/// those keys fall in (docs/engine.md, "State digest").
///
/// It has the `Dictionary` API the primitives use (subscripts, `removeValue`, `index(forKey:)`,
/// `count`, `keys`, `values`, iteration), so call sites read as before. Every mutation goes
/// through a member that records its key; the cache is part of the value (copies carry their
/// own), and it never decides what the digest is: a map whose cache is stale or missing gives
/// the same commitment, computed on the spot.
public struct StateMap<Value: Sendable>: Sendable {
    public typealias Index = Dictionary<StateKey, Value>.Index
    public typealias Element = (key: StateKey, value: Value)

    /// The entries.
    public private(set) var dictionary: [StateKey: Value]
    /// Keys set or removed since `digests` was refreshed; unused while there is no cache, since
    /// a missing cache is rebuilt from every key anyway.
    private(set) var changed = ChangeList()
    /// Per-bucket digests as of the last refresh (nil: none yet, or dropped).
    var digests: StateMapDigests?

    public init() { dictionary = [:] }

    /// A map holding `dictionary` (e.g. as a snapshot reader returns it), with no cache yet.
    public init(_ dictionary: [StateKey: Value]) { self.dictionary = dictionary }

    public var count: Int { dictionary.count }
    public var isEmpty: Bool { dictionary.isEmpty }
    public var keys: Dictionary<StateKey, Value>.Keys { dictionary.keys }
    /// Read only: a value changed in place goes through `subscript(valueAt:)`, which records it.
    public var values: Dictionary<StateKey, Value>.Values { dictionary.values }

    /// As `Dictionary`'s; any write records `key` as changed.
    public subscript(key: StateKey) -> Value? {
        get { dictionary[key] }
        _modify {
            markChanged(key)
            yield &dictionary[key]
        }
    }

    /// As `Dictionary`'s; any write records `key` as changed.
    public subscript(key: StateKey, default defaultValue: @autoclosure () -> Value) -> Value {
        get { dictionary[key] ?? defaultValue() }
        _modify {
            markChanged(key)
            yield &dictionary[key, default: defaultValue()]
        }
    }

    /// The value at `index` (from `index(forKey:)`), changed in place without a second lookup.
    public subscript(valueAt index: Index) -> Value {
        get { dictionary.values[index] }
        _modify {
            markChanged(dictionary.keys[index])
            yield &dictionary.values[index]
        }
    }

    /// As `Dictionary`'s, recording `key` as changed.
    @discardableResult
    public mutating func removeValue(forKey key: StateKey) -> Value? {
        markChanged(key)
        return dictionary.removeValue(forKey: key)
    }

    /// As `Dictionary`'s, recording `key` as changed.
    @discardableResult
    public mutating func updateValue(_ value: Value, forKey key: StateKey) -> Value? {
        markChanged(key)
        return dictionary.updateValue(value, forKey: key)
    }

    public func index(forKey key: StateKey) -> Index? { dictionary.index(forKey: key) }

    /// As `Dictionary`'s, recording the removed key as changed.
    @discardableResult
    public mutating func remove(at index: Index) -> Element {
        markChanged(dictionary.keys[index])
        return dictionary.remove(at: index)
    }

    public mutating func reserveCapacity(_ minimumCapacity: Int) { dictionary.reserveCapacity(minimumCapacity) }

    private mutating func markChanged(_ key: StateKey) {
        guard digests != nil, !changed.record(key, entryCount: dictionary.count) else { return }
        digests = nil
    }

    /// Forgets the recorded changes once the cache reflects them.
    mutating func clearChanged() { changed.clear() }
}

extension StateMap: Sequence {
    public func makeIterator() -> Dictionary<StateKey, Value>.Iterator { dictionary.makeIterator() }
    public var underestimatedCount: Int { dictionary.count }
}

extension StateMap: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (StateKey, Value)...) {
        self.init(Dictionary(uniqueKeysWithValues: elements))
    }
}

extension StateMap: Equatable where Value: Equatable {
    /// Entries only: the digest cache is derived from them.
    public static func == (a: Self, b: Self) -> Bool { a.dictionary == b.dictionary }
}

extension StateMap: Hashable where Value: Hashable {
    public func hash(into hasher: inout Hasher) { hasher.combine(dictionary) }
}

extension KeyOrder {
    /// The keys of `map` in byte order.
    static func sortedKeys<V>(_ map: StateMap<V>) -> [StateKey] { sortedKeys(map.dictionary) }
}

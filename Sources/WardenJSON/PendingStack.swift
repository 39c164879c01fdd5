/// The elements of the containers a parser still has open, innermost last.
///
/// When a container closes its elements are moved (not copied) into one exactly sized array,
/// so building a document costs one allocation per container and no reference-count traffic.
/// Noncopyable, so the storage has exactly one owner and is freed exactly once (also when a
/// parse fails halfway and elements are left on the stack).
struct PendingStack<Element>: ~Copyable {
    private var storage: UnsafeMutablePointer<Element>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 1)
        storage = .allocate(capacity: self.capacity)
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    @inline(__always)
    mutating func push(_ element: consuming Element) {
        if count == capacity {
            let larger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
            larger.moveInitialize(from: storage, count: count)
            storage.deallocate()
            storage = larger
            capacity *= 2
        }
        (storage + count).initialize(to: element)
        count += 1
    }

    /// The elements from `first` to the top; valid until the next mutation.
    func elements(from first: Int) -> UnsafeBufferPointer<Element> {
        UnsafeBufferPointer(start: storage + first, count: count - first)
    }

    /// Moves the elements from `first` to the top into a new array and drops them.
    ///
    /// `reserveCapacity` plus appends rather than `Array(unsafeUninitializedCapacity:)`: the
    /// latter allocates through an unspecialised stdlib entry point that looks up the array's
    /// generic metadata in the runtime's cache on every call; this path is specialised here.
    mutating func pop(from first: Int) -> [Element] {
        let moved = count - first
        var array: [Element] = []
        array.reserveCapacity(moved)
        for offset in first..<count {
            array.append((storage + offset).move())
        }
        count = first
        return array
    }
}

/// The elements of the containers a parser still has open, innermost last.
///
/// When a container closes its elements are moved (not copied) into one exactly sized array,
/// so building a document costs one allocation per container and no reference-count traffic.
/// The stack starts in memory its creator lends it (the parser's, on the call stack, so a
/// document needs no allocation for the stack itself) and moves to the heap when it outgrows it.
/// Noncopyable, so the storage has exactly one owner and is freed exactly once (also when a
/// parse fails halfway and elements are left on the stack).
struct PendingStack<Element>: ~Copyable {
    private var storage: UnsafeMutablePointer<Element>
    private var capacity: Int
    /// False while `storage` is the lent memory, which its creator frees.
    private var ownsStorage = false
    private(set) var count = 0

    /// Starts in `initial`: uninitialised memory that outlives the stack and that its creator
    /// frees (the stack leaves it uninitialised again).
    init(initial: UnsafeMutableBufferPointer<Element>) {
        precondition(initial.count > 0, "a pending stack needs room for at least one element")
        storage = initial.baseAddress!
        capacity = initial.count
    }

    deinit {
        storage.deinitialize(count: count)
        if ownsStorage { storage.deallocate() }
    }

    @inline(__always)
    mutating func push(_ element: consuming Element) {
        if count == capacity { grow() }
        (storage + count).initialize(to: element)
        count += 1
    }

    /// Doubles the capacity, moving the elements to a new heap block.
    private mutating func grow() {
        let larger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: storage, count: count)
        if ownsStorage { storage.deallocate() }
        storage = larger
        capacity *= 2
        ownsStorage = true
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

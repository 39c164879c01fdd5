/// A min-schedule for entries that arrive almost always in order (event times of one
/// partition): in-order entries go to a FIFO, where push and pop cost O(1) and touch memory
/// sequentially; the rare entry that is smaller than the FIFO's last goes to a `MinHeap`.
/// `min` and `popMin` see both, so it answers exactly as one `MinHeap` of all entries would.
///
/// Like `MinHeap`, it is an index with lazy deletion, never part of a snapshot.
struct TimeOrderedSchedule<Element: Comparable & Sendable>: Sendable {
    /// In-order entries; the live ones are `fifo[head...]`, ascending.
    private var fifo: [Element] = []
    private var head = 0
    /// Entries that arrived out of order.
    private var heap = MinHeap<Element>()

    init() {}

    init(_ items: [Element]) { fifo = items.sorted() }

    var count: Int { fifo.count - head + heap.count }

    var min: Element? {
        let first = head < fifo.count ? fifo[head] : nil
        guard let early = heap.min else { return first }
        guard let first else { return early }
        return early < first ? early : first
    }

    mutating func push(_ element: Element) {
        if head == fifo.count {
            fifo.removeAll(keepingCapacity: true)
            head = 0
        }
        if let last = fifo.last, element < last { heap.push(element) } else { fifo.append(element) }
    }

    mutating func popMin() -> Element? {
        if let early = heap.min, head == fifo.count || early < fifo[head] { return heap.popMin() }
        guard head < fifo.count else { return nil }
        let first = fifo[head]
        head += 1
        dropPopped()
        return first
    }

    /// Frees the popped prefix once it is most of the FIFO (amortized O(1) per pop).
    private mutating func dropPopped() {
        guard head >= 1024, head * 2 >= fifo.count else { return }
        fifo.removeFirst(head)
        head = 0
    }
}

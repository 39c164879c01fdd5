/// A binary min-heap. Elements must be totally ordered (ties broken inside the element, e.g. by
/// key or sequence number) so that pop order never depends on insertion history.
///
/// Primitives use it as a schedule with lazy deletion: stale entries stay until popped and are
/// then checked against the live state. It is never part of a snapshot; restore rebuilds it.
struct MinHeap<Element: Comparable & Sendable>: Sendable {
    private(set) var elements: [Element] = []

    init() {}

    init(_ items: [Element]) {
        elements = items.sorted()
    }

    var count: Int { elements.count }
    var min: Element? { elements.first }

    mutating func push(_ element: Element) {
        elements.append(element)
        var child = elements.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard elements[child] < elements[parent] else { break }
            elements.swapAt(child, parent)
            child = parent
        }
    }

    mutating func popMin() -> Element? {
        guard !elements.isEmpty else { return nil }
        elements.swapAt(0, elements.count - 1)
        let top = elements.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < elements.count, elements[left] < elements[smallest] { smallest = left }
            if right < elements.count, elements[right] < elements[smallest] { smallest = right }
            if smallest == parent { break }
            elements.swapAt(parent, smallest)
            parent = smallest
        }
        return top
    }
}

/// A schedule answering its smallest entry first: `MinHeap`, `TimeOrderedSchedule`.
protocol MinSchedule {
    associatedtype Element: Comparable
    var min: Element? { get }
    mutating func popMin() -> Element?
}

extension MinSchedule {
    /// Pops the smallest element and every copy of it, so repeated schedule entries collapse.
    mutating func popMinDistinct() -> Element? {
        guard let top = popMin() else { return nil }
        while let next = min, next == top { _ = popMin() }
        return top
    }
}

extension MinHeap: MinSchedule {}
extension TimeOrderedSchedule: MinSchedule {}

/// A time-keyed schedule entry: earliest time first, then key order (a `StateKey`'s is its
/// byte order).
struct TimedKey<Key: Comparable & Sendable>: Comparable, Sendable {
    let time: Int64
    let key: Key

    static func < (a: TimedKey, b: TimedKey) -> Bool {
        a.time != b.time ? a.time < b.time : a.key < b.key
    }

    static func == (a: TimedKey, b: TimedKey) -> Bool { a.time == b.time && a.key == b.key }
}

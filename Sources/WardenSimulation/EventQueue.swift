/// Planned events ordered by (time, planning sequence): a binary min-heap, so interleaving
/// the agents never depends on hashing or on anything but the plan.
struct EventQueue {
    private var heap: [(time: Int64, sequence: Int, event: PlannedEvent)] = []
    private var sequence = 0

    var isEmpty: Bool { heap.isEmpty }
    var minimumTime: Int64? { heap.first?.time }

    mutating func push(_ event: PlannedEvent) {
        sequence += 1
        heap.append((event.time, sequence, event))
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard less(child, parent) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> PlannedEvent? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let top = heap.removeLast().event
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < heap.count, less(left, smallest) { smallest = left }
            if right < heap.count, less(right, smallest) { smallest = right }
            guard smallest != parent else { return top }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }

    private func less(_ a: Int, _ b: Int) -> Bool {
        (heap[a].time, heap[a].sequence) < (heap[b].time, heap[b].sequence)
    }
}

import PropertyBased
import Testing

@testable import WardenEngine

/// `TimeOrderedSchedule` pops exactly what one `MinHeap` of the same entries pops, whether the
/// entries arrive in order (the FIFO) or not (the heap beside it).
@Suite struct TimeOrderedScheduleTests {
    /// (push?, value): values mostly rising, sometimes falling back, with repeats.
    static let step = zip(Gen.int(in: 0...2), Gen.int64(in: -3...20))

    @Test func popsAsAMinHeap() async {
        await propertyCheck(count: 300, input: Self.step.array(of: 0...3000)) { steps in
            var schedule = TimeOrderedSchedule<Int64>()
            var heap = MinHeap<Int64>()
            var clock: Int64 = 0
            for (action, value) in steps {
                if action == 0 {
                    #expect(schedule.popMin() == heap.popMin())
                } else if action == 1 && value < 0 {
                    #expect(schedule.popMinDistinct() == heap.popMinDistinct())
                } else {
                    clock += value > 15 ? value - 25 : value % 3
                    schedule.push(clock)
                    heap.push(clock)
                }
                #expect(schedule.min == heap.min)
                #expect(schedule.count == heap.count)
            }
            while let top = heap.popMin() { #expect(schedule.popMin() == top) }
            #expect(schedule.popMin() == nil)
        }
    }

    @Test func startsSortedFromAnyArray() {
        var schedule = TimeOrderedSchedule<Int64>([5, 1, 4, 1, 3])
        schedule.push(2)
        var popped: [Int64] = []
        while let top = schedule.popMin() { popped.append(top) }
        #expect(popped == [1, 1, 2, 3, 4, 5])
    }
}

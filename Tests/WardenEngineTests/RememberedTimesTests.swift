import PropertyBased
import Testing

@testable import WardenEngine

/// `RememberedTimes` (first time inline) behaves as, and encodes the same bytes as, the
/// ascending `[Int64]` the obligation trackers kept before it.
@Suite struct RememberedTimesTests {
    static let step = zip(Gen.int(in: 0...3), Gen.int64(in: -50...50))

    /// The array model: insert after equal times, drop the earliest beyond the limit.
    static func insert(_ time: Int64, into times: inout [Int64], limit: Int) -> Int {
        times.insert(time, at: times.partitionPoint { $0 > time })
        let dropped = max(0, times.count - limit)
        times.removeFirst(dropped)
        return dropped
    }

    static func bytes(_ value: some SnapshotComponent) -> [UInt8] {
        var writer = SnapshotWriter()
        value.encode(to: &writer)
        return writer.bytes
    }

    @Test func behavesAsTheSortedArray() async {
        await propertyCheck(count: 300, input: zip(Gen.int(in: 1...6), Self.step.array(of: 1...200))) { limit, steps in
            var times: RememberedTimes? = nil
            var model: [Int64] = []
            for (action, value) in steps {
                if action == 0, times != nil {
                    let alive = times!.dropLeading { $0 < value }
                    model.removeFirst(model.partitionPoint { $0 >= value })
                    #expect(alive == !model.isEmpty)
                    if !alive { times = nil }
                } else if times == nil {
                    times = RememberedTimes(value)
                    model = [value]
                } else {
                    #expect(times!.insert(value, limit: limit) == Self.insert(value, into: &model, limit: limit))
                }
                guard let times else { continue }
                #expect(times.array == model)
                #expect(times.first(in: value - 10, value) == model.first { $0 >= value - 10 && $0 <= value })
                #expect(Self.bytes(times) == Self.bytes(model))
                var reader = SnapshotReader(bytes: Self.bytes(times))
                #expect((try? RememberedTimes(from: &reader)) == times)
            }
        }
    }

    @Test func refusesUnsortedOrEmptyTimes() {
        for times: [Int64] in [[], [3, 1]] {
            var reader = SnapshotReader(bytes: RememberedTimesTests.bytes(times))
            #expect(throws: SnapshotError.self) { try RememberedTimes(from: &reader) }
        }
    }
}

import WardenJSON

/// The values each slot reached on the current event: the first one inline in the slot's entry
/// (most paths reach one value), any further ones in a side list shared by all slots.
///
/// Entries are stamped with the event's generation instead of being cleared, so starting an
/// event costs nothing per slot; a slot not stamped this generation reached nothing.
///
/// Values are pointers into the current event's storage (`FieldTrie.walk`), so recording one
/// copies no `JSONValue`; they are read only while that event is loaded. Not `Sendable` on its
/// own: only the `EventFields` that keeps the event alive beside it is.
struct SlotValues {
    private struct Entry {
        var generation: UInt32 = 0
        var count: Int32 = 0
        /// True when the value was reached through an array (then it is not a key).
        var crossed = false
        var first: UnsafePointer<JSONValue>?
    }

    private var entries: [Entry]
    private var generation: UInt32 = 1
    /// Values after each slot's first, with their slot, in the walk's order.
    private var extras: [UnsafePointer<JSONValue>] = []
    private var extraSlots: [Int32] = []

    init(count: Int) {
        entries = Array(repeating: Entry(), count: count)
    }

    /// Forgets the current event's values.
    mutating func next() {
        if !extras.isEmpty {
            extras.removeAll(keepingCapacity: true)
            extraSlots.removeAll(keepingCapacity: true)
        }
        generation &+= 1
        if generation == 0 {
            generation = 1
            for index in entries.indices { entries[index].generation = 0 }
        }
    }

    mutating func record(_ value: UnsafePointer<JSONValue>, slot: Int, crossed: Bool) {
        let generation = generation
        let spilled: Bool = entries.withUnsafeMutableBufferPointer { entries in
            let entry = entries.baseAddress! + slot
            guard entry.pointee.generation == generation else {
                entry.pointee.generation = generation
                entry.pointee.count = 1
                entry.pointee.crossed = crossed
                entry.pointee.first = value
                return false
            }
            entry.pointee.count += 1
            return true
        }
        if spilled {
            extras.append(value)
            extraSlots.append(Int32(truncatingIfNeeded: slot))
        }
    }

    /// How many values `slot` reached.
    func count(_ slot: Int) -> Int {
        entries.withUnsafeBufferPointer { entries in
            let entry = entries.baseAddress! + slot
            return entry.pointee.generation == generation ? Int(entry.pointee.count) : 0
        }
    }

    /// Scans `slot`'s values in the order `FieldPath.scan` visits them. Inlined with `test`
    /// (a condition's comparison), which reads each value in place through its pointer.
    @inline(__always)
    func scan(_ slot: Int, _ test: (UnsafePointer<JSONValue>) -> Bool) -> FieldPath.Scan {
        entries.withUnsafeBufferPointer { entries in
            // Read in place through `pointee`; a subscript read would copy each entry out.
            let entry = entries.baseAddress! + slot
            guard entry.pointee.generation == generation else { return .missing }
            if test(entry.pointee.first.unsafelyUnwrapped) { return .matched }
            guard entry.pointee.count > 1 else { return .noneMatched }
            return extras.withUnsafeBufferPointer { extras in
                extraSlots.withUnsafeBufferPointer { slots in
                    for index in slots.indices where slots[index] == Int32(truncatingIfNeeded: slot) && test((extras.baseAddress! + index).pointee) {
                        return .matched
                    }
                    return .noneMatched
                }
            }
        }
    }

    /// The string of a slot that reached exactly one value, when that is a string. With
    /// `direct`, also nil when the value was reached through an array: that is
    /// `FieldPath.keyValue(in:)`, which never continues into arrays.
    func onlyString(_ slot: Int, direct: Bool) -> String? {
        entries.withUnsafeBufferPointer { entries in
            let entry = entries.baseAddress! + slot
            guard entry.pointee.generation == generation, entry.pointee.count == 1, !(direct && entry.pointee.crossed),
                case .string(let string) = entry.pointee.first.unsafelyUnwrapped.pointee
            else { return nil }
            return string
        }
    }
}

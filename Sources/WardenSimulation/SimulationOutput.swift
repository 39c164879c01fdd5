import WardenEvents
import WardenJSON

/// Ticks at a fixed event-time cadence from the start: `s<seed>-t<count>`.
struct TickClock {
    let seed: UInt64
    let start: Int64
    let interval: Int64
    private(set) var count = 0

    init(seed: UInt64, start: Int64, interval: Int64) {
        self.seed = seed
        self.start = start
        self.interval = interval
    }

    var nextTime: Int64 { start + Int64(count) * interval }

    mutating func next() -> PlannedEvent {
        let time = nextTime
        count += 1
        let id = "s\(seed)-t" + EventIDs.padded(count, 8)
        return PlannedEvent(time: time, id: id, key: nil, bytes: JSONWriter.bytes(EventBuilder.tick(id: id, time: time)))
    }
}

/// Writing: queued events in order, ticks before any event at or after their time.
extension SimulationState {
    /// Writes queued events earlier than `time` (no later plan can precede them).
    mutating func flush(before time: Int64, emit: (SimulatedRecord) throws -> Void) rethrows {
        while let next = queue.minimumTime, next < time {
            let event = queue.pop()!
            try writeTicks(through: event.time, emit: emit)
            try write(event, emit: emit)
        }
    }

    mutating func writeTicks(through time: Int64, emit: (SimulatedRecord) throws -> Void) rethrows {
        guard config.tickInterval > 0 else { return }
        while ticks.nextTime <= time {
            try write(ticks.next(), emit: emit)
        }
    }

    mutating func write(_ event: PlannedEvent, emit: (SimulatedRecord) throws -> Void) rethrows {
        lines += 1
        lastTime = max(lastTime, event.time)
        if let (incident, part) = partIndex[event.id] { truth.incidents[incident].parts[part].line = lines }
        for index in truth.incidents.indices where truth.incidents[index].detectLine == 0 {
            let incident = truth.incidents[index]
            let due = incident.detectEventID.map { $0 == event.id }
                ?? (event.time >= incident.detectAt.nanosecondsSinceEpoch)
            if due { truth.incidents[index].detectLine = lines }
        }
        try emit(SimulatedRecord(
            line: lines, id: event.id, key: event.key, value: event.bytes,
            time: EventTime(nanosecondsSinceEpoch: event.time)))
    }
}

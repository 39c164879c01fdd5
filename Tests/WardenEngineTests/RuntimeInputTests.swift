import Testing
import WardenEngine
import WardenJSON
import WardenTopology

@Suite struct RuntimeInputTests {
    func runtime(_ config: EngineConfig = EngineConfig()) throws -> Runtime { try Runtime(try Topologies.starterPack(), config: config) }

    func deadLetterCode(_ outputs: [EngineOutput]) -> String? {
        guard case .deadLetter(let code, _) = outputs.first?.body else { return nil }
        return code
    }

    @Test func malformedJSONWrongSchemaAndOversizeAreDeadLetters() throws {
        var r = try runtime(EngineConfig(maxEventBytes: 400))
        #expect(deadLetterCode(r.feed("{not json")) == "malformed_json")
        #expect(deadLetterCode(r.feed(#"{"schema":"warden.event/v9","id":"x","kind":"tick","time":"2026-11-21T10:00:00.0Z","tick":{}}"#)) == "unsupported_schema")
        let big = Events.action("big", at: 0, "read", extra: #","tool":{"name":"\#(String(repeating: "x", count: 500))"}"#)
        let oversize = r.feed(big)
        #expect(deadLetterCode(oversize) == "oversize")
        #expect(oversize.first?.context.input.digest.description == Events.digest(big))
        #expect(oversize.first?.context.input.offset == 2)
    }

    @Test func invalidIntentIsDeniedBesideItsDeadLetter() throws {
        var r = try runtime()
        let outputs = r.feed(#"{"schema":"warden.event/v1","id":"i1","kind":"intent","time":"2026-11-21T10:00:00.0Z","agent":{"id":"a"}}"#)
        #expect(outputs.kinds == ["dead_letter", "verdict"])
        #expect(outputs[1].verdict?.verdict == .deny && outputs[1].context.agent == "a")
    }

    @Test func eventsBeyondGraceAreReportedNotUsed() throws {
        var r = try runtime(EngineConfig(grace: 30_000_000_000))
        r.feed(Events.action("a1", at: 100, "read", intent: "i0"))
        #expect(r.feed(Events.action("a2", at: 75, "read", intent: "i0")).of("late_event").isEmpty)
        let late = r.feed(Events.action("a3", at: 60, "read", extra: #","targets":[{"kind":"secret","id":"s"}]"#))
        #expect(late.kinds == ["late_event"])
        let lateIntent = r.feed(Events.intent("i1", at: 10, "read", env: nil))
        #expect(lateIntent.kinds == ["late_event", "verdict"])
        #expect(lateIntent[1].verdict?.verdict == .deny)
    }

    @Test func ticksNeverMatchARule() throws {
        var r = try Runtime(try Topologies.with(rules: """
              - id: everything
                kind: threshold
                description: d
                tags: [ASI02]
                when: "true"
                aggregate: count
                key: id
                window: {type: tumbling, size: 1m}
                compare: ">= 1"
                actions:
                  alert: {severity: low}
            """))
        #expect(r.feed(Events.tick("t1", at: 0)).isEmpty)
        #expect(r.feed(Events.tick("t2", at: 3600)).isEmpty)
        #expect(r.feed(Events.line("outcome", "o", at: 3601, #""outcome":{"status":"success"}"#)).of("alert").count == 1)
    }

    @Test func outputJSONHasTheDocumentedMembersInOrder() throws {
        var r = try runtime()
        let output = try #require(r.feed(Events.intent("i1", at: 0, "read", env: nil)).first)
        let text = JSONWriter.string(output.json)
        #expect(text.hasPrefix(#"{"kind":"verdict","rule":"allow-reads","topology":"sha256:"#))
        let keys = output.json.objectValue?.keys ?? []
        #expect(keys == ["kind", "rule", "topology", "input", "event_id", "agent", "principal", "run", "stream_time",
                         "verdict", "final", "reason", "intent_id", "approval", "approvers"])
    }
}

@Suite struct RuntimeSnapshotTests {
    static let config = EngineConfig(grace: 120_000_000_000, maxPartialMatches: 4, maxPending: 50)

    func outputs(_ engine: inout PartitionEngine, _ line: String, at offset: Int) -> [[UInt8]] {
        engine.process(EngineInput(topic: "warden.agent.events", partition: 0, offset: Int64(offset), value: Array(line.utf8))).map(\.jsonBytes)
    }

    /// Restores the uninterrupted run's state at every position and runs on from there: the
    /// next 40 inputs (every position) or all of them (every 25th) must give the same outputs
    /// and the same snapshot bytes as the uninterrupted run at that point.
    @Test func restoreAtEveryPositionEqualsTheUninterruptedRun() throws {
        let topology = try Topologies.starterPack()
        let lines = MixedStream.lines(seed: 7, count: 300)
        var whole = try PartitionEngine(topology: topology, config: Self.config)
        var perInput: [[[UInt8]]] = []
        var snapshots = [whole.snapshot()]
        for (offset, line) in lines.enumerated() {
            perInput.append(outputs(&whole, line, at: offset))
            snapshots.append(whole.snapshot())
        }
        let kinds = Set(perInput.joined().compactMap { (try? JSONParser.parse($0))?["kind"]?.stringValue })
        #expect(kinds.isSuperset(of: ["verdict", "command", "alert", "dead_letter", "late_event", "approval_applied", "approval_ignored", "suppressed"]), "\(kinds.sorted())")
        for cut in 0...lines.count {
            var restored = try PartitionEngine(topology: topology, config: Self.config, snapshot: snapshots[cut])
            #expect(restored.snapshot() == snapshots[cut])
            let end = cut % 25 == 0 ? lines.count : min(lines.count, cut + 40)
            var produced: [[UInt8]] = []
            for offset in cut..<end { produced += outputs(&restored, lines[offset], at: offset) }
            #expect(produced == Array(perInput[cut..<end].joined()), "cut at \(cut)")
            #expect(restored.snapshot() == snapshots[end], "cut at \(cut)")
        }
    }

    @Test func refusesOtherLimitsAndCorruptBytes() throws {
        let topology = try Topologies.starterPack()
        var engine = try PartitionEngine(topology: topology, config: Self.config)
        for (offset, line) in MixedStream.lines(seed: 3, count: 50).enumerated() { _ = outputs(&engine, line, at: offset) }
        let bytes = engine.snapshot()
        #expect {
            try PartitionEngine(topology: topology, config: EngineConfig(), snapshot: bytes)
        } throws: { error in
            if case .configMismatch = error as? EngineRestoreError { true } else { false }
        }
        for cut in [0, 5, bytes.count / 2, bytes.count - 1] {
            #expect {
                try PartitionEngine(topology: topology, config: Self.config, snapshot: Array(bytes.prefix(cut)))
            } throws: { error in
                if case .invalidSnapshot = error as? EngineRestoreError { true } else { false }
            }
        }
        #expect(throws: EngineRestoreError.self) { try PartitionEngine(topology: topology, config: Self.config, snapshot: bytes + [0]) }
    }

    @Test func refusesAnotherTopology() throws {
        let engine = try PartitionEngine(topology: try Topologies.starterPack())
        let other = try Topologies.with(rules: PolicyRuntimeTests.rules)
        #expect(throws: EngineRestoreError.self) { try PartitionEngine(topology: other, snapshot: engine.snapshot()) }
        do {
            _ = try PartitionEngine(topology: other, snapshot: engine.snapshot())
        } catch {
            guard case .topologyMismatch = error else { Issue.record("expected topologyMismatch, got \(error)"); return }
        }
    }
}

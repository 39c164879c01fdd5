import Foundation
import Logging
import WardenEvidence
import WardenKafka
import WardenPipeline

/// The state of the run loop between iterations: the partition tasks, the partitions waiting
/// to be restored, and the cadences (commit, ticks). See `ServiceRunner` for the order of work.
struct RunLoop {
    let setup: RunSetup
    let clients: RunClients
    let observer: any RunObserver
    let logger: Logger
    let restorer: TaskRestorer
    let outputs: OutputRecords
    let snapshots: SnapshotStore
    var tasks: [TopicPartition: PartitionTask] = [:]
    /// Assigned partitions without a task yet, with the lowest offset dropped while waiting.
    var waiting: [TopicPartition: Int64?] = [:]
    /// Partitions whose task failed: paused until the service restarts.
    var failed: Set<TopicPartition> = []
    /// Polled records not yet decided.
    var backlog = InputBacklog()
    var lastCommit = ContinuousClock.now
    /// The periodic commit the broker has not answered yet.
    var commitInFlight: Task<Void, Never>?
    var lastTick = ContinuousClock.now
    /// When the poll that returned the work not yet sent returned (batch latency metric).
    var decidedSince = ContinuousClock.now
    var restoreBackoffUntil = ContinuousClock.now

    static let commitInterval = Duration.seconds(1)
    static let restoreRetry = Duration.seconds(1)

    init(setup: RunSetup, clients: RunClients, observer: any RunObserver, logger: Logger) {
        (self.setup, self.clients, self.observer, self.logger) = (setup, clients, observer, logger)
        let config = setup.config
        snapshots = SnapshotStore(producer: clients.producer, topic: config.topics[.snapshots].name, partitions: config.topics[.snapshots].partitions)
        outputs = OutputRecords(topics: config.topics, signingKey: setup.signingKey)
        restorer = TaskRestorer(
            topology: setup.topology, source: setup.source, engineConfig: setup.engineConfig, signingKey: setup.signingKey,
            checkpoints: config.evidence.checkpoint, producer: clients.producer, reader: clients.reader, snapshots: snapshots,
            evidenceTopic: config.topics[.evidence].name, evidencePartitions: config.topics[.evidence].partitions,
            outputTopics: [OutputTopicRole.verdicts, .commands, .alerts, .deadLetters].map { config.topics[$0].name })
    }

    mutating func iterate() async throws(ServiceError) {
        // The poll does not wait for records while there is work: what the last iteration
        // decided goes out as soon as it returns, and backlogged records are decided.
        let busy = !backlog.isEmpty || tasks.values.contains { $0.inputsSinceFlush > 0 }
        let records: [KafkaRecord]
        do {
            // A full backlog still polls (one record) so rebalances are served and the member stays live.
            records = try await clients.consumer.poll(maxRecords: backlog.isFull ? 1 : 5_000, timeout: busy ? .zero : .milliseconds(50))
        } catch {
            guard error.code != .fatal else { throw .kafka(error) }
            logger.warning("consume: \(error)")
            return
        }
        let polled = ContinuousClock.now
        observer.heartbeat()
        applyRebalances()
        queue(records)
        // The previous batch's evidence and messages travel while this one is decided.
        let flight = send()
        await process()
        decidedSince = polled
        await land(flight)
        // Caught up (nothing polled is left undecided): what was just decided goes out now
        // instead of after the next poll, so an intent's verdict does not wait one more round trip.
        if backlog.isEmpty { await land(send()) }
        await restoreWaiting()
        commitIfDue()
        await writeSnapshots(force: false)
        await writeTicksIfDue()
    }

    // MARK: Assignment

    private mutating func applyRebalances() {
        for event in clients.takeRebalances() {
            switch event.kind {
            case .assigned:
                observer.assigned(event.partitions)
                for partition in event.partitions {
                    backlog.drop(partition)
                    tasks[partition] = nil
                    failed.remove(partition)
                    waiting[partition] = .some(nil)
                    observer.restoring(partition)
                }
                try? clients.consumer.pause(event.partitions)
            case .revoked, .lost:
                for partition in event.partitions {
                    (tasks[partition], waiting[partition]) = (nil, nil)
                    backlog.drop(partition)
                }
                failed.subtract(event.partitions)
                observer.revoked(event.partitions)
            case .failed(let error):
                logger.error("rebalance failed: \(error)")
            }
        }
    }

    /// Backlogs the polled records of partitions that have a task; records fetched for a
    /// partition still being restored only lower the offset it will be read again from.
    private mutating func queue(_ records: [KafkaRecord]) {
        for record in records {
            let partition = record.topicPartition
            if let entry = waiting[partition] {
                waiting[partition] = .some(min(entry ?? record.offset, record.offset))
                continue
            }
            guard tasks[partition] != nil else { continue }
            backlog.append(record)
        }
    }

    /// Decides a slice of every backlogged partition. Partition tasks share nothing, so each
    /// one's slice runs as a child task: the service uses the cores there are, and each
    /// partition still sees its records in offset order.
    private mutating func process() async {
        let batches = backlog.takeSlices()
        guard !batches.isEmpty else { return }
        let outputs = self.outputs
        var failures: [(TopicPartition, String)] = []
        await withTaskGroup(of: (TaskBox, String?).self) { group in
            for (partition, batch) in batches {
                guard let task = tasks.removeValue(forKey: partition) else { continue }
                let box = TaskBox(consume task)
                group.addTask {
                    do throws(PipelineError) {
                        for record in batch { try box.task.process(record, outputs: outputs) }
                        return (box, nil)
                    } catch {
                        return (box, "\(error)")
                    }
                }
            }
            for await (box, failure) in group {
                tasks[box.task.partition] = box.task
                if let failure { failures.append((box.task.partition, failure)) }
            }
        }
        for (partition, reason) in failures.sorted(by: { $0.0 < $1.0 }) { fail(partition, reason: reason) }
    }

    /// A task that cannot record stops deciding: its partition is paused, so its agents get no
    /// verdicts (deny by contract) until an operator fixes the cause and restarts.
    private mutating func fail(_ partition: TopicPartition, reason: String) {
        tasks[partition] = nil
        waiting[partition] = nil
        backlog.drop(partition)
        failed.insert(partition)
        try? clients.consumer.pause([partition])
        logger.critical("partition \(partition) stopped: \(reason)")
        observer.failed(partition, reason: reason)
    }

    private mutating func restoreWaiting() async {
        guard !waiting.isEmpty, ContinuousClock.now >= restoreBackoffUntil else { return }
        // Resumed together once all are restored: a partition resumed early would fill the
        // consumer's prefetch queue and hold the others back.
        var restoredPartitions: [TopicPartition] = []
        defer {
            do { if !restoredPartitions.isEmpty { try clients.consumer.resume(restoredPartitions) } } catch {
                // Paused partitions would never be consumed: restore them again (after the backoff).
                logger.error("cannot resume restored partitions \(restoredPartitions), restoring them again: \(error)")
                for partition in restoredPartitions { rebuild(partition) }
                restoreBackoffUntil = ContinuousClock.now + Self.restoreRetry
            }
        }
        restoring: for partition in waiting.keys.sorted() {
            let started = ContinuousClock.now
            do throws(ServiceError) {
                let restored = try await restorer.restore(partition)
                let dropped = waiting[partition] ?? nil
                if let start = restored.startOffset ?? dropped {
                    do { try await clients.consumer.seek([TopicPartitionOffset(partition, offset: start)]) } catch { throw .kafka(error) }
                }
                restoredPartitions.append(partition)
                tasks[partition] = restored.task
                waiting[partition] = nil
                if let note = restored.note { logger.warning("partition \(partition): \(note)") }
                let report = RestoreReport(
                    chain: restored.task.chain.description, snapshotOffset: restored.snapshotOffset, startOffset: restored.startOffset ?? dropped,
                    evidenceLinesToMatch: restored.replayedLines, messagesAlreadyWritten: restored.alreadyEmitted, duration: ContinuousClock.now - started)
                logger.info("partition \(partition) restored: chain \(report.chain), snapshot \(report.snapshotOffset.map(String.init) ?? "none"), resuming at \(report.startOffset.map(String.init) ?? "the committed offset"), \(report.evidenceLinesToMatch) evidence lines to match, \(report.messagesAlreadyWritten) messages already written")
                observer.restored(partition, report: report)
            } catch {
                if case .kafka = error {
                    logger.warning("partition \(partition): restore will be retried: \(error)")
                    restoreBackoffUntil = ContinuousClock.now + Self.restoreRetry
                    break restoring
                }
                fail(partition, reason: "\(error)")
            }
        }
    }

    // MARK: Flush

    /// Hands the evidence (every busy task's chain) and the messages it records to the producer
    /// in one batch, without waiting: the run loop decides the next batch meanwhile, and
    /// `land` stores the input offsets once everything in the flight is acknowledged.
    private mutating func send() -> Flight? {
        let busy = tasks.keys.filter { tasks[$0]!.inputsSinceFlush > 0 }.sorted()
        guard !busy.isEmpty else { return nil }
        var records: [KafkaProducerRecord] = []
        var partitions: [BatchReport.Partition] = []
        var messages = 0
        for partition in busy {
            partitions.append(summary(of: tasks[partition]!))
            let unsent = tasks[partition]!.takeUnsent()
            records += unsent.records
            messages += unsent.messages
        }
        do {
            return Flight(batch: try clients.producer.startBatch(records), partitions: partitions, messages: messages, decidedSince: decidedSince)
        } catch {
            logger.error("evidence and messages not produced: \(error)")
            for partition in busy { rebuild(partition) }
            return nil
        }
    }

    /// Waits for a flight's acknowledgements, then stores the input offsets it covers. If any
    /// line or message was not stored, its tasks are rebuilt from the topics (restore), which
    /// writes exactly what is missing of either: after a crash between the two, a message's
    /// evidence record still appears.
    private mutating func land(_ flight: Flight?) async {
        guard let flight else { return }
        let delivery = await flight.batch.delivered()
        // A task failed or revoked meanwhile is gone: its offsets are not stored.
        let live = flight.partitions.filter { tasks[$0.partition] != nil }
        guard delivery.failed == 0 else {
            logger.error("\(delivery.failed) evidence lines or messages not stored; first: \(delivery.failures.first.map { "\($0.error)" } ?? "-")")
            for part in live { rebuild(part.partition) }
            return
        }
        for part in live {
            if let next = part.nextOffset { try? clients.consumer.storeOffsets([TopicPartitionOffset(part.partition, offset: next)]) }
        }
        observer.batch(BatchReport(partitions: live, duration: ContinuousClock.now - flight.decidedSince, messagesProduced: flight.messages))
    }

    /// Work handed to the producer and not yet acknowledged.
    private struct Flight {
        let batch: ProducingBatch
        /// Each partition's summary as of the send, with the offset to store once acknowledged.
        let partitions: [BatchReport.Partition]
        let messages: Int
        let decidedSince: ContinuousClock.Instant
    }

    private func summary(of task: PartitionTask) -> BatchReport.Partition {
        let high = clients.consumer.cachedWatermarks(task.partition)?.high
        return BatchReport.Partition(
            partition: task.partition, chain: task.chain.description, inputs: task.inputsSinceFlush, nextOffset: task.nextOffset,
            outputs: task.outputKinds,
            evidenceSeq: task.pipeline.writer.nextSeq - 1, lag: high.flatMap { high in task.nextOffset.map { max(0, high - $0) } })
    }

    /// Drops a task whose work was not all stored and restores it from the topics.
    private mutating func rebuild(_ partition: TopicPartition) {
        tasks[partition] = nil
        waiting[partition] = .some(backlog.drop(partition))
        try? clients.consumer.pause([partition])
        observer.restoring(partition)
    }

    // MARK: Cadences

    /// The loop does not wait for the broker's answer (a round trip each second would delay the
    /// intents of that iteration): stored offsets cover only acknowledged outputs, so committing
    /// them at any moment is safe. Each commit starts after the previous one has finished.
    private mutating func commitIfDue() {
        guard ContinuousClock.now - lastCommit >= Self.commitInterval else { return }
        lastCommit = ContinuousClock.now
        let (consumer, logger, previous) = (clients.consumer, logger, commitInFlight)
        commitInFlight = Task {
            await previous?.value
            do { try await consumer.commit() } catch { logger.warning("commit: \(error)") }
        }
    }

    mutating func writeSnapshots(force: Bool) async {
        let every = setup.config.snapshotEveryInputs
        let due = tasks.keys.sorted().filter {
            let task = tasks[$0]!
            return task.inputsSinceSnapshot > 0 && (force || task.inputsSinceSnapshot >= every)
        }
        guard !due.isEmpty else { return }
        // A snapshot covers only acknowledged work: what was decided since the last flight goes first.
        await land(send())
        for partition in due {
            // A task whose flight failed is being rebuilt: no snapshot.
            guard let task = tasks[partition], let snapshot = task.snapshot(writtenAtMs: Self.wallMs()) else { continue }
            do {
                try await snapshots.write(snapshot)
                tasks[partition]!.inputsSinceSnapshot = 0
            } catch {
                logger.warning("partition \(partition): snapshot not written (the next restore re-runs more input): \(error)")
            }
        }
    }

    private mutating func writeTicksIfDue() async {
        let config = setup.config
        guard config.ticksEnabled, !tasks.isEmpty else { return }
        let interval = Duration.nanoseconds(config.tickInterval.nanoseconds)
        guard ContinuousClock.now - lastTick >= interval else { return }
        lastTick = ContinuousClock.now
        let now = Self.wallMs()
        let ticks = tasks.keys.sorted().map { TickRecord.record(for: $0, wallMs: now, source: config.groupID) }
        do {
            let report = try await clients.producer.sendBatch(ticks)
            if report.failed > 0 { logger.warning("\(report.failed) tick records not stored") }
        } catch {
            logger.warning("ticks: \(error)")
        }
    }

    static func wallMs() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) }

    /// Clean shutdown: nothing is in flight between iterations; every task with decided inputs
    /// is snapshotted, after what the last iteration decided is sent and acknowledged (see
    /// `writeSnapshots`; no checkpoint: checkpoints fall where the policy puts them, so replays
    /// match), and the offsets committed.
    mutating func shutdown() async {
        await writeSnapshots(force: true)
        await commitInFlight?.value
        do { try await clients.consumer.commit() } catch { logger.warning("final commit: \(error)") }
        logger.info("warden run: stopped cleanly (\(tasks.count) partitions snapshotted)")
    }
}

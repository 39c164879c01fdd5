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
    var lastCommit = ContinuousClock.now
    /// The periodic commit the broker has not answered yet.
    var commitInFlight: Task<Void, Never>?
    var lastTick = ContinuousClock.now
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
        let records: [KafkaRecord]
        do { records = try await clients.consumer.poll(maxRecords: 5_000, timeout: .milliseconds(50)) } catch {
            guard error.code != .fatal else { throw .kafka(error) }
            logger.warning("consume: \(error)")
            return
        }
        let polled = ContinuousClock.now
        observer.heartbeat()
        applyRebalances()
        await process(records)
        await restoreWaiting()
        await flush(since: polled)
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
                    tasks[partition] = nil
                    failed.remove(partition)
                    waiting[partition] = .some(nil)
                    observer.restoring(partition)
                }
                try? clients.consumer.pause(event.partitions)
            case .revoked, .lost:
                for partition in event.partitions { (tasks[partition], waiting[partition]) = (nil, nil) }
                failed.subtract(event.partitions)
                observer.revoked(event.partitions)
            case .failed(let error):
                logger.error("rebalance failed: \(error)")
            }
        }
    }

    /// Decides the polled records. Partition tasks share nothing, so each one's records run
    /// as a child task: the service uses the cores there are, and each partition still sees its
    /// records in offset order.
    private mutating func process(_ records: [KafkaRecord]) async {
        var batches: [TopicPartition: [KafkaRecord]] = [:]
        for record in records {
            let partition = record.topicPartition
            if let entry = waiting[partition] {
                // Fetched before the task exists: read again from the restore point.
                waiting[partition] = .some(min(entry ?? record.offset, record.offset))
                continue
            }
            guard tasks[partition] != nil else { continue }
            batches[partition, default: []].append(record)
        }
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

    /// Evidence (every task's chain) and messages go out together, one round trip, and input
    /// offsets are stored only once both are acknowledged. A task whose evidence or messages were
    /// not all stored is rebuilt from the topics (restore), which writes exactly what is missing
    /// of either: after a crash between the two, a message's evidence record still appears.
    private mutating func flush(since polled: ContinuousClock.Instant) async {
        let busy = tasks.keys.filter { tasks[$0]!.inputsSinceFlush > 0 }.sorted()
        guard !busy.isEmpty else { return }
        var messages: [KafkaProducerRecord] = []
        for partition in busy { messages += tasks[partition]!.pending }
        var unstored: Set<TopicPartition> = []
        var produced = 0
        let producer = clients.producer
        await withTaskGroup(of: FlushResult.self) { group in
            for partition in busy {
                let sink = tasks[partition]!.sink
                group.addTask {
                    do { try await sink.flush(); return .evidenceStored } catch { return .evidenceFailed(partition, "\(error)") }
                }
            }
            if !messages.isEmpty {
                group.addTask { [messages] in
                    do { return .messages(try await producer.sendBatch(messages)) } catch { return .messagesFailed("\(error)") }
                }
            }
            for await result in group {
                switch result {
                case .evidenceStored:
                    break
                case .evidenceFailed(let partition, let error):
                    logger.error("partition \(partition): evidence not stored: \(error)")
                    unstored.insert(partition)
                case .messages(let report):
                    produced = report.delivered
                    if report.failed > 0 {
                        logger.error("\(report.failed) of \(messages.count) messages not stored; first: \(report.failures.first.map { "\($0.error)" } ?? "-")")
                        unstored.formUnion(busy)
                    }
                case .messagesFailed(let error):
                    logger.error("messages not produced: \(error)")
                    unstored.formUnion(busy)
                }
            }
        }
        var report = BatchReport(partitions: [], duration: .zero, messagesProduced: produced)
        for partition in busy {
            guard let task = tasks[partition] else { continue }
            if unstored.contains(partition) {
                rebuild(partition)
                continue
            }
            if let next = task.nextOffset { try? clients.consumer.storeOffsets([TopicPartitionOffset(partition, offset: next)]) }
            report.partitions.append(summary(of: task))
            tasks[partition]!.pending = []
            tasks[partition]!.inputsSinceFlush = 0
            tasks[partition]!.outputKinds = []
        }
        report.duration = ContinuousClock.now - polled
        observer.batch(report)
    }

    private enum FlushResult: Sendable {
        case evidenceStored
        case evidenceFailed(TopicPartition, String)
        case messages(BatchDeliveryReport)
        case messagesFailed(String)
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
        waiting[partition] = .some(nil)
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
        for partition in tasks.keys.sorted() {
            guard let task = tasks[partition], task.inputsSinceSnapshot > 0, force || task.inputsSinceSnapshot >= every,
                  let snapshot = task.snapshot(writtenAtMs: Self.wallMs()) else { continue }
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

    /// Clean shutdown: nothing is in flight between iterations, so snapshot every task (no
    /// checkpoint: checkpoints fall where the policy puts them, so replays match) and commit.
    mutating func shutdown() async {
        await writeSnapshots(force: true)
        await commitInFlight?.value
        do { try await clients.consumer.commit() } catch { logger.warning("final commit: \(error)") }
        logger.info("warden run: stopped cleanly (\(tasks.count) partitions snapshotted)")
    }
}

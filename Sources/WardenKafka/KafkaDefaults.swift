/// Warden's defaults, all in one place. They are applied first, so anything the caller sets
/// wins. Everything not listed keeps librdkafka's own default.
public enum KafkaDefaults {
    /// Producer: no duplicates or reordering on retry (`enable.idempotence=true`, which implies
    /// `acks=all`), and lz4 because JSON events compress well. tansu 0.6.0's idempotent path is
    /// slow (~19k msg/s): turn it off explicitly with `enable.idempotence=false` if you must.
    public static let producer = KafkaConfig([
        ("enable.idempotence", "true"),
        ("compression.type", "lz4"),
    ])

    /// Consumer: offsets move only when the application says a record is done
    /// (`enable.auto.offset.store=false`, `enable.auto.commit=false`), and a new group starts at
    /// the beginning of the log rather than silently skipping history.
    public static let consumer = KafkaConfig([
        ("enable.auto.commit", "false"),
        ("enable.auto.offset.store", "false"),
        ("auto.offset.reset", "earliest"),
    ])

    /// Partition reader (bounded range reads for replay): end-of-partition events on, and an
    /// out-of-range start offset is an error, never a silent jump elsewhere. librdkafka refuses
    /// `assign` without a `group.id`; the reader never joins or commits to that group. A short
    /// `fetch.wait.max.ms`: the end of a range (often an empty partition, when a restore looks
    /// for snapshots) is known from the first fetch reply instead of after 500 ms.
    public static let partitionReader = KafkaConfig([
        ("fetch.wait.max.ms", "10"),
        ("group.id", "warden-partition-reader"),
        ("enable.auto.commit", "false"),
        ("enable.auto.offset.store", "false"),
        ("enable.partition.eof", "true"),
        ("auto.offset.reset", "error"),
    ])

    /// Dev/test brokers: tansu 0.6.0 makes a group's first join wait `session.timeout.ms / 2`
    /// (librdkafka's default 45 s → 22.5 s); 6 s keeps that to ~3 s.
    public static let localDevelopment = KafkaConfig([
        ("session.timeout.ms", "6000"),
    ])
}

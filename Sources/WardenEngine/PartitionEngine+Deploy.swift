import WardenTopology

extension PartitionEngine {
    /// The engine of a newly deployed topology: the partition's stream clock and input position
    /// go on (time does not restart at a deployment), every rule's state, pending approvals and
    /// suppressions start empty under the new rules.
    public init(deploying topology: Topology, after previous: PartitionEngine) throws(EngineConfigError) {
        try self.init(topology: topology, config: previous.config)
        clock = previous.clock
        lastOffset = previous.lastOffset
        inputCount = previous.inputCount
    }
}

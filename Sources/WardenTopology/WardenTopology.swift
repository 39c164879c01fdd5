/// The topology language: YAML files in Topologies/, their model, checker and content hash.
public enum WardenTopology {}

/// Benchmarks behind `warden bench`: each prints its figure beside a baseline measured in the
/// same run, because absolute numbers on a shared 2-core machine mean little.
public enum WardenBench {}

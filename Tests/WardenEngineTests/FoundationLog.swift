import Foundation

/// The platform logarithm, only as a yardstick for `DeterministicMath.ln` in tests.
func Foundation_log(_ x: Double) -> Double { log(x) }

import Testing
@testable import WardenSimulation

@Suite struct WardenSimulationSmokeTests {
    @Test func moduleLinks() {
        _ = WardenSimulation.self
    }
}

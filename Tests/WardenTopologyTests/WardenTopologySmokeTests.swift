import Testing
@testable import WardenTopology

@Suite struct WardenTopologySmokeTests {
    @Test func moduleLinks() {
        _ = WardenTopology.self
    }
}

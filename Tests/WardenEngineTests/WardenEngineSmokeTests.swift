import Testing
@testable import WardenEngine

@Suite struct WardenEngineSmokeTests {
    @Test func moduleLinks() {
        _ = WardenEngine.self
    }
}

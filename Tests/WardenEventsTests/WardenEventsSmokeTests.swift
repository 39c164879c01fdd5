import Testing
@testable import WardenEvents

@Suite struct WardenEventsSmokeTests {
    @Test func moduleLinks() {
        _ = WardenEvents.self
    }
}

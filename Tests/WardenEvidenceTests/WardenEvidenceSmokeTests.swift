import Testing
@testable import WardenEvidence

@Suite struct WardenEvidenceSmokeTests {
    @Test func moduleLinks() {
        _ = WardenEvidence.self
    }
}

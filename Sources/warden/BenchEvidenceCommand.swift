import ArgumentParser
import Foundation
import WardenBench

/// `warden bench evidence`: chain append and verification throughput for ~300-byte records,
/// printed beside raw SHA-256 of the same bytes measured in the same run.
struct BenchEvidenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence",
        abstract: "Measure evidence chain append and verify rates against raw SHA-256 (same run)."
    )

    @Option(help: "Records to append and hash.")
    var records = 1_000_000

    func run() throws {
        guard records > 0 else { throw ValidationError("--records must be positive") }
        let f = try EvidenceBench.run(records: records)
        print("evidence bench: \(f.records) records of \(f.recordBytes) canonical bytes, best of \(f.rounds) interleaved rounds")
        print(row("sha256 of the record bytes (baseline)", f.sha256PerSecond, f.sha256PerSecond))
        print(row("sha256, stack context (as the chain uses)", f.stackSHA256PerSecond, f.sha256PerSecond))
        print(row("chain append (hash + line, in memory)", f.appendPerSecond, f.sha256PerSecond))
        print(row("chain link verify (hash + prev + seq)", f.linkVerifyPerSecond, f.sha256PerSecond))
        print(row("full bundle verify (\(f.fullVerifyRecords) records)", f.fullVerifyPerSecond, f.sha256PerSecond))
    }

    private func row(_ name: String, _ rate: Double, _ baseline: Double) -> String {
        let padded = name.padding(toLength: 44, withPad: " ", startingAt: 0)
        let perSecond = String(Int(rate.rounded()))
        return "\(padded) \(String(repeating: " ", count: max(0, 10 - perSecond.count)))\(perSecond) records/s  \(String(format: "%.2f", rate / baseline))x sha256"
    }
}

import Foundation
import Testing

/// The modules that decide and record must not read the wall clock, randomness or the process
/// environment (docs/architecture.md, "Determinism"): a scan of their sources for the calls that
/// would. Time comes from the log; ids from chain positions.
@Suite struct NoWallClockTests {
    static let modules = ["WardenEvents", "WardenTopology", "WardenEngine", "WardenEvidence", "WardenPipeline"]
    static let forbidden = [#"\bDate\("#, #"\.now\b"#, #"\bUUID\("#, #"\.random\("#, #"\bProcessInfo\b"#, #"SystemRandomNumberGenerator"#]

    static var sources: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources")
    }

    /// `file:line: text` for every line of `text` that matches one of `forbidden`.
    static func findings(in text: String, file: String) throws -> [String] {
        // Simple (ASCII) word boundaries: Unicode ones treat "ProcessInfo.processInfo" as one word.
        let patterns = try forbidden.map { try Regex($0).wordBoundaryKind(.simple) }
        return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, line in
            patterns.contains { line.contains($0) } ? "\(file):\(index + 1): \(line.trimmingCharacters(in: .whitespaces))" : nil
        }
    }

    @Test func decidingModulesReadNoClockRandomnessOrEnvironment() throws {
        var found: [String] = []
        var scanned = 0
        for module in Self.modules {
            let directory = Self.sources.appendingPathComponent(module)
            let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".swift") }.sorted()
            for file in files {
                let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
                found += try Self.findings(in: text, file: "\(module)/\(file)")
                scanned += 1
            }
        }
        #expect(scanned > 50)
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
    }

    /// The scan finds what it is meant to find (and not a type whose name ends in "Date").
    @Test func theScanSeesEachForbiddenCall() throws {
        let text = "let a = Date()\nlet b = ContinuousClock.now\nlet c = UUID()\nlet d = Int.random(in: 0..<2)\nlet e = ProcessInfo.processInfo\nvar g = SystemRandomNumberGenerator()\nlet f = CivilDate(year: 1)"
        #expect(try Self.findings(in: text, file: "x").count == 6)
    }
}

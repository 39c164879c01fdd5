import Foundation
import Testing
import WardenEvents

/// Runs the built `warden events validate` (from `swift build --build-tests`) on real files:
/// output lines, counts and the documented exit statuses.
@Suite struct EventsValidateCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = root.appendingPathComponent(".build/debug/warden")
        process.arguments = ["events", "validate"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func file(_ lines: [String]) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "warden-validate-\(UUID().uuidString).jsonl")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
        return url.path
    }

    @Test func validFileExitsZeroAndPrintsNothing() throws {
        let path = try Self.file(EventKind.allCasesText)
        let result = try Self.run([path])
        #expect(result.status == 0)
        #expect(result.output.isEmpty)
    }

    @Test func invalidLinesArePrintedWithFileAndLine() throws {
        let bad =
            #"{"schema":"warden.event/v1","id":"e","kind":"outcome","time":"2026-11-21T10:00:00.1Z","agent":{"id":"a"},"outcome":{"status":"success","rows":"3"}}"#
        let path = try Self.file([EventKind.allCasesText[0], bad, "", "[1,]"])
        let result = try Self.run([path])
        #expect(result.status == 1)
        #expect(
            result.output == """
                \(path):2: $.outcome.rows: expected integer, found string
                \(path):3: $: expected a JSON value, found end of input at byte 0
                \(path):4: $[1]: expected a JSON value, found ']' at byte 3

                """)
        let limited = try Self.run(["--max-bytes", "100", path])
        #expect(limited.status == 1)
        #expect(limited.output.hasPrefix("\(path):1: $: expected at most 100 bytes, found "))
    }

    @Test func severalFilesAreEachCheckedAndAnyInvalidExitsOne() throws {
        let good = try Self.file(EventKind.allCasesText)
        let bad = try Self.file(["[1,]"])
        let both = try Self.run([good, bad, good])
        #expect(both.status == 1)
        #expect(both.output == "\(bad):1: $[1]: expected a JSON value, found ']' at byte 3\n")
        #expect(try Self.run([good, good]).status == 0)
        let missing = try Self.run(["/nonexistent/x.jsonl", bad])
        #expect(missing.status == 2)
        #expect(missing.output.hasPrefix("\(bad):1: "))  // the readable file is still checked
    }

    @Test(arguments: [
        [], ["--max-bytes", "0", "a.jsonl"], ["--bogus", "a.jsonl"], ["/nonexistent/x.jsonl"],
    ])
    func usageAndIOErrorsExitTwo(arguments: [String]) throws {
        #expect(try Self.run(arguments).status == 2)
    }
}

extension EventKind {
    /// The documented example of every kind, one per line.
    static var allCasesText: [String] { allCases.map(EventFixtures.text) }
}

import ArgumentParser
import Foundation
import WardenEvents

/// `warden events validate FILE.jsonl...`: checks every line the way the service decodes a
/// record value, so a vendor can test a producer before pointing it at Kafka.
///
/// Exit status: 0 all lines valid, 1 some invalid, 2 usage error or a file cannot be read.
/// Arguments are read by the command itself so that every usage error, unknown options
/// included, exits 2.
struct EventsValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate JSON Lines files of events; print FILE:LINE: <error> for each bad line.",
        discussion: """
            Each line is decoded as a plain record value (no headers, no key) with the same \
            rules as the service. A final newline is optional; any other empty line is an \
            error. Several files are checked one after the other. Exit status: 0 all valid, \
            1 some invalid, 2 usage error or a file cannot be read (the other files are still checked).
            """
    )

    @Option(name: .long, help: "Largest accepted line in bytes (default \(EventDecoder.defaultMaxBytes)).")
    var maxBytes: String?

    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("The .jsonl files to check.", valueName: "FILE.jsonl"))
    var arguments: [String] = []

    func run() throws {
        let (paths, decoder) = try usage()
        var unreadable = false
        var invalidFiles = false
        for path in paths {
            guard let invalid = check(path, decoder: decoder) else {
                unreadable = true
                continue
            }
            invalidFiles = invalidFiles || invalid > 0
        }
        if unreadable { throw ExitCode(2) }
        if invalidFiles { throw ExitCode(1) }
    }

    /// Validates one file; returns its count of invalid lines, or nil when it cannot be read.
    private func check(_ path: String, decoder: EventDecoder) -> Int? {
        let contents: Data
        do {
            contents = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            note("cannot read \(path): \(error.localizedDescription)")
            return nil
        }
        let (lines, invalid) = Self.validate(Array(contents), decoder: decoder) { line, error in
            print("\(path):\(line): \(error)")
        }
        FileHandle.standardError.write(Data("\(path): \(lines) lines, \(invalid) invalid\n".utf8))
        return invalid
    }

    /// Decodes each line of `bytes`, calling `report` for the bad ones; returns the counts.
    static func validate(_ bytes: [UInt8], decoder: EventDecoder, report: (Int, EventError) -> Void)
        -> (lines: Int, invalid: Int)
    {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        var invalid = 0
        for (index, line) in lines.enumerated() {
            do throws(EventError) {
                _ = try decoder.decode(value: Array(line))
            } catch {
                invalid += 1
                report(index + 1, error)
            }
        }
        return (lines.count, invalid)
    }

    private func usage() throws -> ([String], EventDecoder) {
        guard !arguments.isEmpty else { fail("expected at least one FILE.jsonl argument, found none") }
        if let option = arguments.first(where: { $0.hasPrefix("-") }) {
            fail("unknown option \(option); the only option is --max-bytes N")
        }
        var decoder = EventDecoder()
        if let maxBytes {
            guard let limit = Int(maxBytes), limit > 0 else {
                fail("--max-bytes expects a positive integer, found \(maxBytes)")
            }
            decoder.maxBytes = limit
        }
        return (arguments, decoder)
    }

    private func note(_ message: String) {
        FileHandle.standardError.write(Data("warden events validate: \(message)\n".utf8))
    }

    private func fail(_ message: String) -> Never {
        note(message)
        Foundation.exit(2)
    }
}

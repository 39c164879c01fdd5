import ArgumentParser
import Foundation
import WardenEvents

/// `warden events validate FILE.jsonl`: checks every line the way the service decodes a
/// record value, so a vendor can test a producer before pointing it at Kafka.
///
/// Exit status: 0 all lines valid, 1 some invalid, 2 usage or I/O error. Arguments are read
/// by the command itself so that every usage error, unknown options included, exits 2.
struct EventsValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate a JSON Lines file of events; print FILE:LINE: <error> for each bad line.",
        discussion: """
            Each line is decoded as a plain record value (no headers, no key) with the same \
            rules as the service. A final newline is optional; any other empty line is an \
            error. Exit status: 0 all valid, 1 some invalid, 2 usage or I/O error.
            """
    )

    @Option(name: .long, help: "Largest accepted line in bytes (default \(EventDecoder.defaultMaxBytes)).")
    var maxBytes: String?

    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("The .jsonl file to check.", valueName: "FILE.jsonl"))
    var arguments: [String] = []

    func run() throws {
        let (path, decoder) = try usage()
        let contents: Data
        do {
            contents = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            fail("cannot read \(path): \(error.localizedDescription)")
        }
        let (lines, invalid) = Self.validate(Array(contents), decoder: decoder) { line, error in
            print("\(path):\(line): \(error)")
        }
        FileHandle.standardError.write(Data("\(path): \(lines) lines, \(invalid) invalid\n".utf8))
        if invalid > 0 { throw ExitCode(1) }
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

    private func usage() throws -> (String, EventDecoder) {
        guard arguments.count == 1, let path = arguments.first, !path.hasPrefix("-") else {
            let found = arguments.isEmpty ? "none" : arguments.joined(separator: " ")
            fail("expected exactly one FILE.jsonl argument, found \(found)")
        }
        var decoder = EventDecoder()
        if let maxBytes {
            guard let limit = Int(maxBytes), limit > 0 else {
                fail("--max-bytes expects a positive integer, found \(maxBytes)")
            }
            decoder.maxBytes = limit
        }
        return (path, decoder)
    }

    private func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("warden events validate: \(message)\n".utf8))
        Foundation.exit(2)
    }
}

import Foundation

/// Runs Debian's kcat as the baseline. It inherits LD_LIBRARY_PATH, so it loads the same
/// librdkafka 2.16 as Warden (scripts/env).
enum KcatRunner {
    /// kcat's producer input, "key:value" lines, written once before any timing.
    static func writeInput(_ options: KafkaBenchOptions) throws -> String {
        let path = NSTemporaryDirectory() + "warden-bench-kcat-\(UUID().uuidString).txt"
        guard FileManager.default.createFile(atPath: path, contents: nil), let file = FileHandle(forWritingAtPath: path) else {
            throw BenchError("cannot create \(path)")
        }
        defer { try? file.close() }
        let value = options.value
        var chunk: [UInt8] = []
        for n in 0..<options.messages {
            chunk += KafkaBenchOptions.key(n)
            chunk.append(UInt8(ascii: ":"))
            chunk += value
            chunk.append(UInt8(ascii: "\n"))
            if chunk.count > 1 << 20 || n == options.messages - 1 {
                try file.write(contentsOf: chunk)
                chunk.removeAll(keepingCapacity: true)
            }
        }
        return path
    }

    /// `kcat -P`, timed from launch to exit.
    static func produce(_ options: KafkaBenchOptions, topic: String, input: String) async throws -> KafkaBenchFigure {
        var arguments = ["-P", "-b", options.brokers, "-t", topic, "-K", ":"]
        arguments += options.producerProperties.flatMap { ["-X", "\($0.0)=\($0.1)"] }
        let process = try makeProcess(options, arguments)
        process.standardInput = FileHandle(forReadingAtPath: input)
        let clock = ContinuousClock()
        let start = clock.now
        let status = try await runToExit(process)
        let elapsed = clock.now - start
        guard status == 0 else { throw BenchError("kcat -P exited with status \(status)") }
        return KafkaBenchFigure(messages: options.messages, seconds: elapsed.seconds)
    }

    /// `kcat -G -e`, printing one short line per record; timed by the lines arriving on its
    /// stdout. `-e` (exit at the end of every partition) makes kcat flush its last buffered
    /// lines, which a pipe would otherwise hold back.
    static func consume(_ options: KafkaBenchOptions, topic: String, group: String) async throws -> ConsumeTiming {
        var arguments = ["-b", options.brokers, "-G", group, topic, "-q", "-e", "-f", "%o\\n"]
        arguments += options.consumerProperties.flatMap { ["-X", "\($0.0)=\($0.1)"] }
        let process = try makeProcess(options, arguments)
        let output = Pipe()
        process.standardOutput = output
        let timing = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<ConsumeTiming, Error>) in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try countLines(output.fileHandleForReading, process, expected: options.messages) })
            }
        }
        stop(process)
        return timing
    }

    /// kcat leaves the group on SIGTERM, which can take long: give it a moment, then SIGKILL.
    private static func stop(_ process: Process) {
        let deadline = ContinuousClock.now + .seconds(10)
        if process.isRunning { process.terminate() }
        while process.isRunning, ContinuousClock.now < deadline { usleep(10_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// Blocking: starts `process` and counts newlines on its output until `expected` arrived.
    private static func countLines(_ handle: FileHandle, _ process: Process, expected: Int) throws -> ConsumeTiming {
        var timing = ConsumeTiming(expected: expected)
        try process.run()
        // A kcat that never prints would block the read below forever.
        DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(Int(ConsumeTiming.limit.seconds))) {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        // read(2), not FileHandle.read(upToCount:), which waits until the whole count arrived.
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while !timing.done {
            let received = read(handle.fileDescriptor, &buffer, buffer.count)
            guard received > 0 else {
                throw BenchError("kcat stopped after \(timing.count) of \(expected) records")
            }
            try timing.received(buffer[..<received].reduce(0) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 })
        }
        return timing
    }

    private static func makeProcess(_ options: KafkaBenchOptions, _ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [options.kcat] + arguments
        return process
    }

    private static func runToExit(_ process: Process) async throws -> Int32 {
        try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
    }
}

import Foundation
import XCTest

/// How a finished child process ended: its exit status (or signal number) and what it wrote.
public struct ProcessResult {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// A started child process whose stdout and stderr go to temporary files. Files rather than pipes:
/// nothing blocks on a full pipe, and a grandchild that keeps the streams open (a daemon's job, a
/// tmux server) cannot hold up reading them.
public final class RunningProcess {
    /// The process, for signals and `isRunning`.
    public let process = Process()
    private let stdoutURL: URL
    private let stderrURL: URL
    private let inputURL: URL?
    private var handles: [FileHandle] = []

    /// Starts `executable` with `arguments`; `environment` nil inherits the test's; `input`, when
    /// given, is the standard input (else /dev/null).
    public init(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                currentDirectory: URL? = nil, input: String? = nil) throws {
        let temporary = FileManager.default.temporaryDirectory
        let id = UUID().uuidString
        stdoutURL = temporary.appendingPathComponent("dateline-out-\(id)")
        stderrURL = temporary.appendingPathComponent("dateline-err-\(id)")
        inputURL = input.map { _ in temporary.appendingPathComponent("dateline-in-\(id)") }
        _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        let stdout = try FileHandle(forWritingTo: stdoutURL)
        let stderr = try FileHandle(forWritingTo: stderrURL)
        handles = [stdout, stderr]
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        process.standardOutput = stdout
        process.standardError = stderr
        if let input, let inputURL {
            try Data(input.utf8).write(to: inputURL)
            let stdin = try FileHandle(forReadingFrom: inputURL)
            handles.append(stdin)
            process.standardInput = stdin
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        removeFiles()
    }

    public var pid: pid_t { process.processIdentifier }
    public var isRunning: Bool { process.isRunning }

    /// Waits for the exit and returns the status and output. After `timeout` seconds (nil: no limit)
    /// it records a test failure and kills the process (SIGTERM, SIGKILL 5 s later), so that a hang
    /// fails the test instead of blocking the suite.
    public func finish(timeout: TimeInterval?, file: StaticString = #filePath, line: UInt = #line) -> ProcessResult {
        if let timeout {
            let deadline = Date().addingTimeInterval(timeout)
            while process.isRunning && Date() < deadline { usleep(20_000) }
            if process.isRunning {
                let command = ([process.executableURL?.lastPathComponent ?? ""] + (process.arguments ?? [])).joined(separator: " ")
                XCTFail("\(command) did not finish within \(Int(timeout)) s; killing it", file: file, line: line)
                process.terminate()
                let grace = Date().addingTimeInterval(5)
                while process.isRunning && Date() < grace { usleep(20_000) }
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            }
        }
        process.waitUntilExit()
        let stdout = (try? Data(contentsOf: stdoutURL)) ?? Data()
        let stderr = (try? Data(contentsOf: stderrURL)) ?? Data()
        removeFiles()
        return ProcessResult(status: process.terminationStatus,
                             stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    private func removeFiles() {
        for handle in handles { try? handle.close() }
        handles = []
        for url in [stdoutURL, stderrURL] + (inputURL.map { [$0] } ?? []) { try? FileManager.default.removeItem(at: url) }
    }
}

/// Runs `executable` to completion (see `RunningProcess.finish` for the timeout) and returns its
/// status and output.
@discardableResult
public func runProcess(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                      currentDirectory: URL? = nil, input: String? = nil, timeout: TimeInterval?,
                      file: StaticString = #filePath, line: UInt = #line) throws -> ProcessResult {
    try RunningProcess(executable, arguments, environment: environment, currentDirectory: currentDirectory, input: input)
        .finish(timeout: timeout, file: file, line: line)
}

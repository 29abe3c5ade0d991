import Foundation

/// Where the session's output goes: standard output, a file named by `.output`, or for one entry a
/// file named by `.once`. Script `print` output follows the same route as results.
public final class REPLOutput {
    private let standard: (String) -> Void
    private let standardIsTerminal: Bool
    private var file: UnsafeMutablePointer<FILE>?
    private var filePath: String?
    private var onceFile: UnsafeMutablePointer<FILE>?

    /// `standard` receives text for standard output; `isTerminal` says whether colour may be used there.
    public init(standard: @escaping (String) -> Void = REPLOutput.writeStandardOutput, isTerminal: Bool) {
        self.standard = standard
        self.standardIsTerminal = isTerminal
    }

    deinit {
        if let file { fclose(file) }
        if let onceFile { fclose(onceFile) }
    }

    /// Writes to the current destination (pass this as the engine's `print` sink).
    public func write(_ text: String) {
        if let target = onceFile ?? file {
            var text = text
            text.withUTF8 { _ = fwrite($0.baseAddress, 1, $0.count, target) }
        } else {
            standard(text)
        }
    }

    /// True when output goes to the terminal (colour and widths apply).
    var isTerminal: Bool { onceFile == nil && file == nil && standardIsTerminal }

    /// Where output goes now, for messages.
    var destination: String { filePath ?? "standard output" }

    /// `.output FILE`: send everything to FILE (truncated) until `.output` without a file.
    func redirect(to path: String?) throws {
        if let file { fclose(file) }
        file = nil
        filePath = nil
        guard let path else { return }
        guard let opened = fopen(path, "w") else { throw REPLCommandError("cannot write \(path): \(String(cString: strerror(errno)))") }
        file = opened
        filePath = path
    }

    /// `.once FILE`: send the output of the next entry only to FILE.
    func redirectOnce(to path: String) throws {
        guard let opened = fopen(path, "w") else { throw REPLCommandError("cannot write \(path): \(String(cString: strerror(errno)))") }
        if let onceFile { fclose(onceFile) }
        onceFile = opened
    }

    /// Called after each entry: closes a `.once` file and flushes.
    func endEntry() {
        if let onceFile { fclose(onceFile) }
        onceFile = nil
        if let file { fflush(file) }
        fflush(stdout)
    }

    public static func writeStandardOutput(_ text: String) {
        var text = text
        text.withUTF8 { _ = fwrite($0.baseAddress, 1, $0.count, stdout) }
    }
}

/// A dot-command that cannot be carried out; its message is one line.
struct REPLCommandError: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}

import Foundation

/// Writing to stdout/stderr, and knowing whether they are terminals.
enum Terminal {
    static let stdoutIsTTY = isatty(STDOUT_FILENO) == 1
    static let stderrIsTTY = isatty(STDERR_FILENO) == 1

    static func out(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func error(_ line: String) {
        let prefix = stderrIsTTY ? "\u{1B}[31merror:\u{1B}[0m " : "error: "
        FileHandle.standardError.write(Data((prefix + line + "\n").utf8))
    }

    static func warn(_ line: String) {
        let prefix = stderrIsTTY ? "\u{1B}[33mwarning:\u{1B}[0m " : "warning: "
        FileHandle.standardError.write(Data((prefix + line + "\n").utf8))
    }

    static func note(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

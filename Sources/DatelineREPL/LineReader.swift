import Foundation

/// One read from the user.
enum LineInput: Equatable {
    /// A line (without its newline).
    case line(String)
    /// Ctrl-C at the prompt: drop what was typed.
    case interrupted
    /// Ctrl-D or end of input.
    case end
}

/// Where the REPL's input lines come from: a line editor on a terminal, or plain lines.
protocol LineReader: AnyObject {
    /// Reads one line, showing `prompt` when interactive.
    func read(prompt: String) -> LineInput
    /// Records a finished entry (possibly several lines) in the history.
    func addHistory(_ entry: String)
}

/// Plain lines from a file handle (standard input that is not a terminal): no prompt, no escape
/// codes, no history.
final class PlainLineReader: LineReader {
    private let read: () -> String?

    init(read: @escaping () -> String? = { Swift.readLine(strippingNewline: true) }) {
        self.read = read
    }

    func read(prompt: String) -> LineInput {
        read().map(LineInput.line) ?? .end
    }

    func addHistory(_ entry: String) {}
}

/// Lines from a fixed list (tests, `.read` is separate): each `read` returns the next one.
final class ScriptedLineReader: LineReader {
    private var lines: [LineInput]
    private(set) var history: [String] = []
    private(set) var prompts: [String] = []

    init(_ lines: [LineInput]) {
        self.lines = lines
    }

    func read(prompt: String) -> LineInput {
        prompts.append(prompt)
        return lines.isEmpty ? .end : lines.removeFirst()
    }

    func addHistory(_ entry: String) { history.append(entry) }
}

/// The terminal's width in columns (80 when unknown).
enum TerminalSize {
    static func columns(fd: Int32 = STDOUT_FILENO) -> Int {
        var size = winsize()
        if ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let env = ProcessInfo.processInfo.environment["COLUMNS"], let n = Int(env), n > 0 { return n }
        return 80
    }
}

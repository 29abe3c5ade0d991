import DatelineTestSupport
import Foundation
import XCTest

/// Drives the built `dateline repl` as a person would: in a tmux pseudo-terminal (keys in, screen
/// out), plus piped non-interactive use. Skips when the binary or tmux is missing.
final class TerminalTests: XCTestCase {
    /// Shared by all tests: the binary and a corpus ingested from seeds/ (built once).
    private static var fixture: (binary: String, db: String, dir: URL)?
    private static var fixtureError: String?

    private var sockets: [String] = []
    private var folder: TemporaryFolder!
    private var directory: URL { folder.url }

    override func setUpWithError() throws {
        try super.setUpWithError()
        if Self.fixture == nil && Self.fixtureError == nil { Self.prepareFixture() }
        if let error = Self.fixtureError { throw XCTSkip(error) }
        folder = try TemporaryFolder(prefix: "repl-tty")
    }

    override func tearDown() {
        for socket in sockets {
            _ = try? Self.detached(["tmux", "-L", socket, "kill-server"])
            // tmux leaves the socket file of a server whose last session ended.
            unlink("\(ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp")/tmux-\(getuid())/\(socket)")
        }
        folder = nil
        super.tearDown()
    }

    // MARK: Fixture

    private static func prepareFixture() {
        guard let binary = DatelineExecutable.path() else {
            fixtureError = "\(DatelineExecutable.missingReason); looked at \(DatelineExecutable.candidates().joined(separator: ", "))"
            return
        }
        guard (try? detached(["tmux", "-V"])) == 0 else {
            fixtureError = "tmux is not installed"
            return
        }
        let seeds = repositoryRoot.appendingPathComponent("seeds").path
        guard let dir = try? makeTemporaryDirectory("repl-fixture") else {
            fixtureError = "cannot create a temporary folder for the corpus"
            return
        }
        let db = dir.appendingPathComponent("corpus.sqlite").path
        let ingest = try? runProcess(binary, ["ingest", seeds, "--db", db], timeout: nil)
        guard let ingest, ingest.status == 0 else {
            fixtureError = "dateline ingest \(seeds) failed: \(ingest?.stderr ?? "cannot run \(binary)")"
            return
        }
        fixture = (binary, db, dir)
    }

    /// Runs a command whose output is not needed, with /dev/null as its standard streams (a tmux
    /// client that starts the server must not leave it holding our pipes). posix_spawn + waitpid:
    /// Foundation's Process sometimes misses the exit of such short-lived clients.
    @discardableResult
    static func detached(_ arguments: [String]) throws -> Int32 {
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for fd: Int32 in [0, 1, 2] {
            posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0)
        }
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        let status = posix_spawnp(&pid, arguments[0], &actions, nil, &argv, environ)
        guard status == 0 else { throw NSError(domain: NSPOSIXErrorDomain, code: Int(status)) }
        var exit: Int32 = 0
        while waitpid(pid, &exit, 0) == -1 && errno == EINTR {}
        return (exit >> 8) & 0xFF
    }

    /// Standard output of a short command (popen).
    static func output(_ command: String) -> String {
        guard let pipe = popen(command, "r") else { return "" }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = fread(&buffer, 1, buffer.count, pipe)
            if n <= 0 { break }
            data.append(contentsOf: buffer[0..<n])
        }
        pclose(pipe)
        return String(decoding: data, as: UTF8.self)
    }

    // MARK: tmux

    /// A `dateline repl` in a fresh tmux server; returns its socket name.
    private func startREPL(history: String? = nil, extra: [String] = []) throws -> String {
        guard let fixture = Self.fixture else { throw XCTSkip("no fixture") }
        let socket = "dl-repl-\(UUID().uuidString.prefix(8))"
        sockets.append(socket)
        let historyPath = history ?? directory.appendingPathComponent("history").path
        let command = ["env", "-u", "NO_COLOR", "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "HOME=\(directory.path)", "DATELINE_HISTORY=\(historyPath)",
                       fixture.binary, "repl", "--db", fixture.db] + extra
        let quoted = command.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        try Self.detached(["tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", "repl", "-x", "120", "-y", "40", quoted])
        try waitFor(socket, "Type .help")
        return socket
    }

    private func send(_ socket: String, _ keys: String...) throws {
        try Self.detached(["tmux", "-L", socket, "send-keys", "-t", "repl"] + keys)
    }

    /// Types `text` literally, then Enter.
    private func type(_ socket: String, _ text: String, enter: Bool = true) throws {
        try Self.detached(["tmux", "-L", socket, "send-keys", "-t", "repl", "-l", text])
        if enter { try send(socket, "Enter") }
    }

    private func screen(_ socket: String, escapes: Bool = false) -> String {
        Self.output("tmux -L \(socket) capture-pane -p -J -t repl\(escapes ? " -e" : "") 2>/dev/null")
    }

    /// Polls the screen until `predicate` holds (10 s at most).
    @discardableResult
    private func waitFor(_ socket: String, timeout: TimeInterval = 10, file: StaticString = #filePath, line: UInt = #line,
                         _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var text = ""
        while Date() < deadline {
            text = screen(socket)
            if predicate(text) { return text }
            Thread.sleep(forTimeInterval: 0.05)
        }
        XCTFail("timed out; screen:\n\(text)", file: file, line: line)
        throw XCTSkip("screen did not show what was expected")
    }

    @discardableResult
    private func waitFor(_ socket: String, _ needle: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        try waitFor(socket, file: file, line: line) { $0.contains(needle) }
    }

    /// Lines of the screen that are not blank.
    private func lines(_ text: String) -> [String] {
        text.split(separator: "\n").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Waits for an empty prompt on the last line: the line editor owns the terminal again, so keys
    /// like Ctrl-D reach it (typed during an evaluation, the terminal's cooked mode would eat them).
    private func waitForPrompt(_ socket: String, file: StaticString = #filePath, line: UInt = #line) throws {
        try waitFor(socket, file: file, line: line) { self.lines($0).last == ">" }
    }

    private func isRunning(_ socket: String) -> Bool {
        ((try? Self.detached(["tmux", "-L", socket, "has-session", "-t", "repl"])) ?? 1) == 0
    }

    private func waitForExit(_ socket: String) throws {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if !isRunning(socket) { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        XCTFail("the REPL did not exit; screen:\n\(screen(socket))")
    }

    // MARK: Tests

    func testBannerExpressionsStatementsAndMultiLineFunction() throws {
        let s = try startREPL()
        let banner = screen(s)
        XCTAssertTrue(banner.range(of: #"corpus: \d+ articles"#, options: .regularExpression) != nil, banner)
        try type(s, "1 + 2")
        try waitFor(s) { self.lines($0).contains("3") }
        try type(s, "answer = 41")
        try type(s, "answer + 1")
        try waitFor(s) { self.lines($0).contains("42") }
        try type(s, "function square(n)")
        try waitFor(s) { self.lines($0).last == ">>" }
        try type(s, "return n * n")
        try type(s, "end")
        try type(s, "square(12), nil")
        try waitFor(s) { self.lines($0).contains("144\tnil") || self.lines($0).contains { $0.hasPrefix("144") && $0.hasSuffix("nil") } }
        try type(s, "{b = 2, a = 'x'}")
        try waitFor(s, "{ a = \"x\", b = 2 }")
        // Colour on the terminal.
        XCTAssertTrue(screen(s, escapes: true).contains("\u{1B}["), "expected colour codes on a terminal")
    }

    func testTabCompletion() throws {
        let s = try startREPL()
        try type(s, "text.tok", enter: false)
        try send(s, "Tab")
        try waitFor(s, "> text.tokens")
        try send(s, "C-u")
        // Article fields after `.`, methods after `:`.
        try type(s, "for a in corpus.articles{limit = 1} do art = a end")
        try waitForPrompt(s)
        try type(s, "art.tit", enter: false)
        try send(s, "Tab")
        try waitFor(s, "> art.title")
        try send(s, "C-u")
        try type(s, "art:kw", enter: false)
        try send(s, "Tab")
        try waitFor(s, "> art:kwic")
        try send(s, "C-u")
        try type(s, "corpus.count{mentions = \"Tô L", enter: false)
        try send(s, "Tab")
        try waitFor(s, "corpus.count{mentions = \"Tô Lâm\"")
        try type(s, "}")
        try waitFor(s) { self.lines($0).last.map { Int($0) != nil } == false && self.lines($0).dropLast().last.flatMap { Int($0) } != nil }
    }

    func testHistoryAcrossSessionsAndCtrlR() throws {
        let history = directory.appendingPathComponent("hist").path
        var s = try startREPL(history: history)
        try type(s, "remembered = 7")
        try type(s, "function twice(n)")
        try type(s, "return 2 * n")
        try type(s, "end")
        try type(s, "twice(4)")
        try waitFor(s) { self.lines($0).contains("8") }
        try waitForPrompt(s)
        try send(s, "C-d")
        try waitForExit(s)

        s = try startREPL(history: history)
        try send(s, "Up")
        try waitFor(s, "> twice(4)")
        try send(s, "Up")
        // The multi-line entry comes back as one entry.
        try waitFor(s) { $0.contains("function twice(n)") && $0.contains("return 2 * n") }
        try send(s, "Enter")
        try type(s, "twice(21)")
        try waitFor(s) { self.lines($0).contains("42") }
        try send(s, "C-r")
        try type(s, "rememb", enter: false)
        try waitFor(s, "remembered = 7")
        try send(s, "Enter")
        try type(s, "remembered")
        try waitFor(s) { self.lines($0).contains("7") }
    }

    func testHistoryFileIsCapped() throws {
        let history = directory.appendingPathComponent("big-history").path
        let s = try startREPL(history: history)
        for i in 0..<3 { try type(s, "v\(i) = \(i)") }
        try type(s, "v2")
        try waitFor(s) { self.lines($0).contains("2") }
        try waitForPrompt(s)
        try send(s, "C-d")
        try waitForExit(s)
        // libedit's history file (strvis-encoded: spaces are \040, newlines \012).
        let saved = try String(contentsOfFile: history, encoding: .utf8)
        XCTAssertTrue(saved.hasPrefix("_HiStOrY_V2_\n"), saved)
        XCTAssertTrue(saved.contains("v2\\040=\\0402"), saved)
        // A file with more than the cap is cut to the newest 1000 entries on the next save.
        var big = saved
        for i in 0..<1500 { big += "filler_\(i) = \(i)\n" }
        try big.write(toFile: history, atomically: true, encoding: .utf8)
        let s2 = try startREPL(history: history)
        try type(s2, "last_entry = 1")
        try waitForPrompt(s2)
        try send(s2, "C-d")
        try waitForExit(s2)
        let capped = try String(contentsOfFile: history, encoding: .utf8).split(separator: "\n")
        XCTAssertLessThanOrEqual(capped.count, 1001)
        XCTAssertEqual(capped.last, "last_entry\\040=\\0401")
        XCTAssertFalse(capped.contains("filler_0 = 0"))
    }

    func testCtrlCStopsEvaluationAndIdleCtrlCKeepsSession() throws {
        let s = try startREPL()
        try type(s, "kept = 'still here'")
        try type(s, "while true do end")
        Thread.sleep(forTimeInterval: 0.3)
        try send(s, "C-c")
        try waitFor(s, "interrupted")
        try type(s, "kept")
        try waitFor(s, "\"still here\"")
        // Half-typed line cleared by Ctrl-C.
        try type(s, "this is not lua", enter: false)
        try send(s, "C-c")
        try send(s, "C-c")
        try waitFor(s, "Ctrl-D or type .quit")
        try type(s, "6 * 7")
        try waitFor(s) { self.lines($0).contains("42") }
        XCTAssertFalse(screen(s).contains("syntax error"), screen(s))
        XCTAssertTrue(isRunning(s))
    }

    func testDotCommands() throws {
        let s = try startREPL()
        try type(s, ".mode csv")
        try type(s, "{{name = 'a', n = 1}, {name = 'b', n = 2}}")
        try waitFor(s) { $0.contains("n,name\n1,a\n2,b") }
        try type(s, ".mode table")
        try type(s, ".db")
        try waitFor(s, "chosen by: --db")
        try type(s, ".help text.tokens")
        try waitFor(s, "text.tokens(")
        try type(s, ".bogus")
        try waitFor(s, "error: unknown command .bogus")
        try type(s, "local gone = 1")
        try waitFor(s, "`local` variables are gone")
        try type(s, ".quit")
        try waitForExit(s)
    }

    func testPipedInputHasNoPromptsOrEscapes() throws {
        guard let fixture = Self.fixture else { throw XCTSkip("no fixture") }
        let input = "print(corpus.count())\n1 + 1\nfunction f(x)\n  return x * 10\nend\nf(4)\n.mode json\n{1, 'two'}\n"
        let result = try runProcess(fixture.binary, ["repl", "--db", fixture.db], input: input, timeout: nil)
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertNotNil(Int(lines.first ?? ""), result.stdout)
        XCTAssertEqual(Array(lines.dropFirst()), ["2", "40", "[", "  1,", "  \"two\"", "]", ""])
        XCTAssertFalse(result.stdout.contains("\u{1B}"))
        XCTAssertFalse(result.stdout.contains(">"))

        let failing = try runProcess(fixture.binary, ["repl", "--db", fixture.db], input: "error('bad')\n'after'\n", timeout: nil)
        XCTAssertEqual(failing.status, 1)
        XCTAssertEqual(failing.stdout, "\"after\"\n")
        XCTAssertTrue(failing.stderr.contains("bad"), failing.stderr)
    }
}

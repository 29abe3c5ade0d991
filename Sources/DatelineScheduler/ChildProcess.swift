import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What to start: an executable, its arguments and environment, and where its output goes.
public struct ChildCommand: Hashable, Sendable {
    public var executable: String
    public var arguments: [String]
    /// The complete environment of the child.
    public var environment: [String: String]
    /// File receiving the child's stdout (appended to; created if missing).
    public var stdoutPath: String
    /// File receiving stderr; nil = the same file as stdout.
    public var stderrPath: String?

    public init(executable: String, arguments: [String], environment: [String: String],
                stdoutPath: String, stderrPath: String? = nil) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.stdoutPath = stdoutPath
        self.stderrPath = stderrPath
    }

    /// The command as one shell-like line, for logs.
    public var displayLine: String {
        ([executable] + arguments).map { arg in
            arg.isEmpty || arg.contains(where: { " \"'\\$`".contains($0) }) ? "'" + arg.replacingOccurrences(of: "'", with: "'\\''") + "'" : arg
        }.joined(separator: " ")
    }
}

/// How a child ended.
public enum ChildExit: Hashable, Sendable, CustomStringConvertible {
    case exited(Int32)
    case signaled(Int32)

    public var succeeded: Bool { self == .exited(0) }

    public var description: String {
        switch self {
        case .exited(let code): return "exit status \(code)"
        case .signaled(let signal): return "killed by signal \(signal) (\(ChildProcess.signalName(signal)))"
        }
    }
}

/// A child process started with `posix_spawn` in its own process group, with default signal
/// dispositions, stdin from /dev/null and stdout/stderr appended to files. A hung or crashing child
/// cannot take the parent down; `terminate`/`kill` signal the whole group.
public final class ChildProcess: @unchecked Sendable {
    /// The child's process id (also its process group id).
    public let pid: pid_t
    /// When it was started (wall clock of the parent).
    public let started: Date
    private var finished: ChildExit?

    private init(pid: pid_t, started: Date) {
        self.pid = pid
        self.started = started
    }

    /// Starts `command`; throws `ChildProcessError` when the files cannot be opened or spawning fails.
    public static func spawn(_ command: ChildCommand) throws -> ChildProcess {
        for path in [command.stdoutPath, command.stderrPath].compactMap({ $0 }) {
            let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw ChildProcessError(command: command.executable, reason: "cannot open \(path): \(String(cString: strerror(errno)))") }
            close(fd)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, command.stdoutPath, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        if let stderrPath = command.stderrPath {
            posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        } else {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        }
        // Inherited descriptors must not leak into children: a parent's exit-monitoring socket kept
        // open by a grandchild would make the parent's own parent wait for that grandchild.
        for fd in inheritableDescriptors() {
            posix_spawn_file_actions_addclose(&actions, fd)
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP))

        let argv = ([command.executable] + command.arguments).map { strdup($0) }
        let envp = command.environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") }
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let argvC: [UnsafeMutablePointer<CChar>?] = argv + [nil]
        let envC: [UnsafeMutablePointer<CChar>?] = envp + [nil]
        let result = posix_spawn(&pid, command.executable, &actions, &attributes, argvC, envC)
        guard result == 0 else {
            throw ChildProcessError(command: command.executable, reason: String(cString: strerror(result)))
        }
        return ChildProcess(pid: pid, started: Date())
    }

    /// Open descriptors above 2 without close-on-exec (from /proc/self/fd; none where that is missing).
    static func inheritableDescriptors() -> [Int32] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") else { return [] }
        return names.compactMap { Int32($0) }.filter { fd in
            guard fd > 2 else { return false }
            let flags = fcntl(fd, F_GETFD)
            return flags >= 0 && flags & FD_CLOEXEC == 0
        }
    }

    /// The exit, if the child has ended (reaps it without blocking).
    public func poll() -> ChildExit? {
        if let finished { return finished }
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        if result == pid {
            finished = Self.decode(status)
        } else if result < 0 && errno == ECHILD {
            finished = .exited(-1) // reaped elsewhere; the status is unknown
        }
        return finished
    }

    /// Polls until the child ends or `timeout` seconds pass (nil = no limit).
    public func wait(timeout: TimeInterval? = nil, pollInterval: TimeInterval = 0.05) -> ChildExit? {
        let deadline = timeout.map { Date().addingTimeInterval($0) }
        while true {
            if let exit = poll() { return exit }
            if let deadline, Date() >= deadline { return nil }
            usleep(UInt32(pollInterval * 1_000_000))
        }
    }

    /// Sends `signal` to the child's process group (and the child itself, in case it left the group).
    public func send(_ signal: Int32) {
        guard finished == nil else { return }
        kill(-pid, signal)
        kill(pid, signal)
    }

    /// SIGTERM, then SIGKILL when the child has not ended after `grace` seconds; waits for it.
    @discardableResult
    public func stop(grace: TimeInterval) -> ChildExit {
        send(SIGTERM)
        if let exit = wait(timeout: grace) { return exit }
        send(SIGKILL)
        return wait() ?? .signaled(SIGKILL)
    }

    static func decode(_ status: Int32) -> ChildExit {
        let signal = status & 0x7f
        return signal == 0 ? .exited((status >> 8) & 0xff) : .signaled(signal)
    }

    /// A short name for common signals (`TERM`, `KILL`, ...), else the number.
    public static func signalName(_ signal: Int32) -> String {
        switch signal {
        case SIGTERM: return "SIGTERM"
        case SIGKILL: return "SIGKILL"
        case SIGINT: return "SIGINT"
        case SIGSEGV: return "SIGSEGV"
        case SIGABRT: return "SIGABRT"
        case SIGBUS: return "SIGBUS"
        case SIGILL: return "SIGILL"
        case SIGHUP: return "SIGHUP"
        case SIGTRAP: return "SIGTRAP"
        default: return "signal \(signal)"
        }
    }

    /// Whether a process with this id exists and is not a zombie (used to tell live runs from ones
    /// left by a crash; an orphan nobody reaps stays a zombie in containers without an init).
    public static func isAlive(_ pid: Int32) -> Bool {
        guard pid > 0, kill(pid, 0) == 0 || errno == EPERM else { return false }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.range(of: ")", options: .backwards) else { return true }
        let state = stat[close.upperBound...].trimmingCharacters(in: .whitespaces).first
        return state != "Z" && state != "X"
    }
}

/// Starting a child failed; `description` names the program and the reason.
public struct ChildProcessError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    public let command: String
    public let reason: String
    public var description: String { "cannot start \(command): \(reason)" }
    public var errorDescription: String? { description }
}

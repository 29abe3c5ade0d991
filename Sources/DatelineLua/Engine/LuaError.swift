/// A failed script run: what kind of failure, a one-line message and the Lua traceback.
public struct LuaError: Error, Equatable, CustomStringConvertible {
    /// Why the run failed; the `run` command, REPL and scheduler report each kind distinctly.
    public enum Kind: String, Sendable {
        /// The script raised an error (including stack overflow and errors in callbacks).
        case script
        /// The chunk does not compile.
        case syntax
        /// The `timeout` limit was reached.
        case timeout
        /// The `maxMemory` limit was reached.
        case memory
        /// Stopped by Ctrl-C or `LuaEngine.interrupt()`.
        case interrupted
        /// The script file could not be read, or the engine could not be created.
        case io
    }

    public var kind: Kind
    public var message: String
    /// `stack traceback:` followed by one `\tchunk:line: in ...` line per frame, when known.
    public var traceback: String?

    public init(kind: Kind, message: String, traceback: String? = nil) {
        self.kind = kind
        self.message = message
        self.traceback = traceback
    }

    public var description: String { message }

    /// The message followed by the traceback, as printed on stderr by `dateline run`.
    public var report: String {
        guard let traceback, !traceback.isEmpty else { return message }
        return message + "\n" + traceback
    }
}

/// Errors a Swift function exposed to Lua throws; the trampoline turns them into Lua errors
/// after the Swift frame has returned.
public enum LuaCallError: Error, CustomStringConvertible {
    /// `bad argument #N to 'module.fn' (reason)`.
    case argument(Int32, String)
    /// A plain message, raised with the caller's `chunk:line:` prefix.
    case message(String)
    /// The error value already on top of the stack (e.g. from a failed Lua callback) is re-raised as is.
    case raised

    public var description: String {
        switch self {
        case .argument(let index, let reason): return "bad argument #\(index) (\(reason))"
        case .message(let message): return message
        case .raised: return "error raised by a Lua callback"
        }
    }
}

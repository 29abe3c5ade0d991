import DatelineLua
import Foundation

/// Collects `print` output of an engine (engines are single-threaded; the box is only touched there).
final class OutputCapture: @unchecked Sendable {
    private(set) var text = ""
    func append(_ s: String) { text += s }
}

/// An engine whose prints go to `capture`.
func makeEngine(_ configure: (inout LuaEngineOptions) -> Void = { _ in }) throws -> (LuaEngine, OutputCapture) {
    let capture = OutputCapture()
    var options = LuaEngineOptions()
    options.scriptsDirectory = nil
    options.output = { capture.append($0) }
    configure(&options)
    return (try LuaEngine(options: options), capture)
}

extension LuaEngine {
    /// The first value returned by `code`.
    func value(_ code: String) throws -> LuaValue {
        try run(code: code).first ?? .nil
    }

    /// Runs `code` expecting a failure and returns it.
    func failure(_ code: String, chunkName: String = "(command line)") -> LuaError? {
        do {
            _ = try run(code: code, chunkName: chunkName)
            return nil
        } catch let error as LuaError {
            return error
        } catch {
            return LuaError(kind: .io, message: "unexpected \(error)")
        }
    }
}

import CLua
import CLuaShim

/// A Swift function retained by the Lua function that calls it (released in `__gc`).
final class FunctionBox {
    let name: String
    let body: LuaFunctionBody

    init(name: String, body: @escaping LuaFunctionBody) {
        self.name = name
        self.body = body
    }
}

/// The process-wide bridge from CLuaShim's trampoline to Swift.
enum HostFunctions {
    /// Installs the dispatch and release callbacks once (thread-safe static initialisation).
    static let installed: Void = {
        dl_set_callbacks(dispatch, release)
    }()

    /// Called by the C trampoline; returns a result count or `DL_RAISE_*`. Never lets a Lua error
    /// escape: the trampoline raises after this returns.
    static let dispatch: dl_dispatch_fn = { state, box in
        guard let state, let box else { return Int32(DL_RAISE_VALUE) }
        let function = Unmanaged<FunctionBox>.fromOpaque(box).takeUnretainedValue()
        let call = LuaCall(state: state, name: function.name)
        do {
            let count = try function.body(call)
            return max(0, count)
        } catch LuaCallError.raised {
            return Int32(DL_RAISE_VALUE)
        } catch LuaCallError.message(let message) {
            call.stack.ensure(1)
            call.stack.push(message)
            return Int32(DL_RAISE_MESSAGE)
        } catch LuaCallError.argument(let index, let reason) {
            call.stack.ensure(1)
            call.stack.push("bad argument #\(index) to '\(function.name)' (\(reason))")
            return Int32(DL_RAISE_MESSAGE)
        } catch {
            call.stack.ensure(1)
            call.stack.push("\(function.name): \(error)")
            return Int32(DL_RAISE_MESSAGE)
        }
    }

    static let release: dl_release_fn = { box in
        guard let box else { return }
        Unmanaged<AnyObject>.fromOpaque(box).release()
    }

    /// Pushes a Lua function calling `body`; `name` appears in error messages.
    static func push(_ stack: LuaStack, name: String, body: @escaping LuaFunctionBody) {
        _ = installed
        let box = Unmanaged.passRetained(FunctionBox(name: name, body: body)).toOpaque()
        dl_push_function(stack.state, box)
    }
}

extension LuaStack {
    /// Pushes a Lua function implemented in Swift (see `LuaFunctionBody`).
    public func push(function name: String, _ body: @escaping LuaFunctionBody) {
        HostFunctions.push(self, name: name, body: body)
    }
}

import CLua
import CLuaShim

/// Tells Lua's collector about memory held on the Swift side by article objects.
///
/// An article userdata is a few bytes to Lua but keeps its row (body and all) alive in Swift, so a
/// loop that never copies the body into Lua would let the collector sleep while rows pile up. Every
/// `threshold` bytes of rows handed to Lua, this runs `collectgarbage("step", kilobytes)`, which
/// advances the collector as if that much had been allocated in Lua: memory stays flat.
struct ExternalMemory {
    private var pending = 0
    let threshold: Int

    init(threshold: Int = 1 << 20) {
        self.threshold = threshold
    }

    /// Records `bytes` handed to Lua; steps the collector when enough has accumulated.
    mutating func add(_ bytes: Int, _ call: LuaCall) throws {
        pending += bytes
        guard pending >= threshold else { return }
        let kilobytes = pending / 1024
        pending = 0
        let stack = call.stack
        guard stack.ensure(4) else { return }
        let base = stack.top
        lua_rawgeti(stack.state, luaRegistryIndex, lua_Integer(LUA_RIDX_GLOBALS))
        guard stack.getField("collectgarbage", inTableAt: -1) == LUA_TFUNCTION else {
            stack.setTop(base)
            return
        }
        stack.remove(at: -2)
        stack.push("step")
        stack.push(kilobytes)
        if dl_pcall(stack.state, 2, 0) != LUA_OK { throw LuaCallError.raised }
        stack.setTop(base)
    }

    /// The Swift-side size of a row handed to Lua (its strings plus a fixed overhead).
    static func size(of box: ArticleBox) -> Int {
        let row = box.row
        return 512 + row.bodyUTF8.count + (row.title?.utf8.count ?? 0) + (row.lede?.utf8.count ?? 0)
    }
}

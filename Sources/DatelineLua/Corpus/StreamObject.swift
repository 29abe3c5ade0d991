import CLua
import DatelineStore

/// A running `corpus.articles` scan as seen from Lua.
final class StreamBox {
    let stream: ArticleStream
    let store: CorpusStore
    let hasPredicate: Bool
    /// Swift-side bytes of the articles handed out, reported to Lua's collector.
    var memory = ExternalMemory()

    init(stream: ArticleStream, store: CorpusStore, hasPredicate: Bool) {
        self.stream = stream
        self.store = store
        self.hasPredicate = hasPredicate
    }
}

/// The Lua face of a scan: a callable userdata, so `for a in corpus.articles{...} do` calls it for
/// each article, and also a to-be-closed value, so leaving the loop (break, error) stops the scan.
/// The `where` predicate lives in the userdata's user value, so it is collected with it.
enum StreamObject {
    /// Rows per page handed over by a stream's producer. Tests lower it so that a producer over the
    /// small seed corpus is still waiting (queue full) when they look at it.
    nonisolated(unsafe) static var pageSize = 256

    static let type: LuaObjectType<StreamBox> = {
        let type = LuaObjectType<StreamBox>(name: "ArticleStream")
        type.cachesFields = false
        type.tostring = { _ in "ArticleStream" }
        type.methods = [
            "close": { call, box in
                box.stream.close()
                return 0
            },
        ]
        return type
    }()

    /// Pushes a stream for `filter` (the filter table must still be on the stack when it has a predicate).
    static func push(_ call: LuaCall, store: CorpusStore, filter: CorpusFilter) {
        let stack = call.stack
        stack.ensure(6)
        let box = StreamBox(stream: ArticleStream(store: store, query: filter.query, pageSize: pageSize), store: store,
                            hasPredicate: filter.hasPredicate)
        guard type.push(box, on: stack) else { return }
        call.engine?.track(box.stream)
        let object = stack.top
        installMetamethods(stack, objectAt: object)
        if let table = filter.whereTable {
            lua_createtable(stack.state, 0, 1)
            stack.getField("where", inTableAt: table)
            stack.setField("where", inTableAt: -2)
            lua_setiuservalue(stack.state, object, 1)
        }
    }

    /// Adds `__call` and `__close` to the shared metatable (once per state).
    private static func installMetamethods(_ stack: LuaStack, objectAt object: Int32) {
        guard lua_getmetatable(stack.state, object) != 0 else { return }
        let meta = stack.top
        if stack.getField("__call", inTableAt: meta) == LUA_TNIL {
            stack.pop()
            stack.push(function: "corpus.articles iterator") { call in
                try next(call, streamAt: 1) ? 1 : call.returning(.nil)
            }
            stack.setField("__call", inTableAt: meta)
            stack.push(function: "corpus.articles close") { call in
                type.object(at: 1, on: call.stack)?.stream.close()
                return 0
            }
            stack.setField("__close", inTableAt: meta)
        } else {
            stack.pop()
        }
        stack.setTop(meta - 1)
    }

    /// The stream at `index`, if the value there is one.
    static func box(at index: Int32, on stack: LuaStack) -> StreamBox? {
        type.object(at: index, on: stack)
    }

    /// Pushes the next article of the stream at `index` that passes its predicate and returns true,
    /// or pushes nothing and returns false at the end. A predicate error closes the stream and propagates.
    static func next(_ call: LuaCall, streamAt index: Int32) throws -> Bool {
        let stack = call.stack
        let index = stack.absolute(index)
        let box = try type.check(call, index)
        var predicate: Int32?
        if box.hasPredicate {
            stack.ensure(4)
            if lua_getiuservalue(stack.state, index, 1) == LUA_TTABLE {
                stack.getField("where", inTableAt: -1)
                stack.remove(at: -2)
                predicate = stack.top
            } else {
                stack.pop()
            }
        }
        while true {
            let row: ArticleRow?
            do {
                row = try box.stream.next()
            } catch {
                box.stream.close()
                throw call.error("cannot read the corpus: \(error)")
            }
            guard let row else {
                if let predicate { stack.setTop(predicate - 1) }
                return false
            }
            let article = ArticleBox(row: row, store: box.store)
            do {
                try box.memory.add(ExternalMemory.size(of: article), call)
            } catch {
                box.stream.close()
                throw error
            }
            if let predicate {
                let keep: Bool
                do {
                    keep = try ArticleScan.accepts(call, predicate: predicate, box: article)
                } catch {
                    box.stream.close()
                    throw error
                }
                guard keep else { continue }
                stack.setTop(predicate - 1)
            }
            ArticleObject.type.push(article, on: stack)
            return true
        }
    }
}

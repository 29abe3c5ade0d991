/// Documentation lookup for `help()`: by qualified name ("text.tokens"), module name ("text") or
/// global function name ("help").
struct HelpIndex {
    private var functions: [String: LuaFunction] = [:]
    private var modules: [String: LuaModule] = [:]
    private let order: [LuaModule]

    init(modules: [LuaModule]) {
        order = modules
        for module in modules {
            if module.name != LuaModule.globalsName { self.modules[module.name] = module }
            for function in module.functions {
                functions[module.qualifiedName(function)] = function
            }
        }
    }

    /// Help text for `name`, or nil when nothing is documented under it.
    func text(for name: String) -> String? {
        if let function = functions[name] { return Self.describe(function) }
        if let module = modules[name] { return describe(module) }
        return nil
    }

    /// The overview printed by `help()`.
    var overview: String {
        var lines = ["Dateline Lua API. help(\"module\") or help(module.function) for details.", ""]
        for module in order {
            if module.name == LuaModule.globalsName {
                lines.append("Global functions: " + module.functions.map(\.name).joined(separator: ", "))
            } else {
                lines.append("\(module.name) - \(module.summary)")
            }
        }
        lines.append("Lists returned by Dateline functions have :map :filter :find :sort_by :take :each :join.")
        return lines.joined(separator: "\n")
    }

    static func describe(_ function: LuaFunction) -> String {
        var lines = [function.signature, "  " + function.summary]
        if let details = function.details {
            lines.append("")
            lines.append(contentsOf: details.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 })
        }
        if let example = function.example {
            lines.append("")
            lines.append("  Example:")
            lines.append(contentsOf: example.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 })
        }
        return lines.joined(separator: "\n")
    }

    private func describe(_ module: LuaModule) -> String {
        var lines = ["\(module.name) - \(module.summary)"]
        if let details = module.details { lines.append(details) }
        lines.append("")
        let width = module.functions.map(\.signature.count).max() ?? 0
        for function in module.functions {
            let padding = String(repeating: " ", count: max(1, width - function.signature.count + 2))
            lines.append("  " + function.signature + padding + function.summary)
        }
        return lines.joined(separator: "\n")
    }
}

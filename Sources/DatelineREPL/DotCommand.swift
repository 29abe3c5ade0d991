import Foundation
import DatelineLua

/// A REPL command line starting with `.` (not Lua).
enum DotCommand: Equatable {
    case help(String?)
    case mode(OutputMode?)
    case output(String?)
    case once(String)
    case read(String)
    case timer(Bool)
    case maxrows(Int)
    case last
    case db
    case quit

    /// The commands and what they do, for `.help`.
    static let summary: [(String, String)] = [
        (".help [PATTERN]", "API help: functions matching PATTERN, with signatures"),
        (".mode [table|csv|json|markdown|line]", "how results are printed"),
        (".output [FILE]", "send output to FILE (no FILE: back to the terminal)"),
        (".once FILE", "send the output of the next entry to FILE"),
        (".read FILE", "run a Lua script in this session"),
        (".timer on|off", "show how long each entry took"),
        (".maxrows N", "items shown per table (0: all)"),
        (".last", "the previous result again, untruncated"),
        (".db", "which corpus this session uses"),
        (".quit", "leave (or Ctrl-D)"),
    ]

    /// Parses `line` (which starts with "."); a one-line error for unknown commands or bad arguments.
    static func parse(_ line: String) throws -> DotCommand {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        let name = String(trimmed.prefix(while: { !$0.isWhitespace }))
        let rest = trimmed.dropFirst(name.count).trimmingCharacters(in: .whitespaces)
        let argument: String? = rest.isEmpty ? nil : Self.unquote(rest)
        func needFile() throws -> String {
            guard let argument else { throw REPLCommandError("\(name) needs a file name") }
            return argument
        }
        switch name {
        case ".help", ".h": return .help(argument)
        case ".mode":
            guard let argument else { return .mode(nil) }
            guard let mode = OutputMode(rawValue: argument.lowercased()) else {
                throw REPLCommandError(".mode: unknown mode '\(argument)' (use \(OutputMode.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            return .mode(mode)
        case ".output": return .output(argument)
        case ".once": return .once(try needFile())
        case ".read": return .read(try needFile())
        case ".timer":
            switch argument?.lowercased() {
            case "on"?: return .timer(true)
            case "off"?: return .timer(false)
            default: throw REPLCommandError(".timer: say on or off")
            }
        case ".maxrows":
            guard let argument, let n = Int(argument), n >= 0 else { throw REPLCommandError(".maxrows: give a number of rows (0: all)") }
            return .maxrows(n)
        case ".last": return .last
        case ".db": return .db
        case ".quit", ".exit", ".q": return .quit
        default:
            throw REPLCommandError("unknown command \(name) (.help lists the commands)")
        }
    }

    private static func unquote(_ s: String) -> String {
        if s.count >= 2, let first = s.first, (first == "\"" || first == "'"), s.last == first {
            return String(s.dropFirst().dropLast())
        }
        return s
    }
}

/// `.help` text from the function registry of the engine's modules.
struct HelpText {
    let modules: [LuaModule]

    /// The overview (no pattern), a function's full entry, a module's function list, or every
    /// function whose name or summary contains `pattern` (case-insensitive).
    func text(for pattern: String?) -> String {
        guard let pattern, !pattern.isEmpty else { return overview }
        let functions = modules.flatMap { module in module.functions.map { (module.qualifiedName($0), $0) } }
        if let exact = functions.first(where: { $0.0 == pattern }) { return Self.describe(exact.1) }
        if let module = modules.first(where: { $0.name == pattern && $0.name != LuaModule.globalsName }) {
            return "\(module.name) - \(module.summary)\n" + Self.table(module.functions.map { ($0.signature, $0.summary) })
        }
        let needle = pattern.lowercased()
        let matches = functions.filter { $0.0.lowercased().contains(needle) || $0.1.summary.lowercased().contains(needle) }
        guard !matches.isEmpty else { return "no help matches '\(pattern)' (.help lists the modules)" }
        return Self.table(matches.map { ($0.1.signature, $0.1.summary) })
    }

    private var overview: String {
        var lines = ["Commands:"]
        lines.append(Self.table(DotCommand.summary))
        lines.append("")
        lines.append("Lua API (.help NAME for a module or function, .help WORD to search):")
        var rows: [(String, String)] = []
        for module in modules {
            if module.name == LuaModule.globalsName {
                rows.append(("globals", module.functions.map(\.name).joined(separator: ", ")))
            } else {
                rows.append((module.name, module.summary))
            }
        }
        lines.append(Self.table(rows))
        lines.append("")
        lines.append("Enter Lua: an expression prints its value (=expr too); Tab completes; Ctrl-C clears or stops; Ctrl-D exits.")
        return lines.joined(separator: "\n")
    }

    static func describe(_ function: LuaFunction) -> String {
        var lines = [function.signature, "  " + function.summary]
        if let details = function.details {
            lines.append("")
            lines += details.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
        }
        if let example = function.example {
            lines.append("")
            lines.append("  Example:")
            lines += example.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }
        }
        return lines.joined(separator: "\n")
    }

    static func table(_ rows: [(String, String)]) -> String {
        let width = min(44, rows.map(\.0.count).max() ?? 0)
        return rows.map { left, right in
            let pad = String(repeating: " ", count: max(2, width - left.count + 2))
            return "  " + left + pad + right
        }.joined(separator: "\n")
    }
}

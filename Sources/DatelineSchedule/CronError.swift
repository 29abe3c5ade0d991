import Foundation

/// Why a cron expression or schedule setting was refused; `description` is a one-line message naming
/// the offending field or value and the reason.
public enum CronError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    /// The text did not split into exactly five fields (and was not a known `@macro`).
    case wrongFieldCount(expression: String, count: Int)
    /// An `@name` shortcut that Dateline does not know (e.g. `@reboot`).
    case unknownMacro(String)
    /// One field is malformed; `text` is the offending part, `reason` says what is wrong with it.
    case invalidField(field: CronFieldKind, text: String, reason: String)
    /// The expression is well formed but no date satisfies it (e.g. `0 0 30 2 *`).
    case neverFires(expression: String, reason: String)
    /// A time zone identifier that the system's time zone database does not know.
    case unknownTimeZone(String)

    public var description: String {
        switch self {
        case let .wrongFieldCount(expression, count):
            return "cron: \"\(expression)\" has \(count) field\(count == 1 ? "" : "s"), expected 5 "
                + "(minute hour day-of-month month day-of-week) or a macro such as @daily"
        case let .unknownMacro(name):
            return "cron: unknown macro \"\(name)\" (known: "
                + CronExpression.macros.map(\.name).joined(separator: " ") + ")"
        case let .invalidField(field, text, reason):
            return "cron: field \(field.rawValue) (\(field.name)) \"\(text)\": \(reason)"
        case let .neverFires(expression, reason):
            return "cron: \"\(expression)\" can never fire (\(reason))"
        case let .unknownTimeZone(identifier):
            return "schedule: unknown time zone \"\(identifier)\" (use an IANA name such as Europe/Berlin)"
        }
    }

    public var errorDescription: String? { description }
}

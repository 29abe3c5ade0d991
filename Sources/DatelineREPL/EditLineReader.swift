import CEdit
import Foundation

/// The line editor on a terminal, over libedit: emacs keys, arrow-key history, Ctrl-R search,
/// Tab completion, Ctrl-C as a key that clears the entry, and a persistent, capped history file.
final class EditLineReader: LineReader {
    private let editLine: OpaquePointer
    private let history: OpaquePointer
    private let historyPath: String?
    private var prompt: UnsafeMutablePointer<CChar>?
    private var interrupted = false
    private var warnedHistory = false
    /// Computes completions for the text before the cursor.
    var complete: ((String) -> Completion?)?
    /// Where messages about the history file go.
    var warn: (String) -> Void = { _ in }

    /// Fails when libedit cannot set up the terminal.
    init?(historyPath: String?, historySize: Int) {
        Self.useUTF8Locale()
        guard let editLine = el_init("dateline", stdin, stdout, stderr) else { return nil }
        guard let history = history_init() else {
            el_end(editLine)
            return nil
        }
        self.editLine = editLine
        self.history = history
        self.historyPath = historyPath
        _ = dl_history_set_size(history, Int32(clamping: max(1, historySize)))
        _ = dl_history_set_unique(history, 1)
        if let historyPath, FileManager.default.fileExists(atPath: historyPath) {
            _ = dl_history_load(history, historyPath)
        }
        _ = dl_el_set_client(editLine, Unmanaged.passUnretained(self).toOpaque())
        _ = dl_el_set_editor(editLine, "emacs")
        // libedit's own handlers restore the terminal and follow window size changes.
        _ = dl_el_set_signal(editLine, 1)
        _ = dl_el_set_history(editLine, history)
        _ = dl_el_set_prompt(editLine, Self.promptCallback, 1)
        _ = dl_el_add_function(editLine, "dateline-complete", "Complete the name before the cursor", Self.completeCallback)
        _ = dl_el_add_function(editLine, "dateline-interrupt", "Clear the entry (Ctrl-C)", Self.interruptCallback)
        _ = dl_el_bind(editLine, "^I", "dateline-complete")
        _ = dl_el_bind(editLine, "^R", "em-inc-search-prev")
        // While editing, Ctrl-C is a key (bound above), not a signal.
        _ = dl_el_setty(editLine, "-isig")
        _ = dl_el_bind(editLine, "^C", "dateline-interrupt")
        // The user's ~/.editrc may rebind keys.
        _ = el_source(editLine, nil)
    }

    /// libedit decodes multibyte input by the C locale: use the user's, or C.UTF-8 when that is not
    /// UTF-8 (corpus text, entity names and history entries are UTF-8).
    private static func useUTF8Locale() {
        setlocale(LC_CTYPE, "")
        if let codeset = nl_langinfo(nl_item(CODESET)), String(cString: codeset).uppercased().replacingOccurrences(of: "-", with: "") == "UTF8" { return }
        setlocale(LC_CTYPE, "C.UTF-8")
    }

    deinit {
        el_end(editLine)
        history_end(history)
        prompt?.deallocate()
    }

    func read(prompt text: String) -> LineInput {
        setPrompt(text)
        interrupted = false
        var count: Int32 = 0
        guard let line = el_gets(editLine, &count) else {
            if interrupted { return .interrupted }
            return .end
        }
        if interrupted { return .interrupted }
        var result = String(cString: line)
        if result.hasSuffix("\n") { result.removeLast() }
        return .line(result)
    }

    func addHistory(_ entry: String) {
        guard !entry.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return }
        _ = dl_history_enter(history, entry)
        guard let historyPath else { return }
        if dl_history_save(history, historyPath) < 0, !warnedHistory {
            warnedHistory = true
            warn("cannot write the history file \(historyPath)")
        }
    }

    /// The prompt as a C string; colour codes must be wrapped in \u{1} so libedit does not count them.
    private func setPrompt(_ text: String) {
        prompt?.deallocate()
        let bytes = Array(text.utf8CString)
        let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count)
        buffer.initialize(from: bytes, count: bytes.count)
        prompt = buffer
    }

    private static func reader(_ editLine: OpaquePointer?) -> EditLineReader? {
        guard let editLine, let client = dl_el_client(editLine) else { return nil }
        return Unmanaged<EditLineReader>.fromOpaque(client).takeUnretainedValue()
    }

    private static let promptCallback: dl_el_prompt_fn = { editLine in
        reader(editLine)?.prompt
    }

    private static let interruptCallback: dl_el_command_fn = { editLine, _ in
        reader(editLine)?.interrupted = true
        return UInt8(CC_NEWLINE)
    }

    private static let completeCallback: dl_el_command_fn = { editLine, _ in
        guard let editLine, let reader = reader(editLine), let info = el_line(editLine)?.pointee,
              let buffer = info.buffer, let cursor = info.cursor
        else { return UInt8(CC_ERROR) }
        let length = buffer.distance(to: cursor)
        let before = String(decoding: UnsafeRawBufferPointer(start: buffer, count: max(0, length)), as: UTF8.self)
        guard let completion = reader.complete?(before) else { return UInt8(CC_REFRESH_BEEP) }
        if let replacement = completion.replacement {
            el_deletestr(editLine, Int32(completion.fragment.unicodeScalars.count))
            _ = el_insertstr(editLine, replacement)
            return UInt8(CC_REFRESH)
        }
        // Ambiguous with no common prefix to add: list the candidates under the line.
        let listing = CandidateList.format(completion.candidates, width: TerminalSize.columns())
        FileHandle.standardOutput.write(Data(("\n" + listing + "\n").utf8))
        return UInt8(CC_REDISPLAY)
    }
}

/// Completion candidates in columns, at most `limit` of them.
enum CandidateList {
    static func format(_ names: [String], width: Int, limit: Int = 120) -> String {
        let shown = Array(names.prefix(limit))
        let column = (shown.map(\.count).max() ?? 0) + 2
        let perLine = max(1, width / max(1, column))
        var lines: [String] = []
        var index = 0
        while index < shown.count {
            let row = shown[index..<min(shown.count, index + perLine)]
            lines.append(row.map { $0.padding(toLength: column, withPad: " ", startingAt: 0) }.joined().trimmingTrailingSpaces)
            index += perLine
        }
        if names.count > limit { lines.append("… \(names.count - limit) more") }
        return lines.joined(separator: "\n")
    }
}

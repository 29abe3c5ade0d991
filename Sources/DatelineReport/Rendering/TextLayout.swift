/// Heuristics about plain text blocks shared by the Markdown and HTML renderers.
enum TextLayout {
    /// True for text whose spacing carries meaning (tabs, runs of spaces, indented lines), such as a
    /// table printed by a script; such text is shown monospaced and unchanged.
    static func looksPreformatted(_ text: String) -> Bool {
        text.contains("\t") || text.contains("   ") || text.split(separator: "\n").contains { $0.hasPrefix("  ") }
    }
}

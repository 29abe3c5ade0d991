/// ANSI terminal styling that collapses to plain text when colour is off.
struct ANSIStyle {
    let enabled: Bool

    static let seriesColors = [34, 33, 32, 35, 36, 31]

    func bold(_ s: String) -> String { wrap(s, "1") }
    func dim(_ s: String) -> String { wrap(s, "2") }
    func highlight(_ s: String) -> String { wrap(s, "1;33") }
    /// Colour for the n-th data series.
    func series(_ s: String, _ index: Int) -> String {
        wrap(s, String(ANSIStyle.seriesColors[((index % ANSIStyle.seriesColors.count) + ANSIStyle.seriesColors.count) % ANSIStyle.seriesColors.count]))
    }

    private func wrap(_ s: String, _ code: String) -> String {
        guard enabled, !s.isEmpty else { return s }
        return "\u{1B}[" + code + "m" + s + "\u{1B}[0m"
    }
}

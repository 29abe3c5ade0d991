import Foundation

/// Terminal column widths of text: combining marks take no column, East Asian wide characters and
/// emoji take two. Used to align tables and KWIC lines that mix Vietnamese, CJK and Latin text.
public enum DisplayWidth {
    /// Columns taken by a whole string.
    public static func of(_ s: String) -> Int {
        // Fast path: printable ASCII is one column per byte.
        var ascii = true
        for byte in s.utf8 where byte < 0x20 || byte >= 0x7F {
            ascii = false
            break
        }
        if ascii { return s.utf8.count }
        var width = 0
        for ch in s { width += of(ch) }
        return width
    }

    /// Columns taken by one grapheme cluster (0, 1 or 2).
    public static func of(_ ch: Character) -> Int {
        guard let first = ch.unicodeScalars.first else { return 0 }
        let v = first.value
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        if v < 0x300 { return 1 }
        switch first.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control:
            return 0
        default:
            break
        }
        if isWide(v) { return 2 }
        // An emoji presentation selector makes a text symbol two columns wide.
        if ch.unicodeScalars.contains(where: { $0.value == 0xFE0F }) && first.properties.isEmoji { return 2 }
        return 1
    }

    private static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3,
            0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1, 0x26AA...0x26AB,
            0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA,
            0x26FD, 0x2705, 0x270A...0x270B, 0x2728, 0x274C, 0x274E, 0x2753...0x2755, 0x2757,
            0x2795...0x2797, 0x27B0, 0x27BF, 0x2B1B...0x2B1C, 0x2B50, 0x2B55,
            0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
            0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF,
            0x1F004, 0x1F0CF, 0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F251, 0x1F300...0x1F64F,
            0x1F680...0x1F6FF, 0x1F7E0...0x1F7EB, 0x1F90C...0x1F9FF, 0x1FA70...0x1FAFF,
            0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// The longest prefix of `s` that fits in `width` columns; adds "…" when anything was cut.
    public static func truncate(_ s: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        if of(s) <= width { return s }
        var out = ""
        var used = 0
        for ch in s {
            let w = of(ch)
            if used + w > width - 1 { break }
            out.append(ch)
            used += w
        }
        out.append("…")
        return out
    }

    /// The longest suffix of `s` that fits in `width` columns; starts with "…" when anything was cut.
    public static func truncateLeading(_ s: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        if of(s) <= width { return s }
        var kept: [Character] = []
        var used = 0
        for ch in s.reversed() {
            let w = of(ch)
            if used + w > width - 1 { break }
            kept.append(ch)
            used += w
        }
        return "…" + String(kept.reversed())
    }

    /// `s` padded with spaces to `width` columns (left-aligned, or right-aligned when `right`).
    public static func pad(_ s: String, to width: Int, right: Bool = false) -> String {
        let missing = width - of(s)
        guard missing > 0 else { return s }
        let spaces = String(repeating: " ", count: missing)
        return right ? spaces + s : s + spaces
    }
}

/// Stable article identifiers: a 64-bit FNV-1a hash of the folded title and paragraphs, as 16 hex
/// digits. The same story with different whitespace, quotes or diacritic placement gets the same id.
public enum ArticleID {
    public static func make(title: String?, paragraphs: [String], fallback: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func feed(_ s: String) {
            for b in TextFold.key(s).utf8 where b != 0x20 {
                hash ^= UInt64(b)
                hash = hash &* 0x0000_0100_0000_01B3
            }
            hash ^= 0x0A
            hash = hash &* 0x0000_0100_0000_01B3
        }
        if paragraphs.isEmpty {
            feed(fallback)
        } else {
            feed(title ?? "")
            paragraphs.forEach(feed)
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

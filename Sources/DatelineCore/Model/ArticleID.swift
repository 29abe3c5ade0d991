/// Stable article identifiers: a 64-bit FNV-1a hash of the folded title and paragraphs, as 16 hex
/// digits. The same story with different whitespace, quotes or diacritic placement gets the same id.
public enum ArticleID {
    public static func make(title: String?, paragraphs: [String], fallback: String) -> String {
        make(titleKey: TextFold.key(title ?? ""), paragraphKeys: paragraphs.map { TextFold.key($0) },
             fallback: fallback)
    }

    /// `make` from the folded keys (`TextFold.key`) of the title and paragraphs, when the caller
    /// already has them.
    static func make(titleKey: String, paragraphKeys: [String], fallback: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func feed(key: String) {
            TextFold.withUTF8(key) { buf in
                for b in buf where b != 0x20 {
                    hash ^= UInt64(b)
                    hash = hash &* 0x0000_0100_0000_01B3
                }
            }
            hash ^= 0x0A
            hash = hash &* 0x0000_0100_0000_01B3
        }
        if paragraphKeys.isEmpty {
            feed(key: TextFold.key(fallback))
        } else {
            feed(key: titleKey)
            paragraphKeys.forEach { feed(key: $0) }
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

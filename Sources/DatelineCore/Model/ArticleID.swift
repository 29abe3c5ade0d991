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
        var hash = FNV1a()
        if paragraphKeys.isEmpty {
            hash.feed(key: TextFold.key(fallback))
        } else {
            hash.feed(key: titleKey)
            for key in paragraphKeys { hash.feed(key: key) }
        }
        return hexDigits(hash.value)
    }

    /// `value` as 16 lower-case hex digits.
    static func hexDigits(_ value: UInt64) -> String {
        String(unsafeUninitializedCapacity: 16) { out in
            for k in 0..<16 {
                let nibble = UInt8(truncatingIfNeeded: value &>> UInt64(60 - 4 * k)) & 0x0F
                out[k] = nibble < 10 ? 0x30 + nibble : 0x57 + nibble
            }
            return 16
        }
    }
}

/// The 64-bit FNV-1a hash of the ids: each key's bytes except spaces, then a line feed per key.
struct FNV1a {
    static let prime: UInt64 = 0x0000_0100_0000_01B3
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func feed(key: String) {
        TextFold.withUTF8(key) { feed(bytes: $0) }
        value = (value ^ 0x0A) &* Self.prime
    }

    /// Hashes `buf`'s bytes other than spaces, one byte at a time (FNV-1a needs a multiply per byte;
    /// word-at-a-time space tests compiled to more instructions, not fewer), the hash kept in a
    /// local so it stays in a register rather than in the captured variable of the first version.
    mutating func feed(bytes buf: UnsafeBufferPointer<UInt8>) {
        let prime = Self.prime
        var h = value
        for b in buf where b != 0x20 { h = (h ^ UInt64(b)) &* prime }
        value = h
    }
}

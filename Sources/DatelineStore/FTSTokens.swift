import Foundation

/// The tokens SQLite's `unicode61 remove_diacritics 2` tokenizer gives a folded column value, worked
/// out on an ingest worker thread so the single writer only hands them to FTS5 (`TokenReplay`).
///
/// Only for the text it can be sure about: ASCII with no upper-case letters (folded text has none),
/// where a token is a run of ASCII letters and digits, plus the non-ASCII punctuation and spaces listed
/// in `separators` (curly quotes, dashes, ellipses… that folding keeps), each of which unicode61 treats
/// as a separator. Any other non-ASCII character (a letter of another script, a symbol SQLite may class
/// differently) makes `init` fail, and that value is tokenized by SQLite as usual. Tokens are stored
/// as byte ranges of the value; FTS5 is given the value's own bytes for them.
struct FTSTokens: Sendable, Equatable {
    /// Start and end byte offsets, two per token.
    var ranges: [UInt32]

    var count: Int { ranges.count / 2 }

    /// Non-ASCII scalars unicode61 never puts in a token (Unicode categories Z*, P*, S*, C*, none of
    /// them diacritics); `FTSTokensTests` checks each against SQLite's own tokenizer.
    static let separators: Set<UInt32> = [
        0x00A0, 0x00A7, 0x00A9, 0x00AB, 0x00AE, 0x00B0, 0x00B1, 0x00B6, 0x00B7, 0x00BB, 0x00D7, 0x00F7,
        0x2002, 0x2003, 0x2009, 0x200A, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2018, 0x2019,
        0x201A, 0x201C, 0x201D, 0x201E, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2032, 0x2033, 0x2039,
        0x203A, 0x20AB, 0x20AC, 0x2116, 0x2122, 0x2190, 0x2192, 0x2212, 0x3000, 0x3001, 0x3002, 0xFF08,
        0xFF09, 0xFF0C, 0xFF1A,
    ]

    /// The tokens of `text`, or nil when it holds a character only SQLite should judge.
    init?(_ text: String) {
        var text = text
        guard let ranges = text.withUTF8({ Self.scan($0) }) else { return nil }
        self.ranges = ranges
    }

    /// Byte classes: 0 separator, 1 token byte (a-z, 0-9), 2 upper-case letter, 3 start of a
    /// multi-byte scalar, 4 anything else that cannot start a scalar.
    private static let classes: [UInt8] = (0..<256).map { b in
        switch b {
        case 0x30...0x39, 0x61...0x7A: return 1
        case 0x41...0x5A: return 2
        case 0xC0...0xEF: return 3
        case 0x80...: return 4
        default: return 0
        }
    }

    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt32]? {
        let n = bytes.count
        guard n < Int(UInt32.max), let p = bytes.baseAddress else { return n == 0 ? [] : nil }
        // A token takes at least one byte and a separator after it: at most n / 2 + 1 tokens.
        var failed = false
        let ranges = [UInt32](unsafeUninitializedCapacity: n + 2) { out, written in
            classes.withUnsafeBufferPointer { table in
                let kind = table.baseAddress!
                var k = 0
                var i = 0
                scanning: while i < n {
                    var c = kind[Int(p[i])]
                    while c == 0 {
                        i += 1
                        if i == n { break scanning }
                        c = kind[Int(p[i])]
                    }
                    switch c {
                    case 1:
                        let start = i
                        i += 1
                        while i < n && kind[Int(p[i])] == 1 { i += 1 }
                        out[k] = UInt32(start); out[k + 1] = UInt32(i)
                        k += 2
                    case 3:
                        // Only the listed separators are decided here.
                        let lead = p[i]
                        let length = lead < 0xE0 ? 2 : 3
                        guard i + length <= n else { failed = true; break scanning }
                        var scalar = UInt32(lead & (length == 2 ? 0x1F : 0x0F))
                        for m in 1..<length {
                            let next = p[i + m]
                            guard next & 0xC0 == 0x80 else { failed = true; break scanning }
                            scalar = scalar << 6 | UInt32(next & 0x3F)
                        }
                        guard separators.contains(scalar) else { failed = true; break scanning }
                        i += length
                    default:
                        failed = true
                        break scanning
                    }
                }
                written = k
            }
        }
        // Kept until the writer gets to the article: only the room used (about a third of it).
        guard !failed else { return nil }
        return [UInt32](unsafeUninitializedCapacity: ranges.count) { out, written in
            ranges.withUnsafeBufferPointer { _ = out.initialize(fromContentsOf: $0) }
            written = ranges.count
        }
    }
}

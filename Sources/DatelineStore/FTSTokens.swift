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

    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt32]? {
        guard bytes.count < Int(UInt32.max) else { return nil }
        var ranges: [UInt32] = []
        ranges.reserveCapacity(bytes.count / 3)
        var i = 0
        var start = -1 // start of the current token, -1 outside one
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                let isToken = (b &- 0x30) < 10 || (b &- 0x61) < 26
                if isToken {
                    if start < 0 { start = i }
                } else {
                    if (b &- 0x41) < 26 { return nil } // upper case: folding left it, SQLite folds it
                    if start >= 0 { ranges.append(UInt32(start)); ranges.append(UInt32(i)); start = -1 }
                }
                i += 1
                continue
            }
            // A multi-byte scalar: only the listed separators are decided here.
            var scalar: UInt32
            var length: Int
            if b & 0xE0 == 0xC0 { scalar = UInt32(b & 0x1F); length = 2 } else if b & 0xF0 == 0xE0 { scalar = UInt32(b & 0x0F); length = 3 } else { return nil }
            guard i + length <= n else { return nil }
            for k in 1..<length {
                let c = bytes[i + k]
                guard c & 0xC0 == 0x80 else { return nil }
                scalar = scalar << 6 | UInt32(c & 0x3F)
            }
            guard separators.contains(scalar) else { return nil }
            if start >= 0 { ranges.append(UInt32(start)); ranges.append(UInt32(i)); start = -1 }
            i += length
        }
        if start >= 0 { ranges.append(UInt32(start)); ranges.append(UInt32(n)) }
        return ranges
    }
}

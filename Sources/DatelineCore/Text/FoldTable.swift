import Foundation

/// Precomputed fold results (UTF-8 bytes) for the scalar ranges news text actually uses:
/// Latin-1 through Cyrillic, Latin Extended Additional (incl. Vietnamese U+1EA0–U+1EF9),
/// General Punctuation and the Latin ligatures. Built once, lazily and thread-safely.
struct FoldTable: Sendable {
    let bytes: [UInt8]
    /// `start[slot] ..< start[slot + 1]` are the bytes for a slot.
    let start: [Int32]
    /// For each slot, its fold when that is one ASCII byte (most Latin and Vietnamese letters:
    /// "ộ" → "o"), else 0: the common case in one load, with no copy loop.
    let single: [UInt8]

    static let shared = FoldTable()

    // Slot layout: [0x80, 0x530) then [0x1E00, 0x1F00) then [0x2000, 0x2070) then [0xFB00, 0xFB07).
    private static let base1 = 0x530 - 0x80
    private static let base2 = base1 + 0x100
    private static let base3 = base2 + 0x70
    private static let slotCount = base3 + 7

    /// The table slot of a scalar value, or `nil` when the table does not cover it.
    @inline(__always)
    static func slot(_ v: UInt32) -> Int? {
        if v < 0x530 { return v >= 0x80 ? Int(v) - 0x80 : nil }
        if v >= 0x1E00 && v < 0x1F00 { return base1 + Int(v) - 0x1E00 }
        if v >= 0x2000 && v < 0x2070 { return base2 + Int(v) - 0x2000 }
        if v >= 0xFB00 && v < 0xFB07 { return base3 + Int(v) - 0xFB00 }
        return nil
    }

    private init() {
        var bytes: [UInt8] = []
        var start: [Int32] = []
        bytes.reserveCapacity(Self.slotCount * 2)
        start.reserveCapacity(Self.slotCount + 1)
        func add(_ range: Range<UInt32>) {
            for v in range {
                start.append(Int32(bytes.count))
                bytes.append(contentsOf: Array(FoldRules.slowFold(v).utf8))
            }
        }
        add(0x80..<0x530)
        add(0x1E00..<0x1F00)
        add(0x2000..<0x2070)
        add(0xFB00..<0xFB07)
        start.append(Int32(bytes.count))
        self.bytes = bytes
        self.start = start
        self.single = (0..<Self.slotCount).map { slot in
            let a = Int(start[slot])
            return start[slot + 1] - start[slot] == 1 && bytes[a] < 0x80 ? bytes[a] : 0
        }
    }
}

/// The folding rules themselves (used to build `FoldTable` and for scalars outside it).
enum FoldRules {
    /// Explicit mappings that Unicode decomposition does not provide (đ, ß, æ, ø, typographic punctuation…).
    static let overrides: [UInt32: String] = {
        var m: [UInt32: String] = [
            0x0110: "d", 0x0111: "d", 0x00D0: "d", 0x00F0: "d",
            0x00D8: "o", 0x00F8: "o", 0x0141: "l", 0x0142: "l",
            0x00DF: "ss", 0x1E9E: "ss", 0x00C6: "ae", 0x00E6: "ae", 0x0152: "oe", 0x0153: "oe",
            0x00DE: "th", 0x00FE: "th", 0x0131: "i", 0x0126: "h", 0x0127: "h", 0x0166: "t", 0x0167: "t",
            0x0180: "b", 0x0192: "f", 0x2028: "\n", 0x2029: "\n",
        ]
        for v: UInt32 in [0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x2035, 0x2039, 0x203A, 0x00B4, 0x02BC, 0x02B9] {
            m[v] = "'"
        }
        for v: UInt32 in [0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x2036, 0x00AB, 0x00BB] { m[v] = "\"" }
        for v: UInt32 in [0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xFE58, 0xFE63, 0xFF0D] {
            m[v] = "-"
        }
        for v: UInt32 in [0x00A0, 0x1680, 0x202F, 0x205F, 0x3000] { m[v] = " " }
        for v: UInt32 in 0x2000...0x200A { m[v] = " " }
        for v: UInt32 in [0x00AD, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0xFEFF] { m[v] = "" }
        return m
    }()

    /// Combining diacritical marks that folding drops.
    @inline(__always)
    static func isDiacritic(_ v: UInt32) -> Bool {
        (v >= 0x300 && v < 0x370) || (v >= 0x1AB0 && v < 0x1B00) || (v >= 0x1DC0 && v < 0x1E00)
            || (v >= 0x20D0 && v < 0x2100) || (v >= 0xFE20 && v < 0xFE30)
    }

    /// Scripts whose scalars folding leaves untouched (no case, no diacritics to strip).
    @inline(__always)
    static func isInvariant(_ v: UInt32) -> Bool {
        (v >= 0x0E00 && v < 0x0F00) || (v >= 0x3040 && v < 0x3100) || (v >= 0x3400 && v < 0x4DC0)
            || (v >= 0x4E00 && v < 0xA000) || (v >= 0xAC00 && v < 0xD7A4) || v >= 0x10000
    }

    /// Folds one scalar the slow, general way: overrides, else NFKD minus diacritics, lower-cased.
    static func slowFold(_ v: UInt32) -> String {
        if let o = overrides[v] { return o }
        if isDiacritic(v) { return "" }
        guard let scalar = Unicode.Scalar(v) else { return "" }
        let decomposed = String(Character(scalar)).decomposedStringWithCompatibilityMapping
        var out = ""
        for u in decomposed.unicodeScalars {
            if isDiacritic(u.value) { continue }
            if let o = overrides[u.value] { out += o; continue }
            out += u.properties.lowercaseMapping
        }
        return out.precomposedStringWithCanonicalMapping
    }
}

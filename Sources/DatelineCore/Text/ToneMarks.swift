import Foundation

/// Vietnamese tone-mark placement: rewrites the "new style" (mark on the second vowel of a
/// final-less oa/oe/uy: "hoà", "khoẻ", "thuỷ") to the traditional style the press uses
/// ("hòa", "khỏe", "thủy"). Syllables with a final consonant ("hoàng", "thuyền") or a "qu"
/// onset ("quý") keep their mark where it is.
enum ToneMarks {
    /// Tone marks as combining scalars: grave, acute, hook above, tilde, dot below.
    static let tones: [UInt32] = [0x300, 0x301, 0x309, 0x303, 0x323]

    /// Precomposed vowel+tone → (base vowel, tone index) for a, e, y, o, u in both cases.
    private static let decomposeTable: [UInt32: (base: UInt32, tone: Int)] = {
        var m: [UInt32: (UInt32, Int)] = [:]
        for base in "aeyouAEYOU".unicodeScalars {
            for (t, mark) in tones.enumerated() {
                guard let markScalar = Unicode.Scalar(mark) else { continue }
                var view = String.UnicodeScalarView()
                view.append(base)
                view.append(markScalar)
                let composed = String(view).precomposedStringWithCanonicalMapping.unicodeScalars
                if composed.count == 1, let c = composed.first { m[c.value] = (base.value, t) }
            }
        }
        return m
    }()

    private static let composeTable: [UInt64: Unicode.Scalar] = {
        var m: [UInt64: Unicode.Scalar] = [:]
        for (composed, parts) in decomposeTable {
            if let c = Unicode.Scalar(composed) { m[UInt64(parts.base) << 8 | UInt64(parts.tone)] = c }
        }
        return m
    }()

    private static func lower(_ v: UInt32) -> UInt32 { (v >= 65 && v <= 90) ? v + 32 : v }

    /// Vietnamese consonant letters that may form an onset (plus f, j, w, z for loan words).
    private static func isOnsetConsonant(_ v: UInt32) -> Bool {
        switch lower(v) {
        case 0x62, 0x63, 0x64, 0x66, 0x67, 0x68, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x70, 0x71, 0x72, 0x73,
             0x74, 0x76, 0x77, 0x78, 0x7A, 0x0111:
            return true
        default:
            return v == 0x0110
        }
    }

    private static func isLetterLike(_ u: Unicode.Scalar) -> Bool {
        u.properties.isAlphabetic || u.properties.generalCategory == .nonspacingMark
    }

    /// Applies the traditional placement to NFC text. Cheap pre-scan: returns `s` when no
    /// o/u is directly followed by a toned a/e/y.
    static func traditional(_ s: String) -> String {
        var candidate = false
        var prev: UInt32 = 0
        for u in s.unicodeScalars {
            let p = lower(prev)
            if (p == 0x6F || p == 0x75) && u.value >= 0xC0, let d = decomposeTable[u.value] {
                let b = lower(d.base)
                if b == 0x61 || b == 0x65 || b == 0x79 {
                    candidate = true
                    break
                }
            }
            prev = u.value
        }
        if !candidate { return s }

        var scalars = Array(s.unicodeScalars)
        var changed = false
        var i = 1
        while i < scalars.count {
            defer { i += 1 }
            guard let second = decomposeTable[scalars[i].value] else { continue }
            let v1 = lower(scalars[i - 1].value)
            let v2 = lower(second.base)
            guard (v1 == 0x6F && (v2 == 0x61 || v2 == 0x65)) || (v1 == 0x75 && v2 == 0x79) else { continue }
            // Final-less: the syllable ends right after the second vowel.
            if i + 1 < scalars.count, isLetterLike(scalars[i + 1]) { continue }
            // Onset: only consonants before the first vowel; "qu" makes u part of the onset.
            var j = i - 2
            var onsetOK = true
            var lastOnset: UInt32 = 0
            while j >= 0, isLetterLike(scalars[j]) {
                if !isOnsetConsonant(scalars[j].value) { onsetOK = false; break }
                if j == i - 2 { lastOnset = lower(scalars[j].value) }
                j -= 1
            }
            if !onsetOK || (v1 == 0x75 && lastOnset == 0x71) { continue }
            guard let plainSecond = Unicode.Scalar(second.base),
                let markedFirst = composeTable[UInt64(scalars[i - 1].value) << 8 | UInt64(second.tone)]
            else { continue }
            scalars[i - 1] = markedFirst
            scalars[i] = plainSecond
            changed = true
        }
        guard changed else { return s }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }
}

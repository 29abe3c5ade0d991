/// Escaping for HTML/XML text and attribute values.
///
/// Escapes `&`, `<`, `>`, `"` and `'`, and drops characters XML cannot hold (C0 controls other than
/// tab, LF, CR; lone surrogates cannot occur in Swift strings), so the page also parses as XML.
enum HTMLEscape {
    static func escape(_ s: String) -> String {
        var needs = false
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"):
                needs = true
            case 0..<0x20 where byte != 9 && byte != 10 && byte != 13:
                needs = true
            default:
                continue
            }
            if needs { break }
        }
        if !needs && !s.unicodeScalars.contains(where: { $0.value == 0xFFFE || $0.value == 0xFFFF }) { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        append(s, to: &out)
        return out
    }

    /// Appends the escaped form of `s` to `out` without an intermediate string.
    static func append(_ s: String, to out: inout String) {
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
    }
}

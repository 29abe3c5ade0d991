/// Unsigned LEB128 integers (seven bits a byte, low bits first, high bit set on all but the last byte):
/// the numbers inside the store's compact blobs (`MentionList`, `RawDelta`).
enum Varint {
    static func append(_ value: UInt64, to bytes: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    /// The number at `i`, moving `i` past it; nil when the bytes end first or it runs past 64 bits.
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, at i: inout Int) -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while i < bytes.count, shift < 64 {
            let byte = bytes[i]
            i += 1
            if shift == 63, byte > 1 { return nil } // more than 64 bits
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
        return nil
    }
}

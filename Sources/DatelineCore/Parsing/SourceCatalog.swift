/// Known news agencies and outlets with the names they are credited by, so that
/// "(VNA)", "TTXVN", "Viet Nam News" and "VOV.VN" resolve to one canonical short name.
/// Credits not in the catalog are still recognized by their shape (an acronym in a dateline,
/// a domain, a "Theo …" line) and kept as written.
public struct SourceCatalog: Sendable {
    public struct Outlet: Sendable {
        public var name: String
        public var aliases: [String]
    }

    public var outlets: [Outlet]
    private var byKey: [String: String]

    public init(outlets: [Outlet]) {
        self.outlets = outlets
        var map: [String: String] = [:]
        for outlet in outlets {
            map[EntityKey.make(outlet.name)] = outlet.name
            for alias in outlet.aliases { map[EntityKey.make(alias)] = outlet.name }
        }
        byKey = map
    }

    /// The canonical short name for a credit, or nil when the catalog does not know it.
    public func canonical(_ credit: String) -> String? {
        var key = EntityKey.make(credit)
        if let hit = byKey[key] { return hit }
        // Domains: "vov.vn", "nhandan.vn", "www.vietnamplus.vn".
        for suffix in ["comvn", "vn", "com", "net", "org", "la", "gov"] where FastScan.hasASCIISuffix(key, suffix) && key.count > suffix.count + 1 {
            key.removeLast(suffix.count)
            if key.hasPrefix("www") { key.removeFirst(3) }
            if let hit = byKey[key] { return hit }
        }
        return nil
    }

    /// The outlets Dateline knows out of the box: Vietnamese and Lao state media and the
    /// international agencies that cover the region.
    public static let bundled = SourceCatalog(outlets: [
        Outlet(name: "VNA", aliases: ["Vietnam News Agency", "Viet Nam News Agency", "TTXVN", "Thông tấn xã Việt Nam", "VNA.VN"]),
        Outlet(name: "VNS", aliases: ["Viet Nam News", "Vietnam News", "Việt Nam News", "vietnamnews.vn"]),
        Outlet(name: "VietnamPlus", aliases: ["Vietnam Plus", "vietnamplus.vn", "en.vietnamplus.vn"]),
        Outlet(name: "VOV", aliases: ["VOV.VN", "Voice of Vietnam", "Đài Tiếng nói Việt Nam", "VOVworld", "VOV World"]),
        Outlet(name: "VTV", aliases: ["Vietnam Television", "Đài Truyền hình Việt Nam", "vtv.vn"]),
        Outlet(name: "Nhân Dân", aliases: ["Nhan Dan", "Nhân dân", "Báo Nhân Dân", "nhandan.vn", "Nhandan", "Nhân Dân điện tử"]),
        Outlet(name: "QĐND", aliases: ["Quân đội nhân dân", "Quan doi nhan dan", "qdnd.vn", "People's Army Newspaper", "QDND"]),
        Outlet(name: "Tuổi Trẻ", aliases: ["Tuoi Tre", "tuoitre.vn", "Tuoi Tre News"]),
        Outlet(name: "Thanh Niên", aliases: ["Thanh Nien", "thanhnien.vn"]),
        Outlet(name: "VnExpress", aliases: ["vnexpress.net", "VnExpress International"]),
        Outlet(name: "VietNamNet", aliases: ["Vietnamnet", "vietnamnet.vn"]),
        Outlet(name: "Lao Động", aliases: ["Lao Dong", "laodong.vn"]),
        Outlet(name: "Chinhphu.vn", aliases: ["VGP", "Cổng Thông tin điện tử Chính phủ", "baochinhphu.vn", "VGP News"]),
        Outlet(name: "Hanoi Times", aliases: ["hanoitimes.vn"]),
        Outlet(name: "Hà Nội Mới", aliases: ["Ha Noi Moi", "hanoimoi.vn", "HNM"]),
        Outlet(name: "Công an Nhân dân", aliases: ["CAND", "cand.com.vn"]),
        Outlet(name: "PLVN", aliases: ["Pháp luật Việt Nam", "baophapluat.vn"]),
        Outlet(name: "KPL", aliases: ["Lao News Agency", "Khaosan Pathet Lao", "KPL News"]),
        Outlet(name: "Vientiane Times", aliases: ["vientianetimes.org.la"]),
        Outlet(name: "Pasaxon", aliases: ["Pasaxon Daily"]),
        Outlet(name: "Xinhua", aliases: ["Tân Hoa Xã", "Tan Hoa Xa"]),
        Outlet(name: "Reuters", aliases: ["Thomson Reuters"]),
        Outlet(name: "AFP", aliases: ["Agence France-Presse", "Agence France Presse"]),
        Outlet(name: "AP", aliases: ["Associated Press"]),
        Outlet(name: "Kyodo", aliases: ["Kyodo News"]),
        Outlet(name: "Yonhap", aliases: ["Yonhap News Agency"]),
        Outlet(name: "Bernama", aliases: []),
        Outlet(name: "TASS", aliases: []),
        Outlet(name: "Sputnik", aliases: []),
        Outlet(name: "BBC", aliases: ["BBC News", "BBC Vietnamese"]),
        Outlet(name: "RFA", aliases: ["Radio Free Asia"]),
        Outlet(name: "VOA", aliases: ["Voice of America"]),
        Outlet(name: "Khmer Times", aliases: []),
        Outlet(name: "AKP", aliases: ["Agence Kampuchea Presse"]),
    ])
}

/// The matching key for names of entities and outlets: folded, with everything but letters and
/// digits removed, so "Viet Nam", "Việt Nam" and "Vietnam" share the key "vietnam".
public enum EntityKey {
    public static func make(_ s: some StringProtocol) -> String {
        let key = TextFold.key(s)
        var kept: [UInt8]?
        TextFold.withUTF8(key) { buf in
            // ASCII letters and digits (the only ASCII scalars that are alphabetic or numeric) pass as
            // they are: a key made only of them is its own result, without a copy.
            var i = 0
            while i < buf.count && isASCIIAlphanumeric(buf[i]) { i += 1 }
            guard i < buf.count else { return }
            var out = Array(buf[0..<i])
            out.reserveCapacity(buf.count)
            while i < buf.count {
                let b = buf[i]
                if b < 0x80 {
                    if isASCIIAlphanumeric(b) { out.append(b) }
                    i += 1
                    continue
                }
                let (u, len) = UTF8Scan.decode(buf, at: i)
                if ScalarClass.has(u, ScalarClass.alphabetic | ScalarClass.numeric) {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[i..<(i + len)]))
                }
                i += len
            }
            kept = out
        }
        return kept.map { String(decoding: $0, as: UTF8.self) } ?? key
    }

    @inline(__always)
    private static func isASCIIAlphanumeric(_ b: UInt8) -> Bool {
        (b | 0x20) &- 0x61 < 26 || b &- 0x30 < 10
    }
}

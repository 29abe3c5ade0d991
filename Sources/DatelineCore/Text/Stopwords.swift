import Foundation

/// Lower-case stopword lists: a standard English list (~170 words), common Vietnamese function
/// syllables (~110), and short French, German, Spanish and Indonesian lists. Empty for others.
public enum Stopwords {
    /// The stopwords of an ISO 639-1 language, lower case with diacritics; empty set if unknown.
    public static func list(for lang: String) -> Set<String> {
        switch lang.lowercased() {
        case "en": return english
        case "vi": return vietnamese
        case "fr": return french
        case "de": return german
        case "es": return spanish
        case "id": return indonesian
        default: return []
        }
    }

    /// The same list folded with `TextFold.key` (for matching against folded words).
    public static func foldedList(for lang: String) -> Set<String> {
        switch lang.lowercased() {
        case "en": return foldedEnglish
        case "vi": return foldedVietnamese
        default: return Set(list(for: lang).map { TextFold.key($0) })
        }
    }

    private static let foldedEnglish = Set(english.map { TextFold.key($0) })
    private static let foldedVietnamese = Set(vietnamese.map { TextFold.key($0) })

    static let english: Set<String> = words("""
        a about above after again against all am an and any are aren't as at be because been before being
        below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down
        during each few for from further had hadn't has hasn't have haven't having he he'd he'll he's her here
        here's hers herself him himself his how how's i i'd i'll i'm i've if in into is isn't it it's its itself
        let's me more most mustn't my myself no nor not of off on once only or other ought our ours ourselves
        out over own same shan't she she'd she'll she's should shouldn't so some such than that that's the
        their theirs them themselves then there there's these they they'd they'll they're they've this those
        through to too under until up very was wasn't we we'd we'll we're we've were weren't what what's when
        when's where where's which while who who's whom why why's will with won't would wouldn't you you'd
        you'll you're you've your yours yourself yourselves also said says
        """)

    static let vietnamese: Set<String> = words("""
        và của là các những được có trong cho với đã sẽ này đó một không người khi để từ theo về tại cũng như
        thì mà nhiều hai ra vào lại nên nếu vì do bị bởi đến trên dưới sau trước đang vẫn còn rất hơn nhất
        cùng nhau mình họ chúng ta tôi anh chị ông bà em nó ấy kia đây đấy nào gì sao bao đâu ai hay hoặc
        nhưng tuy song vậy thế cả mỗi mọi từng chỉ đều lên qua ở đi làm nói rằng thể việc sự cái chiếc
        lúc nay nữa thêm vừa mới đây chưa phải cần muốn biết nhằm thông giữa ngoài
        khác số
        """)

    static let french: Set<String> = words("""
        le la les de des du un une et en est que qui dans pour pas sur au aux avec ce cette ces il elle ils
        elles nous vous on ne se sa son ses par plus mais ou leur leurs été être sont a été
        """)

    static let german: Set<String> = words("""
        der die das und ist nicht mit den dem des ein eine einer eines zu von im auf für sich auch es sie
        er wir ihr dass wird werden wurde hat haben bei nach aus oder als wie noch nur über
        """)

    static let spanish: Set<String> = words("""
        el la los las de del y en que un una es por con para se no su sus al lo como más pero sobre este esta
        fue son ha han entre también muy ya
        """)

    static let indonesian: Set<String> = words("""
        yang dan di ke dari ini itu dengan untuk pada adalah dalam tidak akan juga oleh sebagai telah atau
        karena bahwa mereka kami kita saya ia sudah bisa ada lebih para antara tersebut
        """)

    private static func words(_ text: String) -> Set<String> {
        Set(text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { String($0).lowercased() })
    }
}

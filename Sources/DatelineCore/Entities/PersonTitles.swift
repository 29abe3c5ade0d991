/// Vocabulary the entity recognizer uses to find people: titles that introduce a name, the words
/// of office and institution names that may stand between a title and the name, and Vietnamese
/// family names. All entries are folded (`TextFold.key`), multi-word entries space-separated.
enum PersonTitles {
    /// Titles after which a person's name follows, possibly after an office chain
    /// ("General Secretary of the … Central Committee To Lam").
    static let titles: [String] = [
        // English
        "general secretary", "party general secretary", "secretary general", "secretary-general", "president",
        "vice president", "state president", "prime minister", "deputy prime minister", "permanent deputy prime minister",
        "minister", "deputy minister", "foreign minister", "defence minister", "defense minister", "chairman",
        "chairwoman", "vice chairman", "vice chairwoman", "chairperson", "ambassador", "gen", "general",
        "lieutenant general", "senior lieutenant general", "major general", "colonel", "senior colonel", "lt", "col",
        "maj", "adm", "admiral", "dr", "mr", "mrs", "ms", "prof", "professor", "secretary", "governor", "mayor", "king",
        "queen", "prince", "princess", "senator", "premier", "chancellor", "director", "director general",
        "spokesperson", "spokesman", "spokeswoman", "envoy", "consul general", "consul", "commander", "party chief",
        "comrade", "leader", "his majesty", "her majesty", "sir", "lady", "pope", "sheikh", "emir", "chief",
        "head", "sen", "rep", "representative", "deputy",
        // Vietnamese
        "tong bi thu", "chu tich", "chu tich nuoc", "pho chu tich", "pho chu tich nuoc", "chu tich quoc hoi",
        "pho chu tich quoc hoi", "thu tuong", "pho thu tuong", "thu tuong chinh phu", "pho thu tuong chinh phu",
        "bo truong", "thu truong", "dai su", "dai tuong", "thuong tuong", "trung tuong", "thieu tuong", "dai ta",
        "thuong ta", "trung ta", "thieu ta", "bi thu", "pho bi thu", "dong chi", "ong", "ba", "hoang than",
        "tong thong", "pho tong thong", "quoc vuong", "nha vua", "hoang hau", "thai tu", "giam doc", "tong giam doc",
        "pho giam doc", "chanh van phong", "truong ban", "pho truong ban", "chu nhiem", "tong lanh su", "lanh su",
        "giao su", "pho giao su", "tien si", "ts", "pgs", "gs", "nguoi phat ngon", "tu lenh", "chinh uy",
        "thuong tuong", "nha bao", "dai bieu", "tong tu lenh",
    ]

    /// Abbreviated titles that are followed by a full stop ("Gen. Phan Van Giang").
    static let abbreviations: Set<String> = ["gen", "lt", "col", "maj", "adm", "dr", "mr", "mrs", "ms", "prof", "sen", "rep", "st", "ts", "pgs", "gs"]

    /// Words of offices, institutions and nationalities that may stand between a title and a name.
    static let chainWords: [String] = [
        // English office and institution words
        "party", "communist", "central", "committee", "people", "revolutionary", "national", "assembly", "defence",
        "defense", "foreign", "affairs", "ministry", "politburo", "member", "military", "commission", "region",
        "council", "front", "fatherland", "government", "state", "army", "office", "lao", "vietnamese", "laotian",
        "cambodian", "chinese", "thai", "japanese", "korean", "russian", "american", "french", "indian",
        "permanent", "standing", "senior", "public", "security", "home", "interior", "justice", "finance", "trade",
        "industry", "education", "training", "health", "labour", "labor", "planning", "investment", "information",
        "communications", "culture", "sports", "tourism", "agriculture", "rural", "development", "natural",
        "resources", "environment", "construction", "transport", "science", "technology", "external", "relations",
        "organisation", "organization", "inspection", "propaganda", "mass", "mobilisation", "mobilization", "union",
        "youth", "women", "association", "friendship", "staff", "department", "city", "province", "provincial",
        "municipal", "district", "court", "supreme", "procuracy", "bank", "embassy", "consulate", "academy",
        "university", "institute", "news", "agency", "na", "secretariat", "election", "board", "group",
        "corporation", "company", "force", "forces", "navy", "air", "police", "border", "guard", "command",
        "headquarters", "republic", "democratic", "socialist", "kingdom", "federation", "united", "nations", "world",
        "international", "asean", "un", "eu", "nam", "viet", "vietnam", "laos", "cambodia", "economic", "commission",
        "delegation", "legal", "affairs", "parliamentary", "parliament", "senate", "house", "house of", "ethnic",
        "minority", "religious", "veterans", "inspectorate", "treasury", "customs", "ideology", "theory",
        // Vietnamese office and institution words (several syllables each, to spare name syllables)
        "bo chinh tri", "ban chap hanh trung uong", "ban chap hanh", "trung uong", "trung uong dang", "dang",
        "nha nuoc", "quoc hoi", "chinh phu", "quoc phong", "cong an", "ngoai giao", "uy ban", "uy vien",
        "mat tran to quoc", "mat tran", "to quoc", "nhan dan", "cach mang", "tinh", "thanh pho", "quan doi",
        "to chuc", "y te", "the gioi", "hoi dong", "van phong", "hoc vien", "bo", "ubnd", "hdnd", "mttq",
        "nuoc", "lao", "cong hoa", "dan chu", "xa hoi chu nghia", "bo tu lenh", "quan khu", "su doan",
        "tong cuc", "cuc", "so", "vien", "dai hoc", "truong dai hoc", "ban", "hoi", "lien hiep", "hiep hoi",
        "tap doan", "cong ty", "tong cong ty", "ngan hang", "thuong truc", "thuong vu", "viet nam", "campuchia",
        "trung quoc", "ban bi thu", "quan uy trung uong", "dang bo", "chi bo", "kiem tra", "tuyen giao",
        "dan van", "noi chinh", "doi ngoai", "kinh te", "the thao", "van hoa", "du lich", "giao duc", "dao tao",
        "khoa hoc", "cong nghe", "tai chinh", "ke hoach", "dau tu", "tu phap", "xay dung", "giao thong", "van tai",
        "nong nghiep", "cong thuong", "tai nguyen", "moi truong", "lao dong", "thuong binh", "noi vu",
        "thong tin", "truyen thong", "toa an", "vien kiem sat",
    ]

    /// Lower-case words that may join the parts of an office ("Minister of … and President of …").
    static let connectors: Set<String> = ["of", "the", "and", "for", "to", "in", "at", "on", "de", "du", "cua", "va", "tai"]

    /// Capitalized words that begin sentences rather than names.
    static let notNames: Set<String> = [
        "the", "a", "an", "he", "she", "it", "its", "his", "her", "they", "we", "our", "their", "this", "that",
        "these", "those", "in", "on", "at", "by", "for", "with", "from", "as", "after", "before", "during", "under",
        "both", "all", "also", "but", "and", "or", "if", "when", "while", "according", "there", "here", "meanwhile",
        "however", "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
        "sunday", "photo", "video", "tet", "lunar", "new", "year",
    ]

    /// Common Vietnamese family names: a capitalized run starting with one is a person's name.
    static let vietnameseSurnames: Set<String> = [
        "nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui", "do", "ho", "ngo",
        "duong", "ly", "to", "luong", "dinh", "truong", "doan", "lam", "mai", "trinh", "dao", "cao", "ha", "vuong",
        "thai", "chu", "ta", "quach", "luu", "kieu", "trieu", "la", "lai", "nong", "thach", "tong", "ton", "khuc",
        "au", "ung", "giap", "kim", "nghiem", "phung", "tang", "than", "lo", "hua", "mac", "bach", "lu", "chau",
        "quan", "tieu", "diep", "danh", "hau", "tu", "ninh", "khong", "kha", "dam", "thieu", "nhu",
    ]
}

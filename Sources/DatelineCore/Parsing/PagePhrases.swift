/// Words and phrases that mark page furniture rather than article text, in the languages the
/// parser knows. All entries are folded keys (`TextFold.key`: lower case, no diacritics).
/// Extending the parser to a new outlet or language usually means adding entries here.
enum PagePhrases {
    /// Headings that open a list of other articles or page furniture after the story
    /// ("See more", "Related", "Tin bài liên quan"). Matched against a whole short line.
    static let sectionBreaks: Set<String> = [
        // English
        "see more", "see also", "related", "related news", "related articles", "related stories",
        "related posts", "related content", "read more", "read also", "also read", "more news", "more stories",
        "latest news", "latest", "most read", "most popular", "most viewed", "trending", "trending now",
        "you may also like", "you may be interested", "you might also like", "recommended", "recommended for you",
        "other news", "comments", "leave a comment", "leave a reply", "tags", "keywords", "topics",
        "share this article", "share", "top stories", "editor's picks", "in other news", "more from this section",
        "popular", "newsletter", "advertisement", "follow us",
        // Vietnamese
        "tin bai lien quan", "tin lien quan", "bai lien quan", "bai viet lien quan", "cac tin bai khac",
        "tin khac", "cac tin khac", "tin bai khac", "doc nhieu", "doc them", "xem them", "tin cung chuyen muc",
        "cung chuyen muc", "tin moi", "tin moi nhat", "moi nhat", "binh luan", "y kien ban doc", "tu khoa",
        "chia se", "co the ban quan tam", "ban co the quan tam", "tin noi bat", "xem nhieu", "tin doc nhieu",
        "video noi bat", "tin tuc lien quan", "tin anh", "tieu diem",
        // French, Spanish, German, Indonesian
        "a lire aussi", "lire aussi", "voir aussi", "articles lies", "sur le meme sujet", "lea tambien",
        "noticias relacionadas", "mas noticias", "mehr zum thema", "lesen sie auch", "das konnte sie auch interessieren",
        "baca juga", "berita terkait",
    ]

    /// Phrases that mark a short line as page furniture wherever it appears (comment forms, share bars,
    /// app prompts). Matched as substrings of lines of at most `furnitureMaxWords` words.
    static let furniture: [String] = [
        "recaptcha", "privacy policy", "terms of service", "terms of use", "all rights reserved", "copyright",
        "cookie", "subscribe", "sign up", "sign in", "log in", "newsletter", "download the app", "download app",
        "follow us", "back to top", "click here", "print this", "font size", "listen to this", "loading",
        "advertisement", "sponsored", "share on", "share this", "write a comment", "post a comment",
        "your email", "your name", "required fields",
        "quang cao", "gui binh luan", "viet binh luan", "binh luan cua ban", "moi quy doc gia", "moi ban doc",
        "theo doi", "xin cho trong giay lat", "phien ban di dong", "dang nhap", "dang ky", "ban quyen",
        "ban in", "gui bai", "co chu", "nghe bai", "nghe doc bai", "tai ung dung", "xem phien ban",
        "dia chi email", "ho va ten", "nhap noi dung", "ve dau trang", "len dau trang",
    ]
    static let furnitureMaxWords = 14

    /// Strong furniture markers that disqualify even a long, punctuated line.
    static let strongFurniture: [String] = [
        "recaptcha", "privacy policy", "terms of service", "all rights reserved", "©", "cookies",
    ]

    /// Words whose presence as a whole short line is a share/print/font widget.
    static let widgets: Set<String> = [
        "aa", "a a", "a+", "a-", "a+ a-", "print", "email", "facebook", "twitter", "zalo", "linkedin", "share",
        "in", "copy link", "home", "menu", "search", "tim kiem", "x", "close", "dong", "top", "|", "video", "audio",
        "nguon", "nguon:", "source", "source:", "photo", "anh",
    ]

    /// First words of a breadcrumb line ("Trang chủ Chính trị - Xã hội", "Home > Politics").
    static let breadcrumbStarts: [String] = ["trang chu", "home", "accueil", "inicio", "startseite", "beranda"]

    /// Relative-time words in an author/meta line ("Đinh Minh Hằng2 minutes ago").
    static let relativeTimeUnits: [String] = [
        "seconds ago", "second ago", "minutes ago", "minute ago", "mins ago", "min ago", "hours ago", "hour ago",
        "hrs ago", "days ago", "day ago", "weeks ago", "week ago", "months ago", "month ago", "years ago", "year ago",
        "giay truoc", "phut truoc", "gio truoc", "ngay truoc", "tuan truoc", "thang truoc", "nam truoc",
    ]
    static let relativeTimeWords: [String] = ["just now", "yesterday", "vua xong", "hom qua"]

    /// Byline prefixes: the author's name follows.
    static let bylinePrefixes: [String] = [
        "by ", "written by ", "reported by ", "story by ", "tac gia:", "tac gia ", "bai va anh:", "bai, anh:",
        "bai:", "phong vien:", "pv:", "nhom phong vien", "par ", "por ", "von ",
    ]

    /// Credit-line prefixes: the source follows ("Theo Nhân dân", "Source: VNA").
    static let creditPrefixes: [String] = [
        "theo ", "nguon: ", "nguon ", "source: ", "source ", "sources: ", "(theo ", "according to ",
        "courtesy of ", "fuente: ", "quelle: ",
    ]

    /// Caption credit markers inside parentheses ("(Photo: VNA)", "(Ảnh: TTXVN)").
    static let captionMarkers: [String] = [
        "photo:", "photo ", "photos:", "image:", "ảnh:", "anh:", "nguồn ảnh:", "nguon anh:", "photo courtesy",
        "source:", "credit:", "foto:", "file photo", "illustrative photo", "ảnh minh họa", "anh minh hoa",
    ]
}

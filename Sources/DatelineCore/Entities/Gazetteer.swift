/// The bundled gazetteer: places and well-known organizations, one entry per line as
/// `Canonical|alias|alias…`. Matching is diacritic-, case- and space-insensitive (`EntityKey`),
/// so "Viet Nam", "Việt Nam" and "VIETNAM" need no separate aliases.
/// People are deliberately absent: a person's canonical name comes from the article itself or from
/// an analyst's dictionary file (see `EntityDictionary.load(path:)`).
enum Gazetteer {
    static let countries = """
    Vietnam|Viet Nam|Việt Nam|Socialist Republic of Vietnam|Vietnamese territory
    Laos|Lào|Lao PDR|Lao People's Democratic Republic|Cộng hòa Dân chủ Nhân dân Lào
    Cambodia|Campuchia|Kampuchea
    Thailand|Thái Lan
    Myanmar|Burma|Miến Điện
    Malaysia|Ma-lai-xi-a
    Singapore|Xin-ga-po
    Indonesia|In-đô-nê-xi-a
    Philippines|Phi-líp-pin|Philippin
    Brunei|Bru-nây
    Timor-Leste|East Timor|Đông Timor
    China|Trung Quốc|People's Republic of China
    Japan|Nhật Bản
    South Korea|Republic of Korea|Hàn Quốc|Korea
    North Korea|Triều Tiên|DPRK
    Mongolia|Mông Cổ
    India|Ấn Độ
    Pakistan
    Bangladesh
    Sri Lanka
    Nepal
    Australia|Úc|Australia
    New Zealand|Niu Di-lân
    United States|US|U.S.|USA|United States of America|America|Hoa Kỳ|Mỹ
    Canada
    Mexico|Mê-hi-cô
    Cuba
    Brazil|Braxin
    Argentina|Ác-hen-ti-na
    Chile|Chi-lê
    Venezuela
    Russia|Nga|Russian Federation|Liên bang Nga
    Ukraine|U-crai-na
    Belarus
    France|Pháp
    Germany|Đức
    United Kingdom|UK|U.K.|Britain|Great Britain|Vương quốc Anh
    Italy|Italia
    Spain|Tây Ban Nha
    Portugal|Bồ Đào Nha
    Netherlands|Hà Lan
    Belgium|Bỉ
    Switzerland|Thụy Sĩ
    Austria
    Sweden|Thụy Điển
    Norway|Na Uy
    Denmark|Đan Mạch
    Finland|Phần Lan
    Poland|Ba Lan
    Czech Republic|Czechia|Séc
    Hungary|Hungary
    Romania|Rumani
    Bulgaria|Bungari
    Greece|Hy Lạp
    Turkey|Türkiye|Thổ Nhĩ Kỳ
    Israel|Israel
    Palestine|Palestine
    Iran|I-ran
    Iraq|I-rắc
    Saudi Arabia|Ả Rập Xê Út
    United Arab Emirates|UAE
    Qatar|Ca-ta
    Egypt|Ai Cập
    South Africa|Nam Phi
    Nigeria
    Algeria|An-giê-ri
    Morocco|Ma-rốc
    Mozambique|Mô-dăm-bích
    Angola
    Kazakhstan|Ca-dắc-xtan
    """

    static let vietnam = """
    Hà Nội|Hanoi|Ha Noi|Thủ đô Hà Nội
    Hồ Chí Minh City|Ho Chi Minh City|HCM City|HCMC|Thành phố Hồ Chí Minh|TP Hồ Chí Minh|TP.HCM|TPHCM|Saigon|Sài Gòn
    Hải Phòng|Hai Phong|Haiphong
    Đà Nẵng|Da Nang|Danang
    Cần Thơ|Can Tho
    Huế|Hue|Thừa Thiên Huế|Thua Thien Hue
    An Giang
    Bà Rịa - Vũng Tàu|Ba Ria - Vung Tau|Vũng Tàu|Vung Tau
    Bắc Giang|Bac Giang
    Bắc Kạn|Bac Kan
    Bạc Liêu|Bac Lieu
    Bắc Ninh|Bac Ninh
    Bến Tre|Ben Tre
    Bình Định|Binh Dinh
    Bình Dương|Binh Duong
    Bình Phước|Binh Phuoc
    Bình Thuận|Binh Thuan
    Cà Mau|Ca Mau
    Cao Bằng|Cao Bang
    Đắk Lắk|Dak Lak
    Đắk Nông|Dak Nong
    Điện Biên|Dien Bien
    Đồng Nai|Dong Nai
    Đồng Tháp|Dong Thap
    Gia Lai
    Hà Giang|Ha Giang
    Hà Nam|Ha Nam
    Hà Tĩnh|Ha Tinh
    Hải Dương|Hai Duong
    Hậu Giang|Hau Giang
    Hòa Bình|Hoa Binh
    Hưng Yên|Hung Yen
    Khánh Hòa|Khanh Hoa
    Kiên Giang|Kien Giang
    Kon Tum
    Lai Châu|Lai Chau
    Lâm Đồng|Lam Dong
    Lạng Sơn|Lang Son
    Lào Cai|Lao Cai
    Long An
    Nam Định|Nam Dinh
    Nghệ An|Nghe An
    Ninh Bình|Ninh Binh
    Ninh Thuận|Ninh Thuan
    Phú Thọ|Phu Tho
    Phú Yên|Phu Yen
    Quảng Bình|Quang Binh
    Quảng Nam|Quang Nam
    Quảng Ngãi|Quang Ngai
    Quảng Ninh|Quang Ninh
    Quảng Trị|Quang Tri
    Sóc Trăng|Soc Trang
    Sơn La|Son La
    Tây Ninh|Tay Ninh
    Thái Bình|Thai Binh
    Thái Nguyên|Thai Nguyen
    Thanh Hóa|Thanh Hoa
    Tiền Giang|Tien Giang
    Trà Vinh|Tra Vinh
    Tuyên Quang|Tuyen Quang
    Vĩnh Long|Vinh Long
    Vĩnh Phúc|Vinh Phuc
    Yên Bái|Yen Bai
    Nha Trang
    Hạ Long|Ha Long
    Đà Lạt|Da Lat|Dalat
    Hội An|Hoi An
    Phú Quốc|Phu Quoc
    Trường Sa|Truong Sa|Spratly Islands|Spratlys
    Hoàng Sa|Hoang Sa|Paracel Islands|Paracels
    Biển Đông|East Sea|South China Sea
    Mekong|Mekong River|Mê Kông|Sông Mê Kông|Mekong Delta|Đồng bằng sông Cửu Long
    Tây Nguyên|Central Highlands
    Ka Đô|Ka Do
    """

    static let laos = """
    Vientiane|Viêng Chăn|Vientiane Capital|Vientiane capital|Thủ đô Viêng Chăn
    Luang Prabang|Luông Pha Băng|Louangphabang
    Luang Namtha|Luông Nặm Thà
    Bokeo|Bò Kẹo
    Champasak|Champasack|Chăm Pa Xắc
    Savannakhet|Xa-vắn-na-khẹt|Savănnakhet
    Xieng Khouang|Xiêng Khoảng|Xiengkhouang
    Houaphanh|Hủa Phăn|Houaphan
    Attapeu|Attapư|Attapu
    Sekong|Xê Kông
    Salavan|Saravane|Xa La Văn
    Oudomxay|Udomxay|U Đôm Xay
    Phongsaly|Phông Xa Lỳ|Phongsali
    Xayaboury|Sayaboury|Xaignabouli|Xay-nhạ-bu-ly
    Bolikhamxay|Bolikhamsai|Bô-ly-khăm-xay
    Khammouane|Khăm Muộn|Khammouan
    Xaysomboun|Xay-sổm-bun
    Pakse|Pắc Xế
    Thakhek|Thà Khẹt
    Vang Vieng|Vang Viêng
    Plain of Jars|Cánh đồng Chum
    Wattay|Wattay International Airport
    """

    static let world = """
    Beijing|Bắc Kinh
    Shanghai|Thượng Hải
    Tokyo
    Seoul|Xơ-un
    Pyongyang|Bình Nhưỡng
    Bangkok|Băng Cốc
    Phnom Penh|Phnôm Pênh|Phnom Pênh
    Siem Reap
    Jakarta|Gia-các-ta
    Kuala Lumpur
    Manila|Ma-ni-la
    Yangon|Rangoon
    Naypyidaw|Nay Pyi Taw|Nây Pyi Tô
    New Delhi|Niu Đê-li
    Washington|Washington D.C.|Washington DC
    New York
    Moscow|Mát-xcơ-va|Moskva
    Paris
    Berlin
    London|Luân Đôn
    Brussels|Brúc-xen
    Geneva|Giơ-ne-vơ
    Canberra
    Sydney
    Auckland
    Wellington
    Havana|La Habana|La Ha-ba-na
    Brasília|Brasilia
    Algiers|An-giê
    Johannesburg
    Singapore City
    Hong Kong|Hồng Kông
    Taiwan|Đài Loan
    Europe|châu Âu|Châu Âu
    Asia|châu Á|Châu Á
    Africa|châu Phi|Châu Phi
    Southeast Asia|Đông Nam Á
    Indochina|Đông Dương
    Asia-Pacific|châu Á-Thái Bình Dương|Châu Á - Thái Bình Dương
    """

    static let organizations = """
    Communist Party of Vietnam|CPV|Đảng Cộng sản Việt Nam|Vietnamese Communist Party
    Lao People's Revolutionary Party|LPRP|Đảng Nhân dân Cách mạng Lào
    Cambodian People's Party|CPP|Đảng Nhân dân Campuchia
    Communist Party of China|CPC|Chinese Communist Party|Đảng Cộng sản Trung Quốc
    Communist Party of Cuba|Đảng Cộng sản Cuba
    ASEAN|Association of Southeast Asian Nations|Hiệp hội các quốc gia Đông Nam Á
    United Nations|UN|U.N.|Liên hợp quốc|Liên Hợp Quốc
    UN Security Council|Hội đồng Bảo an Liên hợp quốc|United Nations Security Council
    World Health Organization|WHO|Tổ chức Y tế Thế giới
    European Union|EU|Liên minh châu Âu
    International Organization for Migration|IOM|Tổ chức Di cư Quốc tế
    World Bank|Ngân hàng Thế giới|WB
    Asian Development Bank|ADB|Ngân hàng Phát triển châu Á
    International Monetary Fund|IMF|Quỹ Tiền tệ Quốc tế
    Asia-Pacific Economic Cooperation|APEC
    G20
    BRICS
    Mekong River Commission|MRC|Ủy hội sông Mê Công quốc tế
    ASEAN Inter-Parliamentary Assembly|AIPA
    Politburo|Bộ Chính trị
    Party Central Committee|Central Committee|Ban Chấp hành Trung ương|Ban Chấp hành Trung ương Đảng
    Party Central Committee's Secretariat|Ban Bí thư|Secretariat
    Central Military Commission|Quân ủy Trung ương
    National Assembly of Vietnam|Vietnamese National Assembly|Quốc hội Việt Nam
    Lao National Assembly|National Assembly of Laos|Quốc hội Lào
    Vietnam Fatherland Front|VFF|Mặt trận Tổ quốc Việt Nam|MTTQ Việt Nam|MTTQVN
    Lao Front for National Development|LFND|Mặt trận Lào xây dựng đất nước
    Vietnam People's Army|VPA|Quân đội nhân dân Việt Nam
    Lao People's Army|LPA|Quân đội nhân dân Lào
    Ministry of National Defence|Ministry of Defence|Bộ Quốc phòng|Ministry of National Defense
    Ministry of Public Security|Bộ Công an|MPS
    Ministry of Foreign Affairs|Foreign Ministry|Bộ Ngoại giao|MOFA
    Ministry of Industry and Trade|Bộ Công Thương|MoIT
    Ministry of Education and Training|Bộ Giáo dục và Đào tạo|MoET
    Government of Vietnam|Vietnamese Government|Chính phủ Việt Nam
    Vietnam News Agency|VNA|Thông tấn xã Việt Nam|TTXVN
    Voice of Vietnam|VOV|Đài Tiếng nói Việt Nam
    Ho Chi Minh National Academy of Politics|Học viện Chính trị quốc gia Hồ Chí Minh
    National Election Council|Hội đồng Bầu cử quốc gia
    Vietnam-Laos Friendship Association|Hội Hữu nghị Việt Nam - Lào|Vietnam - Laos Friendship Association
    Vietnam Union of Friendship Organisations|VUFO|Liên hiệp các tổ chức hữu nghị Việt Nam
    """
}

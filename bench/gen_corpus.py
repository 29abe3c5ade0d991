#!/usr/bin/env python3
"""Deterministic synthetic news corpus for Dateline benchmarks.

Writes seed-like page dumps (English and Vietnamese wire stories with headlines, bylines, datelines,
photo captions, "Related" teasers, varied people/organizations/places, dates, outlets and lengths),
including wire reprints: about 8% of articles are another outlet's lightly edited copy of an
earlier story. The same --count and --seed always give byte-identical output.

    python3 bench/gen_corpus.py --out /tmp/corpus-10k --count 10000
    python3 bench/gen_corpus.py --out /tmp/corpus.jsonl --count 1000 --jsonl
"""
import argparse
import json
import os
import random

PEOPLE = [
    ("Tô Lâm", "To Lam"), ("Phạm Minh Chính", "Pham Minh Chinh"), ("Lương Cường", "Luong Cuong"),
    ("Trần Thanh Mẫn", "Tran Thanh Man"), ("Bùi Thanh Sơn", "Bui Thanh Son"), ("Phan Văn Giang", "Phan Van Giang"),
    ("Nguyễn Hòa Bình", "Nguyen Hoa Binh"), ("Trần Cẩm Tú", "Tran Cam Tu"), ("Lê Minh Hưng", "Le Minh Hung"),
    ("Đỗ Văn Chiến", "Do Van Chien"), ("Nguyễn Chí Dũng", "Nguyen Chi Dung"), ("Hồ Đức Phớc", "Ho Duc Phoc"),
    ("Thongloun Sisoulith", "Thongloun Sisoulith"), ("Sonexay Siphandone", "Sonexay Siphandone"),
    ("Saysomphone Phomvihane", "Saysomphone Phomvihane"), ("Hun Manet", "Hun Manet"), ("Anwar Ibrahim", "Anwar Ibrahim"),
    ("Prabowo Subianto", "Prabowo Subianto"), ("Anthony Albanese", "Anthony Albanese"), ("Lawrence Wong", "Lawrence Wong"),
    ("Ferdinand Marcos Jr.", "Ferdinand Marcos Jr."), ("Kim Hong-kyun", "Kim Hong-kyun"), ("Ursula von der Leyen", "Ursula von der Leyen"),
]
ORGS_EN = ["the Communist Party of Vietnam", "the National Assembly", "the Ministry of National Defence", "ASEAN",
           "the Ministry of Foreign Affairs", "the Lao People's Revolutionary Party", "the World Bank", "the United Nations",
           "the Ministry of Finance", "the State Bank of Vietnam", "the European Union", "the Politburo"]
ORGS_VI = ["Đảng Cộng sản Việt Nam", "Quốc hội", "Bộ Quốc phòng", "ASEAN", "Bộ Ngoại giao", "Đảng Nhân dân Cách mạng Lào",
           "Ngân hàng Thế giới", "Liên hợp quốc", "Bộ Tài chính", "Ngân hàng Nhà nước Việt Nam", "Liên minh châu Âu", "Bộ Chính trị"]
PLACES = [("Hà Nội", "Hanoi"), ("Thành phố Hồ Chí Minh", "Ho Chi Minh City"), ("Đà Nẵng", "Da Nang"), ("Hải Phòng", "Hai Phong"),
          ("Cần Thơ", "Can Tho"), ("Huế", "Hue"), ("Vientiane", "Vientiane"), ("Phnom Penh", "Phnom Penh"),
          ("Bangkok", "Bangkok"), ("Jakarta", "Jakarta"), ("Singapore", "Singapore"), ("Tokyo", "Tokyo"), ("Brussels", "Brussels")]
OUTLETS = ["VNA", "VNS", "VOV", "Nhân Dân", "Tuổi Trẻ", "VnExpress"]
TOPICS_EN = ["defence cooperation", "trade and investment", "digital transformation", "renewable energy", "climate resilience",
             "infrastructure", "education and training", "public health", "tourism recovery", "border management",
             "strategic cohesion", "semiconductor supply chains", "rice exports", "high-speed railway", "green finance"]
TOPICS_VI = ["hợp tác quốc phòng", "thương mại và đầu tư", "chuyển đổi số", "năng lượng tái tạo", "ứng phó biến đổi khí hậu",
             "hạ tầng giao thông", "giáo dục và đào tạo", "y tế cộng đồng", "phục hồi du lịch", "quản lý biên giới",
             "gắn kết chiến lược", "chuỗi cung ứng bán dẫn", "xuất khẩu gạo", "đường sắt tốc độ cao", "tài chính xanh"]
EN_SENTENCES = [
    "{p} met with {q} in {place} on {day}, discussing measures to deepen {topic}.",
    "Both sides agreed to step up {topic}, with a focus on practical projects that benefit their people.",
    "{p} highlighted the role of {org} in promoting {topic} over the past {n} years.",
    "According to {org}, investment in {topic} reached {n}.{m} billion USD in the first {k} months of the year.",
    "The two leaders reviewed the outcomes of the {ordinal} meeting of the joint committee and set out priorities for {year}.",
    "{q} thanked {p} for the warm welcome and affirmed that {topic} remains a top priority.",
    "Delegates at the forum in {place} called for closer coordination between ministries, localities and businesses.",
    "The plan, approved by {org}, targets growth of {n} per cent and the creation of {m}00 new jobs.",
    "Experts said that {topic} would require sustained investment, skilled workers and transparent regulation.",
    "{p} stressed that the relationship has become a valuable asset of the two Parties, States and peoples.",
    "On the occasion, the sides signed {k} cooperation documents covering {topic} and {topic2}.",
    "Officials in {place} reported that {n} projects had been completed ahead of schedule.",
]
VI_SENTENCES = [
    "Ngày {dayvi}, tại {place}, {p} đã tiếp {q} và trao đổi các biện pháp thúc đẩy {topic}.",
    "Hai bên nhất trí đẩy mạnh {topic}, tập trung vào các dự án thiết thực mang lại lợi ích cho nhân dân.",
    "{p} đánh giá cao vai trò của {org} trong việc thúc đẩy {topic} trong {n} năm qua.",
    "Theo {org}, vốn đầu tư cho {topic} đạt {n},{m} tỷ USD trong {k} tháng đầu năm.",
    "Hai nhà lãnh đạo đã điểm lại kết quả kỳ họp lần thứ {n} của Ủy ban liên chính phủ và thống nhất các ưu tiên cho năm {year}.",
    "{q} cảm ơn {p} về sự đón tiếp trọng thị và khẳng định {topic} luôn là ưu tiên hàng đầu.",
    "Các đại biểu dự diễn đàn tại {place} kêu gọi tăng cường phối hợp giữa các bộ, ngành, địa phương và doanh nghiệp.",
    "Kế hoạch do {org} phê duyệt đặt mục tiêu tăng trưởng {n}% và tạo thêm {m}00 việc làm mới.",
    "Các chuyên gia cho rằng {topic} đòi hỏi nguồn vốn ổn định, nhân lực chất lượng cao và khung pháp lý minh bạch.",
    "{p} nhấn mạnh mối quan hệ này là tài sản vô giá của hai Đảng, hai Nhà nước và nhân dân hai nước.",
    "Nhân dịp này, hai bên đã ký kết {k} văn kiện hợp tác về {topic} và {topic2}.",
    "Chính quyền {place} cho biết đã có {n} dự án hoàn thành trước tiến độ.",
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
ORDINALS = ["first", "second", "third", "fourth", "fifth", "10th", "12th", "14th"]


def article(rng, index):
    vi = rng.random() < 0.4
    outlet = rng.choice(OUTLETS)
    year = rng.choice([2022, 2023, 2024, 2025, 2026])
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    people = rng.sample(PEOPLE, 2)
    place = rng.choice(PLACES)
    topic_i = rng.randrange(len(TOPICS_EN))
    topics = TOPICS_VI if vi else TOPICS_EN
    orgs = ORGS_VI if vi else ORGS_EN
    ascii_names = (not vi) and rng.random() < 0.5

    def name(pair):
        return pair[1] if ascii_names else pair[0]

    def fill(template):
        return template.format(
            p=name(people[0]), q=name(people[1]), place=place[0] if vi or not ascii_names else place[1],
            day=rng.choice(WEEKDAYS) if rng.random() < 0.5 else f"{MONTHS[month - 1]} {day}",
            dayvi=f"{day}/{month}", topic=topics[topic_i], topic2=rng.choice(topics), org=rng.choice(orgs),
            n=rng.randint(2, 40), m=rng.randint(1, 9), k=rng.randint(2, 11), year=year + 1, ordinal=rng.choice(ORDINALS))

    sentences = VI_SENTENCES if vi else EN_SENTENCES
    paragraphs = []
    for _ in range(rng.choice([4, 6, 8, 12, 16, 20, 26, 34, 44])):
        paragraphs.append(" ".join(fill(rng.choice(sentences)) for _ in range(rng.randint(2, 5))))
    if vi:
        title = f"{name(people[0])} tiếp {name(people[1])}, thúc đẩy {topics[topic_i]}"
        header = f"Trang chủ Chính trị - Xã hội\n{rng.randint(6, 22):02d}:{rng.randint(0, 59):02d} | {day:02d}/{month:02d}/{year} GMT+7\n\n"
        lede = f"{place[0].upper()} ({outlet}) – " + fill(sentences[0])
        caption = f"{name(people[0])} và {name(people[1])} tại buổi tiếp. (Ảnh: {outlet})"
        related = "Tin liên quan"
    else:
        title = f"{name(people[0])} meets {name(people[1])}, pledges to boost {topics[topic_i]}"
        header = ""
        lede = f"{(place[1] if ascii_names else place[0]).upper()} ({outlet}) — " + fill(sentences[0])
        caption = f"{name(people[0])} (right) and {name(people[1])} at the meeting (Photo: {outlet})"
        related = "Related news"
    teasers = [f"{name(rng.choice(PEOPLE))}: {rng.choice(topics)}" for _ in range(rng.randint(0, 3))]
    parts = [header + title, lede, caption]
    parts.extend(paragraphs[: len(paragraphs) // 2])
    parts.append(caption)
    parts.extend(paragraphs[len(paragraphs) // 2:])
    parts.append(f"{outlet}")
    if teasers:
        parts.append(related)
        parts.extend(teasers)
    meta = {"title": title, "date": f"{year}-{month:02d}-{day:02d}", "source": outlet, "lang": "vi" if vi else "en"}
    return "\n\n".join(parts) + "\n", meta


def reprint(rng, text, meta):
    """Another outlet's copy of a wire story: new byline and headline, one sentence edited."""
    outlet = rng.choice([o for o in OUTLETS if o != meta["source"]])
    lines = text.split("\n\n")
    lines[0] = lines[0] + (" (update)" if rng.random() < 0.5 else "")
    body = "\n\n".join(lines).replace(f"({meta['source']})", f"({outlet}/{meta['source']})", 1)
    sentences = body.split(". ")
    if len(sentences) > 6:
        k = rng.randrange(3, len(sentences) - 1)
        sentences[k] = sentences[k] + ", officials said"
    return ". ".join(sentences), dict(meta, source=outlet)


def generate(count, seed):
    rng = random.Random(seed)
    history = []
    for index in range(count):
        if history and rng.random() < 0.08:
            text, meta = reprint(rng, *rng.choice(history[-500:]))
        else:
            text, meta = article(rng, index)
            history.append((text, meta))
        yield index, text, meta


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True, help="output folder (or .jsonl file with --jsonl)")
    parser.add_argument("--count", type=int, required=True, help="number of articles")
    parser.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
    parser.add_argument("--jsonl", action="store_true", help="write one JSON Lines file instead of a folder of .txt dumps")
    args = parser.parse_args()
    total = 0
    if args.jsonl:
        os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
        with open(args.out, "w", encoding="utf-8") as out:
            for index, text, meta in generate(args.count, args.seed):
                out.write(json.dumps(dict(meta, text=text), ensure_ascii=False) + "\n")
                total += len(text.encode())
    else:
        for index, text, meta in generate(args.count, args.seed):
            folder = os.path.join(args.out, f"{index // 1000:04d}")
            os.makedirs(folder, exist_ok=True)
            data = text.encode()
            with open(os.path.join(folder, f"{index:07d}.txt"), "wb") as out:
                out.write(data)
            total += len(data)
    print(f"{args.count} articles, {total / args.count / 1024:.1f} KiB average, {total / 1048576:.1f} MiB total -> {args.out}")


if __name__ == "__main__":
    main()

import Foundation

/// Axis helpers shared by the SVG and text chart renderers: nice ticks and x-value parsing.
enum ChartScales {
    /// "Nice" tick values (steps of 1, 2 or 5 × 10ⁿ) covering `lo...hi`, about `target` of them.
    static func niceTicks(_ lo: Double, _ hi: Double, target: Int = 5) -> (ticks: [Double], lo: Double, hi: Double) {
        var lo = lo, hi = hi
        if !lo.isFinite || !hi.isFinite { lo = 0; hi = 1 }
        if lo == hi {
            if lo == 0 { hi = 1 } else if lo > 0 { lo = 0 } else { hi = 0 }
        }
        let span = hi - lo
        let rough = span / Double(max(target, 1))
        let exponent = floor(log10(rough))
        let base = pow(10, exponent)
        let fraction = rough / base
        let step: Double
        if fraction <= 1 { step = base } else if fraction <= 2 { step = 2 * base } else if fraction <= 5 { step = 5 * base } else { step = 10 * base }
        let niceLo = floor(lo / step) * step
        let niceHi = ceil(hi / step) * step
        var ticks: [Double] = []
        var v = niceLo
        var guardCount = 0
        while v <= niceHi + step * 0.5, guardCount < 100 {
            ticks.append(abs(v) < step * 1e-9 ? 0 : v)
            v += step
            guardCount += 1
        }
        return (ticks, niceLo, niceHi)
    }

    /// Finite minimum and maximum of values, or nil when there are none.
    static func extent<S: Sequence>(_ values: S) -> (Double, Double)? where S.Element == Double {
        var lo = Double.infinity, hi = -Double.infinity
        for v in values where v.isFinite {
            lo = min(lo, v)
            hi = max(hi, v)
        }
        return lo <= hi ? (lo, hi) : nil
    }
}

/// How line-chart x values are placed: on a time axis, a numeric axis, or as ordered categories.
enum XAxisKind {
    case time
    case numeric
    case categorical([String])
}

/// Line-chart x values resolved to positions (days since 1970 for dates).
struct ResolvedX {
    let kind: XAxisKind
    /// Position of each point, per series, parallel to `series[i].points`.
    let positions: [[Double]]

    init(_ series: [LineSeries]) {
        var allDates = true, allNumbers = true
        var any = false
        for s in series {
            for p in s.points {
                any = true
                switch p.x {
                case .number: allDates = false
                case .date(let d):
                    allNumbers = false
                    if DateParsing.day(d) == nil { allDates = false }
                }
            }
        }
        if any && allNumbers {
            kind = .numeric
            positions = series.map { $0.points.map { if case .number(let n) = $0.x { return n } else { return 0 } } }
        } else if any && allDates {
            kind = .time
            positions = series.map { $0.points.map { p in
                if case .date(let d) = p.x { return DateParsing.day(d) ?? 0 } else { return 0 } } }
        } else {
            // Categories in first-seen order across series.
            var order: [String] = []
            var index: [String: Int] = [:]
            for s in series {
                for p in s.points where index[p.x.label] == nil {
                    index[p.x.label] = order.count
                    order.append(p.x.label)
                }
            }
            kind = .categorical(order)
            positions = series.map { $0.points.map { Double(index[$0.x.label] ?? 0) } }
        }
    }
}

/// Parses the date forms charts accept (`yyyy-MM-dd`, `yyyy-MM`, `yyyy`, ISO timestamps) to day numbers.
enum DateParsing {
    private static let calendar: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0)!
        return c
    }()

    /// Days since 1970-01-01 (UTC) of the date's first day; nil if the text is not such a date.
    static func day(_ text: String) -> Double? {
        let parts = text.prefix(10).split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4, let year = Int(parts[0]) else { return nil }
        var month = 1, day = 1
        if parts.count >= 2 {
            guard parts[1].count == 2, let m = Int(parts[1]), (1...12).contains(m) else { return nil }
            month = m
        }
        if parts.count == 3 {
            guard parts[2].count == 2, let d = Int(parts[2]), (1...31).contains(d) else { return nil }
            day = d
        }
        if text.count > 10 {
            // Allow a time part after the date only for full dates ("2026-02-05T07:07:00+07:00").
            guard parts.count == 3, let sep = text.dropFirst(10).first, sep == "T" || sep == " " else { return nil }
        } else if parts.count < 3 && text.count != (parts.count == 1 ? 4 : 7) {
            return nil
        }
        return daysFromCivil(year: year, month: month, day: day)
    }

    /// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Double {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return Double(era * 146097 + doe - 719468)
    }

    /// Year, month, day of a day number.
    static func civil(fromDays days: Double) -> (year: Int, month: Int, day: Int) {
        let z = Int(floor(days)) + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    /// `yyyy-MM-dd` for a day number.
    static func format(day: Double) -> String {
        let c = civil(fromDays: day)
        return String(format: "%04d-%02d-%02d", c.year, c.month, c.day)
    }

    /// Tick positions for a time axis between two day numbers, thinned so at most `maxTicks` appear,
    /// aligned to days, weeks, months or years, with labels in the matching precision.
    static func timeTicks(from lo: Double, to hi: Double, maxTicks: Int) -> [(day: Double, label: String)] {
        let maxTicks = max(maxTicks, 2)
        let span = max(hi - lo, 0)
        let daySteps: [Int] = [1, 2, 7, 14]
        for step in daySteps where span / Double(step) <= Double(maxTicks - 1) {
            var out: [(Double, String)] = []
            // Weekly ticks start on the first day; daily steps on whole days.
            var d = ceil(lo)
            while d <= hi + 1e-9 {
                out.append((d, format(day: d)))
                d += Double(step)
            }
            return out
        }
        let monthSteps: [Int] = [1, 2, 3, 6]
        for step in monthSteps where span / (30.44 * Double(step)) <= Double(maxTicks - 1) {
            var out: [(Double, String)] = []
            let start = civil(fromDays: lo)
            var year = start.year
            var month = start.month
            if start.day != 1 { month += 1 }
            // Align to multiples of the step (Jan, Apr, Jul, Oct for quarters).
            while (month - 1) % step != 0 { month += 1 }
            while month > 12 { month -= 12; year += 1 }
            var guardCount = 0
            while guardCount < 1000 {
                let d = daysFromCivil(year: year, month: month, day: 1)
                if d > hi + 1e-9 { break }
                out.append((d, String(format: "%04d-%02d", year, month)))
                month += step
                while month > 12 { month -= 12; year += 1 }
                guardCount += 1
            }
            if !out.isEmpty { return out }
        }
        let startYear = civil(fromDays: lo).year
        let endYear = civil(fromDays: hi).year
        let years = max(endYear - startYear, 1)
        var step = 1
        for s in [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] {
            step = s
            if years / s <= maxTicks - 1 { break }
        }
        var out: [(Double, String)] = []
        var y = Int((Double(startYear) / Double(step)).rounded(.up)) * step
        while y <= endYear {
            let d = daysFromCivil(year: y, month: 1, day: 1)
            if d >= lo - 1e-9 { out.append((d, String(y))) }
            y += step
        }
        if out.isEmpty { out.append((lo, format(day: lo))) }
        return out
    }
}

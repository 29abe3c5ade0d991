import Foundation

/// Maps between instants and wall-clock times of one time zone, including DST gaps and overlaps.
/// Instants and wall times are whole seconds (`Int`), wall times as `WallTime.seconds`.
struct ZoneClock: Sendable {
    let timeZone: TimeZone

    /// UTC offset in seconds at `instant`.
    func offset(at instant: Int) -> Int {
        timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant)))
    }

    /// Wall seconds shown by clocks in the zone at `instant`.
    func wall(at instant: Int) -> Int { instant + offset(at: instant) }

    /// The first offset change strictly after `instant`, or nil if the zone has none.
    func nextTransition(after instant: Int) -> Int? {
        let date = Date(timeIntervalSince1970: TimeInterval(instant))
        guard let next = timeZone.nextDaylightSavingTimeTransition(after: date) else { return nil }
        let t = Int(next.timeIntervalSince1970.rounded(.down))
        return t > instant ? t : nil
    }

    /// The earliest instant whose wall time is `wall`; when `wall` falls in a gap (clocks jumped over
    /// it), the first instant after the gap. Used for fixed-time schedules and for parsed local times.
    func earliestInstant(forWall wall: Int) -> Int {
        // Any solution lies within about 14h of `wall`; sample the offsets in force around it.
        let offsets = Set([wall - 100_000, wall, wall + 100_000].map { offset(at: $0) })
        let solutions = offsets.map { wall - $0 }.filter { offset(at: $0) == wall - $0 }
        if let first = solutions.min() { return first }
        // Gap: find the first instant whose wall time is past `wall` (the end of the gap).
        var lo = wall - (offsets.max() ?? 0)
        var hi = wall - (offsets.min() ?? 0)
        guard lo < hi, self.wall(at: hi) > wall else { return hi }
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2
            if self.wall(at: mid) > wall { hi = mid } else { lo = mid }
        }
        return hi
    }
}

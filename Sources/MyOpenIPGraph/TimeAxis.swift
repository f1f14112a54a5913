import Foundation

/// One labelled instant of a time axis.
struct TimeTick: Equatable {
    /// Unix seconds.
    let time: Int64
    let label: String
}

/// The time axis of a traffic graph: ticks on round local times of a time zone (Europe/Paris
/// for the portal, through Foundation's calendar, so a DST change day is right), the step chosen
/// from the window's length so that labels do not overlap: hours for a day ("14:00", midnight
/// as "08/12"), days for a week ("lun. 07/12"), weeks or days for a month ("07/12"), months for a
/// year ("déc. 2026": the year on January, and on the first tick unless a January follows it),
/// years beyond.
struct TimeAxis {
    let ticks: [TimeTick]

    /// The least room between two labels, in pixels.
    static let labelGap = 10.0

    /// The ticks of `from`...`to` (Unix seconds) over `plotWidth` pixels, labels at `fontSize`.
    init(from: Int64, to: Int64, plotWidth: Double, fontSize: Double, timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let span = max(1, to - from)
        // Enough ticks to read the time off the graph, not so many that it looks busy: a day in
        // 2 hours, a week in days, a year in months, on a graph of usual width.
        let maximumTicks = max(13, Int(plotWidth / 80))
        var chosen: [TimeTick] = []
        for step in TimeStep.all {
            // A cheap estimate first, so that only a step that may fit is laid out.
            let estimate = Double(span) / Double(step.nominalSeconds) + 1
            let room = TextMetrics.width(step.typicalLabel, fontSize: fontSize) + Self.labelGap
            guard estimate <= Double(maximumTicks) + 0.5, estimate * room <= plotWidth + room else { continue }
            let ticks = step.ticks(from: from, to: to, calendar: calendar)
            if ticks.count <= maximumTicks + 1,
                Self.fits(ticks, from: from, span: span, plotWidth: plotWidth, fontSize: fontSize)
            {
                chosen = ticks
                break
            }
        }
        ticks = chosen
    }

    /// Whether no two neighbouring labels of `ticks` overlap.
    static func fits(_ ticks: [TimeTick], from: Int64, span: Int64, plotWidth: Double, fontSize: Double) -> Bool {
        var previous: (x: Double, half: Double)?
        for tick in ticks {
            let x = Double(tick.time - from) / Double(span) * plotWidth
            let half = TextMetrics.width(tick.label, fontSize: fontSize) / 2
            if let previous, x - previous.x < previous.half + half + labelGap { return false }
            previous = (x, half)
        }
        return true
    }
}

/// A spacing of time ticks, and how its ticks are labelled.
enum TimeStep {
    /// Every `n` minutes of the local day (1 to 720), labelled "14:00", midnight "08/12".
    case minutes(Int)
    /// Every local midnight, labelled "lun. 07/12" or "07/12".
    case days(weekday: Bool)
    /// Every Monday at midnight, labelled "07/12".
    case weeks
    /// The first of every `n` months (a divisor of 12), labelled "déc.", "janv. 2027" (the year
    /// also on the first tick, unless a January follows it).
    case months(Int)
    /// Every 1st of January of a year that is a multiple of `n`, labelled "2026".
    case years(Int)

    /// Finest first.
    static let all: [TimeStep] =
        [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720].map { .minutes($0) }
        + [.days(weekday: true), .days(weekday: false), .weeks]
        + [1, 2, 3, 6].map { .months($0) } + [1, 2, 5, 10, 20, 50, 100].map { .years($0) }

    /// About how long a step lasts, in seconds.
    var nominalSeconds: Int64 {
        switch self {
        case .minutes(let n): Int64(n) * 60
        case .days: 86_400
        case .weeks: 7 * 86_400
        case .months(let n): Int64(n) * 2_629_746
        case .years(let n): Int64(n) * 31_556_952
        }
    }

    /// A label as wide as most of this step's.
    var typicalLabel: String {
        switch self {
        case .minutes: "00:00"
        case .days(let weekday): weekday ? "lun. 00/00" : "00/00"
        case .weeks: "00/00"
        case .months: "sept."
        case .years: "0000"
        }
    }

    /// The ticks from `from` to `to` (Unix seconds, both included) in `calendar`'s time zone.
    func ticks(from: Int64, to: Int64, calendar: Calendar) -> [TimeTick] {
        let start = Date(timeIntervalSince1970: TimeInterval(from))
        var ticks: [TimeTick] = []
        // Every step below moves forward by at least a minute; this bounds a window that would
        // otherwise be far too long for its step (never chosen, but cheap to rule out).
        let limit = 2_000
        func add(_ date: Date, _ label: (DateComponents) -> String) -> Bool {
            let time = Int64(date.timeIntervalSince1970.rounded())
            guard time <= to, ticks.count < limit else { return false }
            if time >= from {
                let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .weekday], from: date)
                ticks.append(TimeTick(time: time, label: label(parts)))
            }
            return true
        }
        switch self {
        case .minutes(let n):
            let first = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: start)
            var day = calendar.startOfDay(for: start)
            var minute = ((first.hour ?? 0) * 60 + (first.minute ?? 0)) / n * n
            for _ in 0..<(limit * 2) {
                if minute >= 1_440 {
                    guard let next = calendar.date(byAdding: .day, value: 1, to: day) else { break }
                    day = calendar.startOfDay(for: next)
                    minute = 0
                }
                var wanted = calendar.dateComponents([.year, .month, .day], from: day)
                wanted.hour = minute / 60
                wanted.minute = minute % 60
                minute += n
                // A time that does not exist (the hour skipped in spring) gets no tick.
                guard let date = calendar.date(from: wanted),
                    calendar.component(.hour, from: date) == wanted.hour,
                    calendar.component(.minute, from: date) == wanted.minute
                else { continue }
                guard add(date, Self.clockLabel) else { break }
            }
        case .days, .weeks:
            var day = calendar.startOfDay(for: start)
            if day < start, let next = calendar.date(byAdding: .day, value: 1, to: day) {
                day = calendar.startOfDay(for: next)
            }
            var stride = 1
            if case .weeks = self {
                let weekday = calendar.component(.weekday, from: day)
                let toMonday = (2 - weekday + 7) % 7
                if let monday = calendar.date(byAdding: .day, value: toMonday, to: day) {
                    day = calendar.startOfDay(for: monday)
                }
                stride = 7
            }
            let label = self.dayLabel
            for index in 0..<limit {
                guard let date = calendar.date(byAdding: .day, value: index * stride, to: day),
                    add(calendar.startOfDay(for: date), label)
                else { break }
            }
        case .months(let n):
            let first = calendar.dateComponents([.year, .month], from: start)
            var index = (first.year ?? 1970) * 12 + (first.month ?? 1) - 1
            index = (index + n - 1) / n * n
            for _ in 0..<limit {
                guard let date = calendar.date(from: DateComponents(year: index / 12, month: index % 12 + 1, day: 1))
                else { break }
                index += n
                if Int64(date.timeIntervalSince1970.rounded()) < from { continue }
                guard add(date, { Self.monthLabel($0) }) else { break }
            }
            // The year is on every January; the first tick shows it too, unless a January
            // follows right after it and says it.
            if let first = ticks.first, !first.label.contains(" "),
                ticks.count < 2 || !ticks[1].label.hasPrefix(FrenchDateText.month(1))
            {
                let parts = calendar.dateComponents([.year], from: Date(timeIntervalSince1970: TimeInterval(first.time)))
                ticks[0] = TimeTick(time: first.time, label: "\(first.label) \(parts.year ?? 0)")
            }
        case .years(let n):
            var year = calendar.component(.year, from: start)
            year = (year + n - 1) / n * n
            for _ in 0..<limit {
                guard let date = calendar.date(from: DateComponents(year: year, month: 1, day: 1)) else { break }
                year += n
                if Int64(date.timeIntervalSince1970.rounded()) < from { continue }
                guard add(date, { "\($0.year ?? 0)" }) else { break }
            }
        }
        return ticks
    }

    private static func clockLabel(_ parts: DateComponents) -> String {
        let hour = parts.hour ?? 0
        let minute = parts.minute ?? 0
        return hour == 0 && minute == 0
            ? FrenchDateText.dayMonth(day: parts.day ?? 1, month: parts.month ?? 1)
            : FrenchDateText.time(hour: hour, minute: minute)
    }

    private var dayLabel: (DateComponents) -> String {
        let weekday: Bool
        if case .days(let withWeekday) = self { weekday = withWeekday } else { weekday = false }
        return { parts in
            let date = FrenchDateText.dayMonth(day: parts.day ?? 1, month: parts.month ?? 1)
            return weekday ? "\(FrenchDateText.weekday(parts.weekday ?? 0)) \(date)" : date
        }
    }

    private static func monthLabel(_ parts: DateComponents) -> String {
        let month = parts.month ?? 1
        let name = FrenchDateText.month(month)
        return month == 1 ? "\(name) \(parts.year ?? 0)" : name
    }
}

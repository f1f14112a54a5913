import Foundation
import MyOpenIPDomain
import MyOpenIPGraph
import Testing

@Suite("Traffic graph as SVG (Graphe de trafic)")
struct TrafficGraphSVGTests {
    /// 2026-01-15 00:00 in Paris (23:00 UTC the day before): winter time, UTC+1.
    static let winterDay: Int64 = 1_768_431_600
    /// 2026-07-15 00:00 in Paris (22:00 UTC the day before): summer time, UTC+2.
    static let summerDay: Int64 = 1_784_066_400
    /// 2026-12-07 00:00 in Paris, a Monday.
    static let monday: Int64 = 1_796_598_000

    static func constant(_ inRate: Int64, _ outRate: Int64, from: Int64 = winterDay, count: Int = 288) -> TrafficSeries {
        Fixture.series(from: from, count: count) { _ in (inRate, outRate) }
    }

    static func parsed(_ series: TrafficSeries, title: String = "Lien fibre — Paris 11e") throws -> ParsedSVG {
        let svg = TrafficGraphSVG.render(series, title: title)
        return try #require(ParsedSVG.parse(svg), "the SVG is not well-formed XML")
    }

    /// The number of moveto commands in a path's data.
    static func subpaths(_ element: ParsedSVG.Element?) -> Int {
        (element?.attributes["d"] ?? "").filter { $0 == "M" }.count
    }

    @Test func aDayIsAStandaloneSVGDocumentWithBothCurves() throws {
        let series = Self.constant(12_000_000, 3_000_000)
        let svg = TrafficGraphSVG.render(series, title: "Lien", width: 640, height: 300)
        let document = try #require(ParsedSVG.parse(svg))
        let root = try #require(document.elements.first)
        #expect(root.name == "svg")
        #expect(root.attributes["xmlns"] == "http://www.w3.org/2000/svg")
        #expect(root.attributes["version"] == "1.1")
        #expect(root.attributes["width"] == "640")
        #expect(root.attributes["height"] == "300")
        #expect(root.attributes["viewBox"] == "0 0 640 300")
        #expect(root.attributes["font-family"] == "DejaVu Sans, sans-serif")
        let inbound = try #require(document.element(id: "traffic-in"))
        let outbound = try #require(document.element(id: "traffic-out"))
        #expect(inbound.name == "path" && outbound.name == "path")
        #expect(inbound.attributes["data-points"] == "288")
        #expect(outbound.attributes["data-points"] == "288")
        #expect(inbound.attributes["fill"] == "#2e7d32")
        #expect(outbound.attributes["stroke"] == "#1565c0")
        #expect(Self.subpaths(inbound) == 1)
        #expect(Self.subpaths(outbound) == 1)
        #expect(document.texts(inside: "legend") == ["Entrant", "Sortant"])
    }

    @Test func aGapStartsANewSubpathInsteadOfBeingBridged() throws {
        let series = Fixture.series(from: Self.winterDay, count: 10, missing: [5]) { index in
            (Int64(index + 1) * 1_000_000, 500_000)
        }
        let document = try Self.parsed(series)
        #expect(document.element(id: "traffic-in")?.attributes["data-points"] == "9")
        #expect(Self.subpaths(document.element(id: "traffic-in")) == 2)
        #expect(Self.subpaths(document.element(id: "traffic-out")) == 2)
    }

    @Test func aLonePointBetweenGapsIsStillDrawn() throws {
        let series = Fixture.series(from: Self.winterDay, count: 12, missing: [3, 5]) { _ in (2_000_000, 1_000_000) }
        let document = try Self.parsed(series)
        #expect(Self.subpaths(document.element(id: "traffic-in")) == 3)
        let out = document.element(id: "traffic-out")?.attributes["d"] ?? ""
        // The lone bucket (index 4) is a short horizontal segment: a moveto and a lineto.
        let segments = out.split(separator: "M").map(String.init)
        #expect(segments.count == 3)
        #expect(segments[1].filter { $0 == "L" }.count == 1)
    }

    @Test func coordinatesHaveAtMostOneDecimal() throws {
        let document = try #require(ParsedSVG.parse(TrafficGraphSVG.render(Fixture.month(), title: "Mois")))
        let coordinates: Set = ["x", "y", "x1", "y1", "x2", "y2", "width", "height", "d", "viewBox"]
        var checked = 0
        for element in document.elements {
            for (name, value) in element.attributes where coordinates.contains(name) {
                let numbers = value.split { !($0.isNumber || $0 == "." || $0 == "-") }
                for number in numbers {
                    let parts = number.split(separator: ".", omittingEmptySubsequences: false)
                    #expect(parts.count <= 2 && (parts.count == 1 || parts[1].count == 1), "\(name)=\(number)")
                    #expect(Double(number) != nil, "\(name)=\(number)")
                    checked += 1
                }
            }
        }
        #expect(checked > 5_000)
    }

    @Test func theBilled95thPercentileIsADashedRedLineWithItsValue() throws {
        let series = Self.constant(12_500_000, 4_000_000)
        let document = try Self.parsed(series)
        let line = try #require(document.element(id: "percentile-95"))
        #expect(line.attributes["stroke"] == "#c62828")
        #expect(line.attributes["stroke-dasharray"] != nil)
        #expect(line.attributes["y1"] == line.attributes["y2"])
        #expect(document.element(id: "percentile-95-label")?.text == "95e percentile : 12,5 Mbit/s")
    }

    @Test func thePercentileLineSitsAtTheBilledValue() throws {
        // In: 1 to 100 Mbit/s, 95th = 95 Mbit/s; out: always 40 Mbit/s. The billed is the higher.
        let series = Fixture.series(from: Self.winterDay, count: 100) { index in (Int64(index + 1) * 1_000_000, 40_000_000) }
        #expect(series.percentile?.billed == 95_000_000)
        let document = try Self.parsed(series)
        #expect(document.element(id: "percentile-95-label")?.text == "95e percentile : 95,0 Mbit/s")
        // The axis goes 0, 20, … 100 Mbit/s: the line is at 95 % of the plot's height.
        let labels = document.elements.filter { $0.name == "text" && $0.ancestorIDs.contains("rate-axis") }
        let zero = try #require(labels.first.flatMap { Double($0.attributes["y"] ?? "") })
        let top = try #require(labels.last.flatMap { Double($0.attributes["y"] ?? "") })
        let line = try #require(document.element(id: "percentile-95")?.attributes["y1"].flatMap(Double.init))
        #expect(abs((zero - 4 - line) / (zero - top) - 0.95) < 0.01)
    }

    @Test func noPercentileNoLine() throws {
        var series = Self.constant(12_500_000, 4_000_000)
        series.percentile = nil
        let document = try Self.parsed(series)
        #expect(document.element(id: "percentile-95") == nil)
        #expect(document.element(id: "percentile-95-label") == nil)
        #expect(!TrafficGraphSVG.render(series, title: "Lien").contains("percentile"))
    }

    @Test func theTitleIsEscaped() throws {
        let title = "<script>alert(\"x\")</script> & 'Dupont' \u{1}\u{FFFF}"
        let svg = TrafficGraphSVG.render(Self.constant(1_000_000, 1_000_000), title: title)
        #expect(!svg.contains("<script"))
        let document = try #require(ParsedSVG.parse(svg))
        #expect(!document.elements.contains { $0.name == "script" })
        #expect(document.element(id: "title")?.text == "<script>alert(\"x\")</script> & 'Dupont' ")
        #expect(document.elements.first { $0.name == "title" }?.text == "<script>alert(\"x\")</script> & 'Dupont' ")
    }

    @Test func aLongTitleIsCutBeforeTheLegend() throws {
        let title = String(repeating: "Liaison très haut débit ", count: 20)
        let document = try Self.parsed(Self.constant(1_000_000, 1_000_000), title: title)
        let shown = try #require(document.element(id: "title")?.text)
        #expect(shown.hasSuffix("…"))
        #expect(shown.count < 100)
        #expect(title.hasPrefix(shown.dropLast()))
    }

    @Test(
        arguments: [
            (400_000, ["0 kbit/s", "100 kbit/s", "200 kbit/s", "300 kbit/s", "400 kbit/s"]),
            (12_500_000, ["0 Mbit/s", "5 Mbit/s", "10 Mbit/s", "15 Mbit/s"]),
            (2_300_000_000, ["0 Gbit/s", "0,5 Gbit/s", "1,0 Gbit/s", "1,5 Gbit/s", "2,0 Gbit/s", "2,5 Gbit/s"]),
            (950_000, ["0 Mbit/s", "0,2 Mbit/s", "0,4 Mbit/s", "0,6 Mbit/s", "0,8 Mbit/s", "1,0 Mbit/s"]),
            (0, ["0 kbit/s", "0,2 kbit/s", "0,4 kbit/s", "0,6 kbit/s", "0,8 kbit/s", "1,0 kbit/s"]),
        ] as [(Int64, [String])])
    func theRateAxisHasNiceStepsInTheFittingUnit(maximum: Int64, labels: [String]) throws {
        let document = try Self.parsed(Self.constant(maximum, maximum / 4))
        #expect(document.texts(inside: "rate-axis") == labels)
    }

    @Test func theUnitFollowsTheData() throws {
        for (rate, unit) in [(Int64(300_000), "kbit/s"), (40_000_000, "Mbit/s"), (8_000_000_000, "Gbit/s")] {
            let labels = try Self.parsed(Self.constant(rate, rate / 2)).texts(inside: "rate-axis")
            #expect((4...6).contains(labels.count))
            #expect(labels.allSatisfy { $0.hasSuffix(" \(unit)") }, "\(labels)")
        }
    }

    @Test(arguments: [(1_768_431_600, 1_768_482_000), (1_784_066_400, 1_784_116_800)] as [(Int64, Int64)])
    func aDayIsLabelledInParisTime(from: Int64, twoPMInParis: Int64) throws {
        let series = Self.constant(5_000_000, 1_000_000, from: from)
        let labels = try Self.parsed(series).timeLabels
        let twoPM = try #require(labels.first { $0.text == "14:00" })
        // 14:00 in Paris is 13:00 UTC in winter, 12:00 UTC in summer.
        #expect(twoPM.attributes["data-time"] == "\(twoPMInParis)")
        // Midnight, at the window's start, is labelled with its day.
        #expect(labels.first?.text == (from == Self.winterDay ? "15/01" : "15/07"))
        #expect(labels.map(\.text).contains("12:00"))
    }

    @Test func theDayClocksGoForwardHasNo2AM() throws {
        // 29 March 2026 in Paris: 02:00 becomes 03:00, the day lasts 23 hours.
        let from: Int64 = 1_774_738_800
        let series = Fixture.series(from: from, count: 276, to: from + 23 * 3_600) { _ in (1_000_000, 1_000_000) }
        let labels = try Self.parsed(series).timeLabels
        #expect(!labels.contains { $0.text == "02:00" })
        #expect(labels.first { $0.text == "04:00" }?.attributes["data-time"] == "1774749600")
    }

    @Test func aWeekIsLabelledByDay() throws {
        let series = Fixture.series(from: Self.monday, count: 336, tier: .thirtyMinutes) { _ in (1_000_000, 1_000_000) }
        let labels = try Self.parsed(series).timeLabels.map(\.text)
        #expect(labels.prefix(3) == ["lun. 07/12", "mar. 08/12", "mer. 09/12"])
        #expect(labels.contains("dim. 13/12"))
    }

    @Test func aMonthIsLabelledByWeekOrDay() throws {
        let document = try Self.parsed(Fixture.month())
        let labels = document.timeLabels.map(\.text)
        #expect(labels.count >= 4)
        #expect(labels.allSatisfy { $0.count == 5 && $0.contains("/") }, "\(labels)")
        #expect(document.element(id: "traffic-in")?.attributes["data-points"] == "1440")
    }

    @Test func aYearIsLabelledByMonth() throws {
        // From 1 June 2026 in Paris, daily buckets.
        let from: Int64 = 1_780_264_800
        let series = Fixture.series(from: from, count: 365, tier: .oneDay) { _ in (1_000_000, 1_000_000) }
        let labels = try Self.parsed(series).timeLabels.map(\.text)
        #expect(
            labels == [
                "juin 2026", "juil.", "août", "sept.", "oct.", "nov.", "déc.", "janv. 2027", "févr.", "mars", "avr.",
                "mai", "juin",
            ])
    }

    @Test func aYearFromDecemberLetsJanuaryGiveTheYear() throws {
        // From 1 December 2025 in Paris.
        let from: Int64 = 1_764_543_600
        let series = Fixture.series(from: from, count: 365, tier: .oneDay) { _ in (1_000_000, 1_000_000) }
        let labels = try Self.parsed(series).timeLabels.map(\.text)
        #expect(labels.prefix(3) == ["déc.", "janv. 2026", "févr."])
        #expect(labels.count == 13)
    }

    @Test func theFiguresAreTheCurrentTheWeightedAverageAndThePeak() throws {
        let from = Self.winterDay
        let points = [
            TrafficAggregate(
                start: from, samples: 3, inSum: 4_800_000, inMinimum: 100_000, inMaximum: 3_400_000, outSum: 300_000,
                outMinimum: 50_000, outMaximum: 200_000),
            TrafficAggregate(
                start: from + 300, samples: 1, inSum: 2_400_000, inMinimum: 2_400_000, inMaximum: 2_400_000,
                outSum: 500_000, outMinimum: 500_000, outMaximum: 500_000),
        ]
        let series = TrafficSeries(from: from, to: from + 86_400, tier: .fiveMinutes, points: points)
        let document = try Self.parsed(series)
        // The average is over samples: (4.8 + 2.4) ÷ 4 = 1.8, not (1.6 + 2.4) ÷ 2 = 2.
        #expect(
            document.element(id: "figures-in")?.text
                == "Entrant — actuel 2,4 Mbit/s · moyenne 1,8 Mbit/s · pic 3,4 Mbit/s")
        // Each rate in the unit that fits it, as everywhere on the portal (BitRate.text).
        #expect(
            document.element(id: "figures-out")?.text
                == "Sortant — actuel 500 kbit/s · moyenne 200 kbit/s · pic 500 kbit/s")
        #expect(document.element(id: "resolution")?.text == "moyennes sur 5 min")
        // The higher of the two peaks is the series' own.
        #expect(series.peak == 3_400_000)
    }

    @Test(arguments: [
        (TrafficTier.fiveMinutes, "moyennes sur 5 min"), (.thirtyMinutes, "moyennes sur 30 min"),
        (.twoHours, "moyennes sur 2 h"), (.oneDay, "moyennes sur 1 jour"),
    ])
    func theResolutionIsTheTier(tier: TrafficTier, text: String) throws {
        let series = Fixture.series(from: Self.winterDay, count: 20, tier: tier) { _ in (1_000_000, 1_000_000) }
        #expect(try Self.parsed(series).element(id: "resolution")?.text == text)
    }

    @Test func anEmptySeriesStillHasItsAxesAndSaysSo() throws {
        let series = TrafficSeries(from: Self.winterDay, to: Self.winterDay + 86_400, tier: .fiveMinutes, points: [])
        let svg = TrafficGraphSVG.render(series, title: "Lien")
        #expect(svg.contains("Aucune mesure sur cette période"))
        let document = try #require(ParsedSVG.parse(svg))
        #expect(document.element(id: "no-data")?.text == "Aucune mesure sur cette période")
        #expect(document.element(id: "percentile-95") == nil)
        #expect(document.element(id: "traffic-in")?.attributes["data-points"] == "0")
        #expect(!document.texts(inside: "rate-axis").isEmpty)
        #expect(document.timeLabels.map(\.text).contains("14:00"))
        #expect(document.element(id: "figures-in") == nil)
    }

    @Test func aMonthOf1440PointsRendersTheSameTwice() {
        let series = Fixture.month()
        let first = TrafficGraphSVG.render(series, title: "Mois")
        let second = TrafficGraphSVG.render(series, title: "Mois")
        #expect(first == second)
        #expect(first.contains("data-points=\"1440\""))
    }

    @Test(arguments: [(240, 160), (1_600, 600), (0, 0), (100_000, 100_000)])
    func anySizeGivesAWellFormedGraph(width: Int, height: Int) throws {
        let svg = TrafficGraphSVG.render(Fixture.month(), title: "Mois", width: width, height: height)
        let document = try #require(ParsedSVG.parse(svg))
        let root = try #require(document.elements.first)
        let shownWidth = try #require(Int(root.attributes["width"] ?? ""))
        #expect((240...10_000).contains(shownWidth))
        #expect(!document.timeLabels.isEmpty)
    }

    @Test func anAbsurdWindowStillRenders() throws {
        var series = Self.constant(1_000_000, 1_000_000)
        series.from = .max
        series.to = .min
        #expect(ParsedSVG.parse(TrafficGraphSVG.render(series, title: "Lien")) != nil)
    }
}

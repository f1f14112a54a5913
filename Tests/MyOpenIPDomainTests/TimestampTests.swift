import Foundation
import MyOpenIPDomain
import Testing

@Suite("Timestamps (milliseconds since 1970, ISO-8601 text)")
struct TimestampTests {
    /// 2017-02-15T00:00:00Z, the guide's terms date.
    static let february15 = Int64(1_487_116_800_000)

    @Test func theEpochIsFormattedWithMilliseconds() {
        #expect(Timestamp(milliseconds: 0).iso8601 == "1970-01-01T00:00:00.000Z")
        #expect(Timestamp(milliseconds: 0).description == "1970-01-01T00:00:00.000Z")
    }

    @Test func aKnownInstantIsFormattedInUTC() {
        #expect(Timestamp(milliseconds: Self.february15).iso8601 == "2017-02-15T00:00:00.000Z")
        #expect(Timestamp(milliseconds: 1_487_154_030_123).iso8601 == "2017-02-15T10:20:30.123Z")
        #expect(Timestamp(milliseconds: 1_487_154_030_007).iso8601 == "2017-02-15T10:20:30.007Z")
        #expect(Timestamp(milliseconds: 951_782_400_000).iso8601 == "2000-02-29T00:00:00.000Z")
    }

    @Test func instantsBefore1970AreFormattedCorrectly() {
        #expect(Timestamp(milliseconds: -1).iso8601 == "1969-12-31T23:59:59.999Z")
        #expect(Timestamp(milliseconds: -1_000).iso8601 == "1969-12-31T23:59:59.000Z")
        #expect(Timestamp(milliseconds: -1_500).iso8601 == "1969-12-31T23:59:58.500Z")
        #expect(Timestamp(milliseconds: -86_400_000).iso8601 == "1969-12-31T00:00:00.000Z")
    }

    @Test func aDateAloneIsMidnightUTC() throws {
        let parsed = try #require(Timestamp(parsing: "2017-02-15"))
        #expect(parsed.milliseconds == Self.february15)
        #expect(Timestamp(parsing: " 2017-02-15 ")?.milliseconds == Self.february15)
    }

    @Test func aDateAndTimeInUTCIsRead() throws {
        let parsed = try #require(Timestamp(parsing: "2017-02-15T10:20:30Z"))
        #expect(parsed.milliseconds == 1_487_154_030_000)
    }

    @Test func fractionalSecondsAreRead() throws {
        let parsed = try #require(Timestamp(parsing: "2017-02-15T10:20:30.500Z"))
        #expect(parsed.milliseconds == 1_487_154_030_500)
        let quarter = try #require(Timestamp(parsing: "2017-02-15T10:20:30.250Z"))
        #expect(quarter.milliseconds == 1_487_154_030_250)
    }

    @Test func anOffsetIsTakenIntoAccount() throws {
        let parsed = try #require(Timestamp(parsing: "2017-02-15T12:20:30+02:00"))
        #expect(parsed.milliseconds == 1_487_154_030_000)
        let withFraction = try #require(Timestamp(parsing: "2017-02-15T08:20:30.500-02:00"))
        #expect(withFraction.milliseconds == 1_487_154_030_500)
    }

    @Test func formattedTextParsesBack() throws {
        let instant = Timestamp(milliseconds: 1_487_154_030_000)
        #expect(Timestamp(parsing: instant.iso8601) == instant)
    }

    @Test(arguments: [
        "15/02/2017", "", "   ", "garbage", "2017-02", "10:20:30Z",
        // Found by fuzzing: a control character inside the year was read as year 20.
        "20\u{0B}7-02-15", "2017-2-15", "2017-02-5", "17-02-15", "+2017-02-15", "2017-02-15x",
        "2017-02-30", "2017-13-01", "2017-00-10", "2019-02-29", "2017-02-15T", "2017-02-15T25:00:00Z",
        "2017-02-15T10:60:00Z", "2017-02-15T10:20:61Z", "2017-02-15T10:20:30", "2017-02-15T10:20:30.Z",
        "2017-02-15T10:20:30+2:00", "2017-02-15T10:20:30+24:00", "2017-02-15T10:20Z", "２０１７-02-15",
        "9999-12-31T23:00:00-02:00",
    ])
    func anythingElseIsRefused(text: String) {
        #expect(Timestamp(parsing: text) == nil)
    }

    @Test func theLastValidFormsAreRead() throws {
        #expect(Timestamp(parsing: "2016-02-29")?.iso8601 == "2016-02-29T00:00:00.000Z")
        #expect(Timestamp(parsing: "2000-02-29T23:59:59.999999Z")?.iso8601 == "2000-02-29T23:59:59.999Z")
        #expect(Timestamp(parsing: "2017-02-15t10:20:30z")?.milliseconds == 1_487_154_030_000)
        #expect(Timestamp(parsing: "2017-02-15T12:20:30+0200")?.milliseconds == 1_487_154_030_000)
        #expect(Timestamp(parsing: "1969-12-31T23:59:59.5Z")?.milliseconds == -500)
        #expect(Timestamp(parsing: "0001-01-01")?.iso8601 == "0001-01-01T00:00:00.000Z")
    }

    @Test func durationsAreAdded() {
        let start = Timestamp(milliseconds: 1_000)
        #expect(start.adding(.seconds(2)) == Timestamp(milliseconds: 3_000))
        #expect(start.adding(.milliseconds(250)) == Timestamp(milliseconds: 1_250))
        #expect(start.adding(.seconds(3600)) == Timestamp(milliseconds: 3_601_000))
        #expect(start.adding(.zero) == start)
        #expect(start.adding(.seconds(-1)) == Timestamp(milliseconds: 0))
        #expect(start.adding(.milliseconds(-1_500)) == Timestamp(milliseconds: -500))
    }

    @Test func theDurationBetweenTwoInstants() {
        let start = Timestamp(milliseconds: 1_000)
        #expect(start.duration(to: Timestamp(milliseconds: 3_500)) == Duration.milliseconds(2_500))
        #expect(start.duration(to: Timestamp(milliseconds: 0)) == Duration.milliseconds(-1_000))
    }

    @Test func timestampsCompareByInstant() {
        #expect(Timestamp(milliseconds: -1) < Timestamp(milliseconds: 0))
        #expect(Timestamp(milliseconds: 1) > Timestamp(milliseconds: 0))
        #expect(max(Timestamp(milliseconds: 5), Timestamp(milliseconds: 7)) == Timestamp(milliseconds: 7))
    }

    @Test func aDateBecomesWholeMilliseconds() {
        #expect(Timestamp(Date(timeIntervalSince1970: 1_000_000_000)).milliseconds == 1_000_000_000_000)
        #expect(Timestamp(Date(timeIntervalSince1970: 1_000_000_000.25)).milliseconds == 1_000_000_000_250)
        #expect(Timestamp(milliseconds: 1_000_000_000_250).date == Date(timeIntervalSince1970: 1_000_000_000.25))
    }

    /// `Timestamp(Date)` floors a `Double` product: a millisecond that `Date` holds as x.999999…
    /// must still come back as itself. These values lose a millisecond when floored.
    @Test(arguments: [Int64(355_376_914_744), 1_097_470_134_439, -1])
    func aTimestampSurvivesARoundTripThroughDate(milliseconds: Int64) {
        let instant = Timestamp(milliseconds: milliseconds)
        #expect(Timestamp(instant.date) == instant)
    }
}

@Suite("Adjustable time source")
struct AdjustableTimeSourceTests {
    @Test func itStandsStillUntilMoved() {
        let start = Date(timeIntervalSince1970: 1_000_000_000)
        let clock = AdjustableTimeSource(start)
        #expect(clock.now() == start)
        #expect(clock.now() == start)
        #expect(clock.timestamp() == Timestamp(milliseconds: 1_000_000_000_000))
    }

    @Test func advanceMovesItForward() {
        let clock = AdjustableTimeSource(Date(timeIntervalSince1970: 1_000_000_000))
        clock.advance(by: .seconds(90))
        #expect(clock.now() == Date(timeIntervalSince1970: 1_000_000_090))
        clock.advance(by: .milliseconds(1_500))
        #expect(clock.now() == Date(timeIntervalSince1970: 1_000_000_091.5))
        #expect(clock.timestamp() == Timestamp(milliseconds: 1_000_000_091_500))
        clock.advance(by: .seconds(3600))
        #expect(clock.timestamp() == Timestamp(milliseconds: 1_000_003_691_500))
    }
}

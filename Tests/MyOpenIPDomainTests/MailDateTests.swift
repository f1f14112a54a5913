import Foundation
import MyOpenIPDomain
import Testing

@Suite("Mail dates (RFC 5322, UTC, English names)")
struct MailDateTests {
    @Test func theEpoch() {
        #expect(Timestamp(milliseconds: 0).rfc5322 == "Thu, 01 Jan 1970 00:00:00 +0000")
    }

    @Test func knownInstants() {
        // 2026-12-02T12:34:56Z.
        #expect(Timestamp(milliseconds: 1_796_214_896_000).rfc5322 == "Wed, 02 Dec 2026 12:34:56 +0000")
        // 2017-02-15T10:20:30Z.
        #expect(Timestamp(milliseconds: 1_487_154_030_000).rfc5322 == "Wed, 15 Feb 2017 10:20:30 +0000")
    }

    @Test func leapDays() {
        #expect(Timestamp(milliseconds: 1_709_210_096_000).rfc5322 == "Thu, 29 Feb 2024 12:34:56 +0000")
        #expect(Timestamp(milliseconds: 951_782_400_000).rfc5322 == "Tue, 29 Feb 2000 00:00:00 +0000")
        #expect(Timestamp(milliseconds: 951_868_800_000).rfc5322 == "Wed, 01 Mar 2000 00:00:00 +0000")
    }

    @Test func millisecondsAreDropped() {
        #expect(Timestamp(milliseconds: 1_796_214_896_999).rfc5322 == "Wed, 02 Dec 2026 12:34:56 +0000")
        #expect(Timestamp(milliseconds: -1).rfc5322 == "Wed, 31 Dec 1969 23:59:59 +0000")
    }

    @Test func theWireLimits() {
        #expect(Timestamp.earliest.rfc5322 == "Mon, 01 Jan 0001 00:00:00 +0000")
        #expect(Timestamp.latest.rfc5322 == "Fri, 31 Dec 9999 23:59:59 +0000")
    }

    @Test func agreesWithAPOSIXFormatterInUTC() {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        // From 1900 to about 2100, every 3 days, 7 hours, 11 minutes and 13 seconds.
        var seconds = Int64(-2_208_988_800)
        while seconds < 4_102_444_800 {
            let timestamp = Timestamp(milliseconds: seconds * 1000 + 123)
            #expect(timestamp.rfc5322 == formatter.string(from: timestamp.date))
            seconds += 3 * 86_400 + 7 * 3600 + 11 * 60 + 13
        }
    }
}

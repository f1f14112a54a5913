import Foundation
import MyOpenIPClient
import SwiftProtobuf

extension Google_Protobuf_Timestamp {
    /// The portal's time zone: the CLI shows times as the portal does.
    static let displayTimeZone = TimeZone(identifier: "Europe/Paris")

    /// The instant in Europe/Paris to the minute, as the guide writes dates: `21/03/2017 14:03`
    /// (UTC, marked so, where the system has no time zone database).
    var shown: String {
        let date = Date(timeIntervalSince1970: TimeInterval(seconds) + TimeInterval(nanos) / 1e9)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Self.displayTimeZone ?? TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let text = String(
            format: "%02d/%02d/%04d %02d:%02d", parts.day ?? 0, parts.month ?? 0, parts.year ?? 0, parts.hour ?? 0,
            parts.minute ?? 0)
        return Self.displayTimeZone == nil ? text + " UTC" : text
    }

    /// The day in Europe/Paris, as the guide writes delivery dates: `12/11/2012`.
    var shownDate: String { String(shown.prefix(10)) }
}

import MyOpenIPDomain
import SwiftProtobuf

extension Google_Protobuf_Timestamp {
    /// The instant as ISO-8601 in UTC with milliseconds (`2017-02-15T00:00:00.000Z`), the form
    /// the CLI prints; the raw seconds when it is outside the years 1–9999.
    public var iso8601: String {
        Timestamp(seconds: seconds, nanos: nanos)?.iso8601 ?? "\(seconds)s"
    }

    /// The wire form of an instant.
    public init(_ timestamp: Timestamp) {
        self.init(seconds: timestamp.seconds, nanos: timestamp.nanos)
    }
}

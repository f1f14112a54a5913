import MyOpenIPDomain
import MyOpenIPProto
import MyOpenIPRPC
import SwiftProtobuf

extension Google_Protobuf_Timestamp {
    /// The wire form of an instant (docs/protocol.md: instants are `google.protobuf.Timestamp`).
    init(_ timestamp: Timestamp) {
        self.init(seconds: timestamp.seconds, nanos: timestamp.nanos)
    }
}

extension Timestamp {
    /// The instant a request gives, or INVALID_ARGUMENT naming `field` when it is not one a
    /// `google.protobuf.Timestamp` may hold (nanoseconds out of range, a year past 9999).
    init(_ proto: Google_Protobuf_Timestamp, field: String) throws(RPCError) {
        guard let timestamp = Timestamp(seconds: proto.seconds, nanos: proto.nanos) else {
            throw RPCError(
                .invalidArgument, "\(field) is not a valid instant (years 1 to 9999, nanos below 1e9)",
                reason: "TIMESTAMP_INVALID", field: field)
        }
        self = timestamp
    }
}

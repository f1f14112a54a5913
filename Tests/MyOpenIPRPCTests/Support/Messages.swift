import Foundation
import MyOpenIPProto
import SwiftProtobuf

extension SwiftProtobuf.Message {
    /// The serialized form of this message.
    func encoded() throws -> Data {
        try serializedBytes()
    }
}

/// A health check request naming `service`.
func healthRequest(_ service: String) -> Grpc_Health_V1_HealthCheckRequest {
    var request = Grpc_Health_V1_HealthCheckRequest()
    request.service = service
    return request
}

/// A health check response with `status`.
func healthResponse(_ status: Grpc_Health_V1_HealthCheckResponse.ServingStatus) -> Grpc_Health_V1_HealthCheckResponse {
    var response = Grpc_Health_V1_HealthCheckResponse()
    response.status = status
    return response
}

/// Bytes that no message decodes: a length-delimited field 1 announcing 5 bytes and carrying 1.
let truncatedMessageBytes = Data([0x0A, 0x05, 0x61])

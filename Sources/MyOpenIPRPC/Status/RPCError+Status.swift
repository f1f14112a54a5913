import Foundation
import MyOpenIPProto
import SwiftProtobuf

extension RPCError {
    /// The `ErrorInfo.domain` of the errors MyOpenIP raises.
    public static let errorDomain = "myopenip"

    /// The wire form of this error.
    public var status: Google_Rpc_Status {
        var status = Google_Rpc_Status()
        status.code = code.rawValue
        status.message = message
        if reason != nil || field != nil || !metadata.isEmpty {
            var info = Google_Rpc_ErrorInfo()
            info.reason = reason ?? ""
            info.domain = Self.errorDomain
            info.metadata = metadata
            if let field { info.metadata["field"] = field }
            if let any = try? Google_Protobuf_Any(message: info) {
                status.details = [any]
            }
        }
        return status
    }

    /// Reads an error from a non-OK status received on the wire.
    public init(status: Google_Rpc_Status) {
        var reason: String?
        var field: String?
        var metadata: [String: String] = [:]
        for detail in status.details where detail.isA(Google_Rpc_ErrorInfo.self) {
            guard let info = try? Google_Rpc_ErrorInfo(unpackingAny: detail) else { continue }
            reason = info.reason.isEmpty ? nil : info.reason
            metadata = info.metadata
            field = metadata.removeValue(forKey: "field")
            break
        }
        self.init(StatusCode(rawValue: status.code), status.message, reason: reason, field: field, metadata: metadata)
    }
}

import MyOpenIPProto
import MyOpenIPRPC

/// The typed facade of `myopenip.v1.TermsService`.
public struct TermsClient: Sendable {
    static func method(_ name: String) -> MethodDescriptor {
        MethodDescriptor(service: "myopenip.v1.TermsService", method: name)
    }

    let client: MyOpenIPClient

    /// Operator staff: publishes a version in force from `effectiveAt` (ISO-8601 date or time; empty: now).
    public func publish(
        title: String, text: String, effectiveAt: String = "", options: CallOptions = .default
    ) async throws -> Myopenip_V1_TermsVersion {
        var request = Myopenip_V1_PublishTermsRequest()
        request.title = title
        request.text = text
        request.effectiveAt = effectiveAt
        return try await client.unary(Self.method("PublishTerms"), request: request, options: options)
    }

    /// Operator staff: every version, newest first.
    public func list(options: CallOptions = .default) async throws -> [Myopenip_V1_TermsVersion] {
        let response: Myopenip_V1_ListTermsResponse = try await client.unary(
            Self.method("ListTerms"), request: Myopenip_V1_ListTermsRequest(), options: options)
        return response.versions
    }

    /// The version in force (`version` 0) or one version.
    public func get(version: Int64 = 0, options: CallOptions = .default) async throws -> Myopenip_V1_TermsVersion {
        var request = Myopenip_V1_GetTermsRequest()
        request.version = version
        return try await client.unary(Self.method("GetTerms"), request: request, options: options)
    }

    /// Accepts `version`, which must be the one in force; returns when it was accepted.
    @discardableResult
    public func accept(version: Int64, options: CallOptions = .default) async throws -> Myopenip_V1_AcceptTermsResponse {
        var request = Myopenip_V1_AcceptTermsRequest()
        request.version = version
        return try await client.unary(Self.method("AcceptTerms"), request: request, options: options)
    }
}

extension MyOpenIPClient {
    /// `myopenip.v1.TermsService`.
    public var terms: TermsClient { TermsClient(client: self) }
}

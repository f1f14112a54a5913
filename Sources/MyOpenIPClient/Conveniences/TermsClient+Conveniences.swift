import Foundation
import MyOpenIPDomain
import MyOpenIPProto
import MyOpenIPRPC
import SwiftProtobuf

/// Conveniences over the generated client of `myopenip.v1.TermsService`.
extension TermsClient {
    /// Operator staff: publishes a version in force from `effectiveAt` (ISO-8601 date, midnight
    /// UTC, or date and time; empty: now). Text that is neither is refused here, as the daemon
    /// would: INVALID_ARGUMENT `TERMS_EFFECTIVE_DATE_INVALID`.
    public func publish(
        title: String, text: String, effectiveAt: String = "", options: CallOptions = .default
    ) async throws -> Myopenip_V1_TermsVersion {
        var request = Myopenip_V1_PublishTermsRequest()
        request.title = title
        request.text = text
        if !effectiveAt.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let instant = Timestamp(parsing: effectiveAt) else {
                let invalid = TermsDraft.effectiveDateInvalid
                throw RPCError(.invalidArgument, invalid.message, reason: invalid.reason, field: invalid.field)
            }
            request.effectiveAt = Google_Protobuf_Timestamp(instant)
        }
        return try await publishTerms(request, options: options)
    }

    /// Operator staff: withdraws a version not yet in force, so that it never comes into force.
    public func withdraw(version: Int64, options: CallOptions = .default) async throws -> Myopenip_V1_TermsVersion {
        var request = Myopenip_V1_WithdrawTermsRequest()
        request.version = version
        return try await withdrawTerms(request, options: options)
    }

    /// Operator staff: every version, newest first.
    public func list(options: CallOptions = .default) async throws -> [Myopenip_V1_TermsVersion] {
        let response = try await listTerms(Myopenip_V1_ListTermsRequest(), options: options)
        return response.versions
    }

    /// The version in force (`version` 0) or one version.
    public func get(version: Int64 = 0, options: CallOptions = .default) async throws -> Myopenip_V1_TermsVersion {
        var request = Myopenip_V1_GetTermsRequest()
        request.version = version
        return try await getTerms(request, options: options)
    }

    /// Accepts `version`, which must be the one in force; returns when it was accepted.
    @discardableResult
    public func accept(version: Int64, options: CallOptions = .default) async throws -> Myopenip_V1_AcceptTermsResponse {
        var request = Myopenip_V1_AcceptTermsRequest()
        request.version = version
        return try await acceptTerms(request, options: options)
    }
}

extension MyOpenIPClient {
    /// `myopenip.v1.TermsService`.
    public var terms: TermsClient { TermsClient(client: self) }
}

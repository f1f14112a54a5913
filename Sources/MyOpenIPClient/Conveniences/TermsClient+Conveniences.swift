import Foundation
import MyOpenIPDomain
import MyOpenIPProto
import MyOpenIPRPC
import SwiftProtobuf

/// Conveniences over the generated client of `myopenip.v1.TermsService`.
extension TermsClient {
    /// Operator staff: publishes a version of `document` in force from `effectiveAt` (ISO-8601
    /// date, midnight UTC, or date and time; empty: now). Text that is neither is refused here, as
    /// the daemon would: INVALID_ARGUMENT `TERMS_EFFECTIVE_DATE_INVALID`.
    public func publish(
        title: String, text: String, effectiveAt: String = "", document: Myopenip_V1_TermsDocument = .termsOfUse,
        options: CallOptions = .default
    ) async throws -> Myopenip_V1_TermsVersion {
        var request = Myopenip_V1_PublishTermsRequest()
        request.document = document
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

    /// Operator staff: withdraws a version not yet in force, of either document (version numbers
    /// are shared), so that it never comes into force.
    public func withdraw(version: Int64, options: CallOptions = .default) async throws -> Myopenip_V1_TermsVersion {
        var request = Myopenip_V1_WithdrawTermsRequest()
        request.version = version
        return try await withdrawTerms(request, options: options)
    }

    /// Operator staff: every version of `document`, newest first.
    public func list(
        document: Myopenip_V1_TermsDocument = .termsOfUse, options: CallOptions = .default
    ) async throws -> [Myopenip_V1_TermsVersion] {
        var request = Myopenip_V1_ListTermsRequest()
        request.document = document
        let response = try await listTerms(request, options: options)
        return response.versions
    }

    /// The version of `document` in force (`version` 0) or one version, of whichever document it is.
    public func get(
        version: Int64 = 0, document: Myopenip_V1_TermsDocument = .termsOfUse, options: CallOptions = .default
    ) async throws -> Myopenip_V1_TermsVersion {
        var request = Myopenip_V1_GetTermsRequest()
        request.version = version
        request.document = document
        return try await getTerms(request, options: options)
    }

    /// Accepts `version` of the terms of use, which must be the one in force; returns when it was
    /// accepted. (The sales conditions are accepted by placing an order.)
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

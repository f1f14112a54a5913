import Foundation
import MyOpenIPDomain
import MyOpenIPProto
import MyOpenIPRPC
import MyOpenIPStore
import SwiftProtobuf
import Synchronization

/// The client's part of an order's life: cancelling, watching, terminating.
extension OrderService {
    public static let maximumReasonLength = 1_000

    public func cancelOrder(_ request: Myopenip_V1_CancelOrderRequest, context: ServerContext) async throws
        -> Myopenip_V1_Order
    {
        let reference = try Self.orderReference(request.reference)
        let offers = try request.offerReferences.enumerated().map { index, text in
            guard let offer = BusinessReference(text, kind: .contractedOffer) else {
                throw OrderingViolation.offerNotInOrder.on("offer_references[\(index)]")
            }
            return offer.description
        }
        let reason = try Self.reason(request.reason)
        return try await context.answering(Myopenip_V1_Order.init) {
            try await ordering.cancel(
                reference, offers: offers, reason: reason, in: context.principal.companyScope, context: context.audit,
                at: time.timestamp())
        }
    }

    public func watchOrders(
        _ request: Myopenip_V1_WatchOrdersRequest, stream: ResponseStream<Myopenip_V1_OrderChange>, context: ServerContext
    ) async throws {
        let scope = context.principal.companyScope
        let changes: AsyncThrowingStream<OrderChange, any Error>
        var current: OrderRecord?
        if !request.orderReference.isEmpty {
            let order = try Self.orderReference(request.orderReference, field: "order_reference")
            // Watch first, then read: no change falls between the state sent and the changes.
            changes = self.changes.watch { $0.orderReference == order && $0.isVisible(in: scope) }
            guard let record = try await ordering.order(reference: order, in: scope) else {
                throw OrderingViolation.unknownOrder.on("order_reference")
            }
            current = record
        } else if !request.companyReference.isEmpty {
            let company = try CompanyReference(request.companyReference)
            // Another tenant's company is NOT_FOUND.
            try await ordering.checkVisible(company, in: scope)
            let text = company.description
            changes = self.changes.watch { $0.companyReference == text && $0.isVisible(in: scope) }
        } else {
            changes = self.changes.watch { $0.isVisible(in: scope) }
        }
        if let current {
            var first = Myopenip_V1_OrderChange()
            first.orderReference = current.reference
            first.companyReference = current.companyReference
            first.orderState = current.state.proto
            first.orderStateLabel = current.state.label
            first.pilot = current.pilot ?? ""
            first.pointOfNoReturn = current.pointOfNoReturnAt != nil
            first.at = Google_Protobuf_Timestamp(time.timestamp())
            first.current = true
            try await stream.send(first)
        }
        let servingState = self.servingState
        let stillAllowed = self.stillAllowed(context)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                do {
                    for try await change in changes {
                        try await stillAllowed()
                        try await stream.send(Myopenip_V1_OrderChange(change))
                    }
                } catch is OrderChangeFeed.Overflow {
                    throw RPCError(
                        .resourceExhausted, "the watcher fell too far behind the changes and was dropped",
                        reason: "WATCH_TOO_SLOW")
                }
            }
            // The daemon's shutdown ends the watch with OK.
            group.addTask { await servingState.waitUntilDraining() }
            try await group.next()
            group.cancelAll()
        }
    }

    public func dryRunTermination(_ request: Myopenip_V1_DryRunTerminationRequest, context: ServerContext) async throws
        -> Myopenip_V1_TerminationTerms
    {
        let reference = try Self.offerReference(request.reference)
        let today = CivilDate(time.timestamp())
        let desired = try Self.desiredDate(request.desiredDate, today: today)
        let quote = try await ordering.terminationQuote(
            offer: reference, requestDate: today, desiredDate: desired, in: context.principal.companyScope)
        return Myopenip_V1_TerminationTerms(quote, digest: TerminationDigest.of(quote))
    }

    public func terminateContractedOffer(
        _ request: Myopenip_V1_TerminateContractedOfferRequest, context: ServerContext
    ) async throws -> Myopenip_V1_TerminationTerms {
        let reference = try Self.offerReference(request.reference)
        let now = time.timestamp()
        let today = CivilDate(now)
        let desired = try Self.desiredDate(request.desiredDate, today: today)
        guard !request.termsDigest.isEmpty else { throw OrderingViolation.termsDigestMissing }
        let digest = request.termsDigest.lowercased()
        let reason = try Self.reason(request.reason)
        let respond: @Sendable (TerminationRecord) -> Myopenip_V1_TerminationTerms = { record in
            Myopenip_V1_TerminationTerms(record.quote, digest: TerminationDigest.of(record.quote), record: record)
        }
        let terms = try await context.answering(respond) {
            try await ordering.terminate(
                offer: reference, requestDate: today, desiredDate: desired, reason: reason,
                in: context.principal.companyScope, context: context.audit, at: now
            ) { quote in
                guard TerminationDigest.of(quote) == digest else { throw OrderingViolation.termsChanged }
            }
        }
        context.logger.info(
            "contracted offer termination confirmed", metadata: ["offer": "\(reference)", "effective": "\(terms.effectiveDate)"])
        return terms
    }

    /// Checks, before a watch sends a change, that its session still holds orders.manage over
    /// the same companies.
    func stillAllowed(_ context: ServerContext) -> @Sendable () async throws -> Void {
        WatchAuthorization(sessions: sessions, authentication: authentication)
            .check(context, holds: .ordersManage, name: "orders.manage")
    }

    // MARK: - Requests

    static func orderReference(_ text: String, field: String = "reference") throws -> String {
        guard let reference = BusinessReference(text, kind: .order) else { throw OrderingViolation.unknownOrder.on(field) }
        return reference.description
    }

    static func offerReference(_ text: String) throws -> String {
        guard let reference = BusinessReference(text, kind: .contractedOffer) else {
            throw OrderingViolation.unknownContractedOffer
        }
        return reference.description
    }

    /// A desired date: YYYY-MM-DD, today when empty.
    static func desiredDate(_ text: String, today: CivilDate) throws -> CivilDate {
        guard !text.isEmpty else { return today }
        guard let date = CivilDate(text) else { throw OrderingViolation.desiredDateInvalid }
        return date
    }

    /// A reason: trimmed, 1,000 characters at most.
    static func reason(_ text: String) throws -> String {
        let reason = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard reason.count <= maximumReasonLength else {
            throw RPCError(
                .invalidArgument, "Le motif : \(maximumReasonLength) caractères au plus", reason: "REASON_TOO_LONG",
                field: "reason")
        }
        return reason
    }
}

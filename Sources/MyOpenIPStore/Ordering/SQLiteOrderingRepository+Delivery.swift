import GRDB
import MyOpenIPDomain

extension SQLiteOrderingRepository: OrderLifecycleRepository {
    public func assignPilot(
        order: String, login: String?, in scope: CompanyScope, context: AuditContext, at now: Timestamp
    ) async throws -> OrderRecord {
        try await lifecycle(order, in: scope, context: context, at: now) { write in
            var pilot: String?
            if let login {
                guard
                    let name = try String.fetchOne(
                        write.db,
                        sql: "SELECT display_name FROM account WHERE login = ? AND kind = 'operator_staff' AND state = 'active'",
                        arguments: [login])
                else { throw OrderingViolation.unknownPilot }
                pilot = name
            }
            try write.setPilot(pilot)
            return try write.finish(
                action: .orderPilotAssigned, reason: pilot.map { "Pilote : \($0)" } ?? "Pilote : Aucun", settle: false,
                mail: false)
        }
    }

    public func advanceOrder(
        _ order: String, to target: OrderState, reason: String, in scope: CompanyScope, context: AuditContext,
        at now: Timestamp
    ) async throws -> OrderRecord {
        try await lifecycle(order, in: scope, context: context, at: now) { write in
            try OrderLifecycle.check(from: write.head.state, to: target)
            let from = write.head.state
            try write.setOrderState(target)
            switch target {
            case .inProgress where from == .acknowledged:
                for offer in try write.offers() where offer.state == .created {
                    try write.move(offer, to: .pendingActive, reason: Self.reason(reason, or: "Livraison engagée"))
                }
            case .rejected:
                for offer in try write.offers() where OfferLifecycle.isUndelivered(offer.state) {
                    try write.move(
                        offer, to: .cancelled, cancellation: .rejected, reason: Self.reason(reason, or: "Commande rejetée"))
                }
            default: break
            }
            return try write.finish(action: .orderAdvanced, reason: reason, settle: target == .rejected)
        }
    }

    public func markPointOfNoReturn(
        _ order: String, reason: String, in scope: CompanyScope, context: AuditContext, at now: Timestamp
    ) async throws -> OrderRecord {
        try await lifecycle(order, in: scope, context: context, at: now) { write in
            guard write.head.pointOfNoReturnAt == nil else { throw OrderingViolation.alreadyPastPointOfNoReturn }
            guard !OrderLifecycle.isFinal(write.head.state) else {
                throw OrderingViolation.illegalOrderTransition(from: write.head.state, to: write.head.state)
            }
            try write.markPointOfNoReturn()
            return try write.finish(
                action: .orderPointOfNoReturn, reason: Self.reason(reason, or: "Point de non-retour atteint"),
                settle: false, mail: false)
        }
    }

    public func advanceOffer(_ step: OfferStep, in scope: CompanyScope, context: AuditContext, at now: Timestamp)
        async throws -> OrderRecord
    {
        let visible = scope.companyCondition
        return try await writes.write(
            { db in
                guard
                    let order = try String.fetchOne(
                        db.cachedStatement(
                            sql: """
                                SELECT customer_order.reference FROM contracted_offer
                                JOIN customer_order ON customer_order.id = contracted_offer.order_id
                                JOIN company ON company.id = contracted_offer.company_id
                                WHERE contracted_offer.reference = ? AND \(visible.condition)
                                """),
                        arguments: [step.reference] + visible.arguments)
                else { throw OrderingViolation.unknownContractedOffer }
                var write = try LifecycleWrite(
                    order: order, in: scope, db: db, context: context, now: now, messageIDDomain: messageIDDomain)
                guard let offer = try write.offers().first(where: { $0.reference == step.reference }) else {
                    throw OrderingViolation.unknownContractedOffer
                }
                try OfferLifecycle.check(from: offer.state, to: step.target)
                switch step.target {
                case .active where offer.state == .pendingActive:
                    guard write.head.state == .inProgress else { throw OrderingViolation.notInDelivery(write.head.state) }
                    let today = CivilDate(now)
                    let day = step.deliveredOn ?? today
                    guard day <= today else { throw OrderingViolation.deliveryDateInFuture }
                    guard day >= CivilDate(write.head.placedAt) else { throw OrderingViolation.deliveryDateBeforeOrder }
                    try write.move(
                        offer, to: .active, deliveredAt: day.start().milliseconds,
                        reason: Self.reason(step.reason, or: "Livrée le \(day.french)"))
                case .pendingActive:
                    guard write.head.state == .inProgress else { throw OrderingViolation.notInDelivery(write.head.state) }
                    try write.move(offer, to: .pendingActive, reason: Self.reason(step.reason, or: "Livraison engagée"))
                case .cancelled:
                    try write.move(
                        offer, to: .cancelled, cancellation: .deliveryFailed,
                        reason: Self.reason(step.reason, or: "Livraison en échec"))
                case .terminated:
                    try Self.checkEffective(offer.id, at: now, db: db)
                    try write.move(offer, to: .terminated, reason: Self.reason(step.reason, or: "Résiliée"))
                default:
                    try write.move(offer, to: step.target, reason: step.reason)
                }
                let changes = try write.finish(action: .offerAdvanced, reason: step.reason)
                return (try Self.reloaded(write.head.id, db: db), changes)
            }, committed: { [feed] in feed.publish($0) }
        )
    }

    public func cancel(
        _ order: String, offers references: [String], reason: String, in scope: CompanyScope, context: AuditContext,
        at now: Timestamp
    ) async throws -> OrderRecord {
        try await lifecycle(order, in: scope, context: context, at: now) { write in
            try OrderLifecycle.checkCancellable(write.head.state, pointOfNoReturn: write.head.pointOfNoReturnAt != nil)
            let offers = try write.offers()
            // The whole order: what is not delivered nor cancelled yet.
            var chosen = offers.filter { OfferLifecycle.isUndelivered($0.state) }
            if !references.isEmpty {
                let wanted = Set(references)
                chosen = offers.filter { wanted.contains($0.reference) }
                guard chosen.count == wanted.count else { throw OrderingViolation.offerNotInOrder }
            }
            guard !chosen.isEmpty else { throw OrderingViolation.notCancellable(write.head.state) }
            for offer in chosen {
                guard OfferLifecycle.isUndelivered(offer.state) else {
                    throw OrderingViolation.illegalOfferTransition(from: offer.state, to: .cancelled).on("offer_references")
                }
                try write.move(
                    offer, to: .cancelled, cancellation: .client, reason: Self.reason(reason, or: "Annulée par le client"))
            }
            return try write.finish(action: .orderCancelled, reason: reason)
        }
    }

    public func checkVisible(_ company: CompanyReference, in scope: CompanyScope) async throws {
        _ = try await reads.read { db in try scope.companyID(of: company, in: db) }
    }

    // MARK: - Inside a transaction

    /// Runs one lifecycle change of the order `reference`, returns the order as it then is, and
    /// publishes its changes once durable.
    func lifecycle(
        _ reference: String, in scope: CompanyScope, context: AuditContext, at now: Timestamp,
        _ body: @escaping @Sendable (inout LifecycleWrite) throws -> [OrderChange]
    ) async throws -> OrderRecord {
        try await writes.write(
            { db in
                var write = try LifecycleWrite(
                    order: reference, in: scope, db: db, context: context, now: now, messageIDDomain: messageIDDomain)
                let changes = try body(&write)
                return (try Self.reloaded(write.head.id, db: db), changes)
            }, committed: { [feed] in feed.publish($0) }
        )
    }

    static func reloaded(_ orderID: Int64, db: Database) throws -> OrderRecord {
        guard let order = try OrderLoader.order(id: orderID, in: .everything, db: db) else {
            throw OrderingViolation.unknownOrder
        }
        return order
    }

    static func reason(_ reason: String, or fallback: String) -> String {
        reason.isEmpty ? fallback : reason
    }
}

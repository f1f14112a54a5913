import GRDB
import MyOpenIPDomain

extension SQLiteNetworkRepository {
    public func updateLink(
        reference: String, context: AuditContext, at now: Timestamp,
        change: @escaping @Sendable (inout LinkParameters) throws -> Void
    ) async throws -> TechnicalServiceRecord {
        try await writes.write { db in
            let service = try Self.writable(reference: reference, db: db)
            guard var parameters = service.link else { throw NetworkViolation.notALink }
            try change(&parameters)
            try db.cachedStatement(
                sql: """
                    UPDATE technical_service SET access_type = ?, downstream_kbps = ?, upstream_kbps = ?,
                        interface_id = ?, addresses = ?, parameters_updated_at = ?
                    WHERE contracted_offer_id = ?
                    """
            ).execute(arguments: [
                parameters.accessType?.rawValue, parameters.downstreamKbps, parameters.upstreamKbps,
                parameters.interfaceID, parameters.addresses.map(\.description).joined(separator: " "),
                now.milliseconds, service.id,
            ])
            try Self.audit(service, details: LinkParametersAudit.details(parameters), context: context, at: now, db: db)
            return try TechnicalServiceLoader.service(id: service.id, db: db)
        }
    }

    public func updateVoiceTrunk(
        reference: String, context: AuditContext, at now: Timestamp,
        change: @escaping @Sendable (inout VoiceTrunkParameters) throws -> Void
    ) async throws -> TechnicalServiceRecord {
        try await writes.write { db in
            let service = try Self.writable(reference: reference, db: db)
            guard var parameters = service.voiceTrunk else { throw NetworkViolation.notAVoiceTrunk }
            try change(&parameters)
            try db.cachedStatement(
                sql: """
                    UPDATE technical_service SET trunk_id = ?, channels = ?, numbers = ?, parameters_updated_at = ?
                    WHERE contracted_offer_id = ?
                    """
            ).execute(arguments: [
                parameters.trunkID, parameters.channels, parameters.numbers.joined(separator: " "), now.milliseconds,
                service.id,
            ])
            var details = ["channels": parameters.channels.map(String.init) ?? ""]
            details["trunk_id"] = parameters.trunkID ?? ""
            details["numbers"] = String(parameters.numbers.count)
            try Self.audit(service, details: details, context: context, at: now, db: db)
            return try TechnicalServiceLoader.service(id: service.id, db: db)
        }
    }

    /// The service of `reference`, which staff may set while its offer is not cancelled or
    /// terminated (a link is provisioned before its delivery).
    static func writable(reference: String, db: Database) throws -> TechnicalServiceRecord {
        guard let service = try TechnicalServiceLoader.service(reference: reference, db: db) else {
            throw NetworkViolation.unknownService
        }
        guard service.offerState == .created || TechnicalServiceRecord.inService.contains(service.offerState) else {
            throw NetworkViolation.notInService
        }
        return service
    }

    static func audit(
        _ service: TechnicalServiceRecord, details: [String: String], context: AuditContext, at now: Timestamp,
        db: Database
    ) throws {
        var details = details
        details["reference"] = service.reference
        try AuditTrail.append(
            .technicalServiceUpdated, accountID: nil, companyID: service.companyID, details: details, context: context,
            at: now, in: db)
    }
}

/// What the audit trail keeps of a link's parameters.
enum LinkParametersAudit {
    static func details(_ parameters: LinkParameters) -> [String: String] {
        [
            "access_type": parameters.accessType?.rawValue ?? "",
            "downstream_kbps": parameters.downstreamKbps.map(String.init) ?? "",
            "upstream_kbps": parameters.upstreamKbps.map(String.init) ?? "",
            "interface_id": parameters.interfaceID ?? "",
            "addresses": parameters.addresses.map(\.description).joined(separator: " "),
        ]
    }
}

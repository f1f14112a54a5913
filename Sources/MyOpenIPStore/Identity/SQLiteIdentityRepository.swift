import Foundation
import GRDB
import MyOpenIPDomain

/// ``IdentityRepository`` on the daemon's SQLite database.
public struct SQLiteIdentityRepository: IdentityRepository {
    /// Reads on the calling thread.
    let reads: StoreReads
    /// Writes share commits with the other writes arriving at the same time.
    let writes: GroupCommit
    let changes: AuthenticationChanges

    public init(store: Store) {
        reads = store.reads
        writes = store.writes
        changes = store.authenticationChanges
    }

    public func authenticationGeneration() -> UInt64 { changes.generation }

    public func createAccount(
        _ draft: AccountDraft, link: NewPasswordLink, mail: @escaping @Sendable (AccountLogin) -> OutgoingMail,
        rights: Set<Int64>, check: @escaping @Sendable (_ given: [RightRecord]) throws -> Void,
        context: AuditContext, at now: Timestamp
    ) async throws -> AccountRecord {
        try await writes.write { db in
            let given = try AccessRightRow.usable(rights, byCompany: draft.company?.sequence, in: db)
            try check(given)
            let emailKey = draft.email.description.lowercased()
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM account WHERE email_key = ?", arguments: [emailKey]) == true {
                throw IdentityMessages.emailTaken
            }
            // AUTOINCREMENT keeps the highest id ever used in sqlite_sequence: logins are never reused.
            let last = try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'account'") ?? 0
            guard let login = AccountLogin(sequence: last + 1) else { throw StoreError.sequenceExhausted("login") }
            try db.execute(
                sql: """
                    INSERT INTO account (id, login, display_name, email, email_key, kind, company_reference, state,
                                         created_at, created_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, 'pending_password', ?, ?)
                    """,
                arguments: [
                    login.sequence, login.description, draft.displayName, draft.email.description, emailKey,
                    draft.kind.rawValue, draft.company?.description, now.milliseconds, context.actor,
                ])
            let id = login.sequence
            try AuditTrail.append(
                .accountCreated, accountID: id,
                details: [
                    "kind": draft.kind.rawValue, "email": draft.email.description,
                    "company_reference": draft.company?.description ?? "",
                ],
                context: context, at: now, in: db)
            try Self.insertLink(
                link, accountID: id, mail: mail(login), recipient: draft.email.description,
                context: context, at: now, in: db)
            if !given.isEmpty {
                for right in given.sorted(by: { $0.id < $1.id }) {
                    try AccountRightRow(accountID: id, rightID: right.id, grantedAt: now.milliseconds, grantedBy: context.actor)
                        .insert(db)
                }
                try AuditTrail.append(
                    .rightsAssigned, accountID: id, companyID: draft.company?.sequence,
                    details: ["before": "", "after": given.map(\.name).sorted().joined(separator: ", ")],
                    context: context, at: now, in: db)
            }
            return try Self.account(id: id, in: db)
        }
    }

    public func account(login: AccountLogin) async throws -> AccountRecord? {
        try await reads.read { db in
            try AccountRecord.fetchOne(db, where: "a.login = ?", [login.description])
        }
    }

    public func account(identifier: String) async throws -> AccountRecord? {
        if let login = AccountLogin(parsing: identifier) { return try await account(login: login) }
        let key = identifier.trimmingCharacters(in: .whitespaces).lowercased()
        return try await reads.read { db in
            try AccountRecord.fetchOne(db, where: "a.email_key = ?", [key])
        }
    }

    public func accounts(_ filter: AccountFilter, page: PageRequest, at now: Timestamp) async throws -> Page<AccountRecord> {
        var conditions: [SQL] = ["a.id > \(page.cursor ?? 0)"]
        if let kind = filter.kind { conditions.append("a.kind = \(kind.rawValue)") }
        if filter.scope != .everything {
            let references = CompanyRow.all().visible(in: filter.scope).select(CompanyRow.Columns.reference)
            conditions.append("a.company_reference IN (\(references))")
        }
        if let company = filter.companyReference { conditions.append("a.company_reference = \(company)") }
        if let right = filter.rightID {
            conditions.append("a.id IN (SELECT account_id FROM account_right WHERE right_id = \(right))")
        }
        switch filter.state {
        case nil: break
        case .pendingPassword, .disabled:
            conditions.append("a.state = \(filter.state!.rawValue)")
        case .active:
            conditions.append("a.state = 'active' AND (a.locked_until IS NULL OR a.locked_until <= \(now.milliseconds))")
        case .locked:
            conditions.append("a.state = 'active' AND a.locked_until > \(now.milliseconds)")
        }
        // Read by position through AccountRecord, the form the session lookup shares.
        let request = SQLRequest<Row>(
            literal: """
                SELECT \(sql: AccountRecord.columns) FROM account a WHERE \(conditions.joined(separator: " AND ")) \
                ORDER BY a.id LIMIT \(page.limit + 1)
                """)
        return try await reads.readPage { db in
            let rows = try request.fetchAll(db).map { try AccountRecord(row: $0) }
            return Page(fetched: rows, limit: page.limit, id: \.id)
        }
    }

    public func updateAccount(
        _ accountID: Int64, _ change: AccountChange, link: NewPasswordLink,
        mails: @escaping @Sendable (_ before: AccountRecord, _ email: EmailAddress) -> (link: OutgoingMail, notice: OutgoingMail),
        context: AuditContext, at now: Timestamp
    ) async throws -> AccountRecord {
        try await writes.write { db in
            let before = try Self.account(id: accountID, in: db)
            let name = change.displayName ?? before.displayName
            let email = change.email?.description ?? before.email
            let emailKey = email.lowercased()
            let newAddress = emailKey != before.email.lowercased()
            if newAddress,
                try Bool.fetchOne(
                    db, sql: "SELECT 1 FROM account WHERE email_key = ? AND id <> ?", arguments: [emailKey, accountID]) == true
            {
                throw IdentityMessages.emailTaken
            }
            let details = AuditTrail.changes(
                before: ["display_name": before.displayName, "email": before.email],
                after: ["display_name": name, "email": email])
            guard !details.isEmpty else { return before }
            try db.execute(
                sql: "UPDATE account SET display_name = ?, email = ?, email_key = ? WHERE id = ?",
                arguments: [name, email, emailKey, accountID])
            try AuditTrail.append(.accountUpdated, accountID: accountID, details: details, context: context, at: now, in: db)
            if newAddress, let address = change.email {
                let (linkMail, notice) = mails(before, address)
                if before.storedState == .disabled {
                    try Self.voidLinks(of: accountID, at: now, in: db)
                } else {
                    try Self.insertLink(
                        link, accountID: accountID, mail: linkMail, recipient: email, context: context, at: now, in: db)
                }
                var former = notice
                former.recipient = before.email
                try Outbox.enqueue(former, accountID: accountID, at: now, in: db)
            }
            return try Self.account(id: accountID, in: db)
        }
    }

    public func setDisabled(_ disabled: Bool, accountID: Int64, context: AuditContext, at now: Timestamp) async throws
        -> AccountRecord
    {
        try await writes.write { db in
            let before = try Self.account(id: accountID, in: db)
            if disabled {
                guard before.storedState != .disabled else { return before }
                try db.execute(sql: "UPDATE account SET state = 'disabled' WHERE id = ?", arguments: [accountID])
                try Self.revokeSessions(of: accountID, except: nil, reason: "account_disabled", at: now, in: db)
                try Self.voidLinks(of: accountID, at: now, in: db)
                try AuditTrail.append(.accountDisabled, accountID: accountID, context: context, at: now, in: db)
            } else {
                guard before.storedState == .disabled || before.lock(at: now) != nil || before.failedLogins > 0 else {
                    return before
                }
                try db.execute(
                    sql: """
                        UPDATE account
                        SET state = CASE WHEN password_hash IS NULL THEN 'pending_password' ELSE 'active' END,
                            failed_logins = 0, locked_until = NULL
                        WHERE id = ?
                        """,
                    arguments: [accountID])
                try AuditTrail.append(
                    .accountEnabled, accountID: accountID, details: ["was": before.state(at: now).rawValue],
                    context: context, at: now, in: db)
            }
            return try Self.account(id: accountID, in: db)
        }
    }

    @discardableResult
    public func issuePasswordLink(
        _ link: NewPasswordLink, accountID: Int64, mail: OutgoingMail, notIfIssuedAfter: Timestamp?,
        context: AuditContext, at now: Timestamp
    ) async throws -> Bool {
        try await writes.write { db in
            if let notIfIssuedAfter,
                let last = try PasswordLinkRow.filter(PasswordLinkRow.Columns.accountID == accountID)
                    .select(max(PasswordLinkRow.Columns.createdAt), as: Int64.self).fetchOne(db),
                last > notIfIssuedAfter.milliseconds
            {
                return false
            }
            try Self.insertLink(
                link, accountID: accountID, mail: mail, recipient: mail.recipient, context: context, at: now, in: db)
            return true
        }
    }

    public func passwordLink(tokenDigest: String) async throws -> (link: PasswordLinkRecord, account: AccountRecord)? {
        try await reads.read { db in
            guard let link = try PasswordLinkRow.all().filter(tokenDigest: tokenDigest).fetchOne(db)?.record else { return nil }
            return (link, try Self.account(id: link.accountID, in: db))
        }
    }

    public func setPassword(linkDigest: String, passwordHash: String, context: AuditContext, at now: Timestamp) async throws
        -> AccountRecord
    {
        try await writes.write { db in
            guard let link = try PasswordLinkRow.all().filter(tokenDigest: linkDigest).fetchOne(db)?.record else {
                throw IdentityMessages.linkInvalid
            }
            if let problem = link.problem(at: now) { throw problem }
            let account = try Self.account(id: link.accountID, in: db)
            guard account.storedState != .disabled else { throw IdentityMessages.accountDisabled }
            try db.execute(
                sql: """
                    UPDATE account SET password_hash = ?, password_set_at = ?, state = 'active',
                                       failed_logins = 0, locked_until = NULL
                    WHERE id = ?
                    """,
                arguments: [passwordHash, now.milliseconds, account.id])
            try PasswordLinkRow.filter(key: link.id).updateAll(db, PasswordLinkRow.Columns.usedAt.set(to: now.milliseconds))
            try Self.voidLinks(of: account.id, at: now, in: db)
            let revoked = try Self.revokeSessions(of: account.id, except: nil, reason: "password_set", at: now, in: db)
            try AuditTrail.append(
                .passwordSet, accountID: account.id,
                details: ["link": link.purpose.rawValue, "revoked_sessions": String(revoked)],
                context: context, at: now, in: db)
            return try Self.account(id: account.id, in: db)
        }
    }

    public func recordFailedLogin(
        accountID: Int64?, identifier: String, lockout: LockoutPolicy, context: AuditContext, at now: Timestamp
    ) async throws -> Timestamp? {
        try await writes.write { db in
            guard let accountID else {
                try AuditTrail.append(
                    .loginFailed, accountID: nil,
                    details: ["identifier": String(identifier.prefix(254)), "cause": "unknown_identifier"],
                    context: context, at: now, in: db)
                return try Self.countDecoyFailure(identifier: identifier, lockout: lockout, at: now, in: db)
            }
            try db.execute(sql: "UPDATE account SET failed_logins = failed_logins + 1 WHERE id = ?", arguments: [accountID])
            let failures =
                try Int.fetchOne(db, sql: "SELECT failed_logins FROM account WHERE id = ?", arguments: [accountID]) ?? 0
            try AuditTrail.append(
                .loginFailed, accountID: accountID, details: ["failures": String(failures)], context: context, at: now, in: db)
            guard let duration = lockout.lockDuration(afterFailures: failures) else { return nil }
            let until = now.adding(duration)
            try db.execute(sql: "UPDATE account SET locked_until = ? WHERE id = ?", arguments: [until.milliseconds, accountID])
            try AuditTrail.append(
                .accountLocked, accountID: accountID,
                details: ["until": until.iso8601, "failures": String(failures)], context: context, at: now, in: db)
            return until
        }
    }

    public func decoyLock(identifier: String, at now: Timestamp) async throws -> Timestamp? {
        try await reads.read { db in
            let until = try Int64.fetchOne(
                db, sql: "SELECT locked_until FROM login_decoy WHERE identifier_key = ?",
                arguments: [Self.decoyKey(identifier)])
            return until.map(Timestamp.init(milliseconds:)).flatMap { $0 > now ? $0 : nil }
        }
    }

    /// How long a decoy counter is kept after its last failure: past it, the identifier starts
    /// again from zero, as an account whose lock ran out would after a success.
    static let decoyRetention: Duration = .seconds(24 * 3600)

    static func decoyKey(_ identifier: String) -> String {
        String(identifier.trimmingCharacters(in: .whitespaces).lowercased().prefix(254))
    }

    /// Counts a failure of an identifier that matches no account, locks it as the policy locks
    /// an account, and forgets counters left alone for a day.
    private static func countDecoyFailure(
        identifier: String, lockout: LockoutPolicy, at now: Timestamp, in db: Database
    ) throws -> Timestamp? {
        try db.execute(
            sql: "DELETE FROM login_decoy WHERE last_failure_at < ?",
            arguments: [now.adding(.zero - decoyRetention).milliseconds])
        let key = decoyKey(identifier)
        try db.execute(
            sql: """
                INSERT INTO login_decoy (identifier_key, failed_logins, last_failure_at) VALUES (?, 1, ?)
                ON CONFLICT (identifier_key) DO UPDATE SET failed_logins = failed_logins + 1, last_failure_at = excluded.last_failure_at
                """,
            arguments: [key, now.milliseconds])
        let failures =
            try Int.fetchOne(db, sql: "SELECT failed_logins FROM login_decoy WHERE identifier_key = ?", arguments: [key]) ?? 0
        guard let duration = lockout.lockDuration(afterFailures: failures) else { return nil }
        let until = now.adding(duration)
        try db.execute(
            sql: "UPDATE login_decoy SET locked_until = ? WHERE identifier_key = ?", arguments: [until.milliseconds, key])
        return until
    }

    public func openSession(
        accountID: Int64, tokenDigest: String, policy: SessionPolicy, client: String, rehashedPassword: String?,
        context: AuditContext, at now: Timestamp
    ) async throws -> SessionRecord {
        try await writes.write { db in
            let expires = now.adding(policy.maximumLifetime)
            let idle = policy.idleExpiry(lastUse: now, absoluteExpiry: expires)
            try db.execute(
                sql: """
                    INSERT INTO session (account_id, token_digest, created_at, last_used_at, idle_expires_at, expires_at, client)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    accountID, tokenDigest, now.milliseconds, now.milliseconds, idle.milliseconds, expires.milliseconds, client,
                ])
            let id = db.lastInsertedRowID
            // Only when there is something to reset: a write to the account moves the authentication
            // generation, and every cached session would be read again after each login.
            try db.execute(
                sql: """
                    UPDATE account SET failed_logins = 0, locked_until = NULL
                    WHERE id = ? AND (failed_logins <> 0 OR locked_until IS NOT NULL)
                    """,
                arguments: [accountID])
            if let rehashedPassword {
                try db.execute(
                    sql: "UPDATE account SET password_hash = ? WHERE id = ?", arguments: [rehashedPassword, accountID])
            }
            try AuditTrail.append(
                .loginSucceeded, accountID: accountID, details: ["session": String(id), "client": client],
                context: context, at: now, in: db)
            return SessionRecord(
                row: try Row.fetchOne(
                    db, sql: "SELECT \(SessionRecord.columns) FROM session s WHERE s.id = ?", arguments: [id])!)
        }
    }

    public func session(tokenDigest: String, at now: Timestamp) async throws -> SessionLookup? {
        try await reads.read { db in
            // One cached statement: this runs before every authenticated call.
            let statement = try db.cachedStatement(
                sql: """
                    SELECT \(SessionRecord.columns), \(AccountRecord.columns), t.in_force,
                           EXISTS (SELECT 1 FROM terms_acceptance
                                   WHERE account_id = a.id AND terms_version_id = t.in_force),
                           \(RightRecord.heldNamesSQL),
                           (SELECT state FROM company WHERE reference = a.company_reference),
                           \(TermsVersionRow.nextEffectiveAtSQL(document: .termsOfUse)),
                           (SELECT group_concat(name, char(31)) FROM (
                               SELECT r.name FROM account_right ar JOIN access_right r ON r.id = ar.right_id
                               WHERE ar.account_id = a.id ORDER BY r.company_id IS NOT NULL, r.name))
                    FROM session s
                    JOIN account a ON a.id = s.account_id
                    JOIN (SELECT \(TermsVersionRow.inForceIDSQL(document: .termsOfUse)) AS in_force) t
                    WHERE s.token_digest = ?
                    """)
            guard let row = try Row.fetchOne(statement, arguments: [now.milliseconds, now.milliseconds, tokenDigest]) else {
                return nil
            }
            let termsColumn = SessionRecord.columnCount + AccountRecord.columnCount
            let inForce: Int64? = row[termsColumn]
            return SessionLookup(
                session: SessionRecord(row: row),
                account: try AccountRecord(row: row, offset: SessionRecord.columnCount),
                termsInForce: inForce,
                hasAcceptedTermsInForce: inForce == nil || row[termsColumn + 1] as Bool,
                permissions: MainRight.permissions(ofNames: ((row[termsColumn + 2] as String?) ?? "").split(separator: ",")),
                companyState: (row[termsColumn + 3] as String?).flatMap(CompanyState.init(rawValue:)),
                nextTermsAt: (row[termsColumn + 4] as Int64?).map(Timestamp.init(milliseconds:)),
                rightNames: ((row[termsColumn + 5] as String?) ?? "").split(separator: "\u{1F}").map(String.init))
        }
    }

    public func touchSession(id: Int64, at now: Timestamp, idleExpiresAt: Timestamp) async throws {
        try await writes.write { db in
            try db.execute(
                sql: "UPDATE session SET last_used_at = ?, idle_expires_at = ? WHERE id = ? AND revoked_at IS NULL",
                arguments: [now.milliseconds, idleExpiresAt.milliseconds, id])
        }
    }

    public func revokeSession(id: Int64, accountID: Int64, reason: String, context: AuditContext, at now: Timestamp) async throws
    {
        try await writes.write { db in
            try db.execute(
                sql: "UPDATE session SET revoked_at = ?, revoke_reason = ? WHERE id = ? AND revoked_at IS NULL",
                arguments: [now.milliseconds, reason, id])
            guard db.changesCount > 0 else { return }
            try AuditTrail.append(
                .sessionRevoked, accountID: accountID, details: ["session": String(id), "reason": reason],
                context: context, at: now, in: db)
        }
    }

    public func revokeSessions(
        accountID: Int64, except: Int64?, reason: String, context: AuditContext, at now: Timestamp
    ) async throws -> Int {
        try await writes.write { db in
            let count = try Self.revokeSessions(of: accountID, except: except, reason: reason, at: now, in: db)
            guard count > 0 else { return 0 }
            try AuditTrail.append(
                .sessionRevoked, accountID: accountID, details: ["sessions": String(count), "reason": reason],
                context: context, at: now, in: db)
            return count
        }
    }

    public func changePassword(
        accountID: Int64, passwordHash: String, keepingSession: Int64?, context: AuditContext, at now: Timestamp
    ) async throws -> Int {
        try await writes.write { db in
            try db.execute(
                sql:
                    "UPDATE account SET password_hash = ?, password_set_at = ?, failed_logins = 0, locked_until = NULL WHERE id = ?",
                arguments: [passwordHash, now.milliseconds, accountID])
            let count = try Self.revokeSessions(
                of: accountID, except: keepingSession, reason: "password_changed", at: now, in: db)
            try AuditTrail.append(
                .passwordChanged, accountID: accountID, details: ["revoked_sessions": String(count)],
                context: context, at: now, in: db)
            return count
        }
    }

    // MARK: - Inside a transaction

    static func account(id: Int64, in db: Database) throws -> AccountRecord {
        guard let account = try AccountRecord.fetchOne(db, where: "a.id = ?", [id]) else {
            throw StoreError.corruptRow(table: "account", id: id)
        }
        return account
    }

    /// Voids the account's links not used yet.
    private static func voidLinks(of accountID: Int64, at now: Timestamp, in db: Database) throws {
        try PasswordLinkRow.all().open(of: accountID).updateAll(db, PasswordLinkRow.Columns.voidedAt.set(to: now.milliseconds))
    }

    private static func insertLink(
        _ link: NewPasswordLink, accountID: Int64, mail: OutgoingMail, recipient: String,
        context: AuditContext, at now: Timestamp, in db: Database
    ) throws {
        try Self.voidLinks(of: accountID, at: now, in: db)
        var row = PasswordLinkRow(link, accountID: accountID, at: now)
        try row.insert(db)
        var mail = mail
        mail.recipient = recipient
        let mailID = try Outbox.enqueue(mail, accountID: accountID, at: now, in: db)
        try AuditTrail.append(
            .passwordLinkIssued, accountID: accountID,
            details: ["purpose": link.purpose.rawValue, "expires_at": link.expiresAt.iso8601, "mail": String(mailID)],
            context: context, at: now, in: db)
    }

    @discardableResult
    private static func revokeSessions(of accountID: Int64, except: Int64?, reason: String, at now: Timestamp, in db: Database)
        throws -> Int
    {
        try db.execute(
            sql: """
                UPDATE session SET revoked_at = ?, revoke_reason = ?
                WHERE account_id = ? AND revoked_at IS NULL AND id IS NOT ?
                """,
            arguments: [now.milliseconds, reason, accountID, except])
        return db.changesCount
    }
}

import Foundation
import GRDB
import MyOpenIPStore
import Testing

@Suite("Store opening")
struct StoreOpeningTests {
    @Test("a new file database opens in WAL mode with every migration applied")
    func opens() async throws {
        try await withTemporaryFolder { folder in
            let path = folder + "/" + Store.fileName
            let store = try Store(path: path, migrations: .everyDomain)

            #expect(store.path == path)
            #expect(FileManager.default.fileExists(atPath: path))
            #expect(try store.journalMode() == "wal")
            #expect(
                try store.appliedMigrations() == [
                    "v1_runtime", "v2_identity", "v3_companies", "v4_rights", "v5_sites_contacts", "v6_company_search",
                    "v7_idempotency", "v8_terms_withdrawal", "v9_login_decoys", "v10_mail_delivery",
                    "v11_catalogue", "v12_sales_conditions", "v13_ordering", "v14_order_lifecycle", "v15_billing", "v16_network",
                    "v17_idempotency_keys_in_memory",
                ])
            #expect(await store.isReachable())
        }
    }

    @Test("the first migration records an installation id and creation date")
    func installation() async throws {
        try await withTemporaryFolder { folder in
            let store = try Store(path: folder + "/" + Store.fileName, migrations: .everyDomain)
            let installation = try await store.installation()

            #expect(UUID(uuidString: installation.id) != nil)
            #expect(installation.id == installation.id.lowercased())
            #expect(ISO8601DateFormatter().date(from: installation.createdAt) != nil)
        }
    }

    @Test("reopening the same file is idempotent and keeps the installation id")
    func reopen() async throws {
        try await withTemporaryFolder { folder in
            let path = folder + "/" + Store.fileName
            let first = try await Store(path: path, migrations: .everyDomain).installation()

            let reopened = try Store(path: path, migrations: .everyDomain)
            #expect(
                try reopened.appliedMigrations() == [
                    "v1_runtime", "v2_identity", "v3_companies", "v4_rights", "v5_sites_contacts", "v6_company_search",
                    "v7_idempotency", "v8_terms_withdrawal", "v9_login_decoys", "v10_mail_delivery",
                    "v11_catalogue", "v12_sales_conditions", "v13_ordering", "v14_order_lifecycle", "v15_billing", "v16_network",
                    "v17_idempotency_keys_in_memory",
                ])
            #expect(try reopened.journalMode() == "wal")
            #expect(try await reopened.installation() == first)
            let rows = try await reopened.writer.read { db in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM installation")
            }
            #expect(rows == 2)
        }
    }

    @Test("Store(folder:) creates a missing folder and the database inside it")
    func createsFolder() async throws {
        try await withTemporaryFolder { folder in
            let nested = folder + "/missing/deeper"
            #expect(!FileManager.default.fileExists(atPath: nested))

            let store = try Store(folder: nested, migrations: .everyDomain)

            var isDirectory: ObjCBool = false
            #expect(FileManager.default.fileExists(atPath: nested, isDirectory: &isDirectory))
            #expect(isDirectory.boolValue)
            #expect(store.path == nested + "/" + Store.fileName)
            #expect(FileManager.default.fileExists(atPath: nested + "/" + Store.fileName))
            #expect(await store.isReachable())
        }
    }

    @Test("Store(folder:) gives a folder it creates mode 0700")
    func folderPermissions() async throws {
        try await withTemporaryFolder { folder in
            let nested = folder + "/data"
            _ = try Store(folder: nested, migrations: .everyDomain)
            let attributes = try FileManager.default.attributesOfItem(atPath: nested)
            let permissions = try #require(attributes[.posixPermissions] as? NSNumber)
            #expect(permissions.intValue & 0o777 == 0o700)
        }
    }

    @Test("Store(folder:) accepts a folder that already exists")
    func existingFolder() async throws {
        try await withTemporaryFolder { folder in
            let store = try Store(folder: folder, migrations: .everyDomain)
            #expect(
                try store.appliedMigrations() == [
                    "v1_runtime", "v2_identity", "v3_companies", "v4_rights", "v5_sites_contacts", "v6_company_search",
                    "v7_idempotency", "v8_terms_withdrawal", "v9_login_decoys", "v10_mail_delivery",
                    "v11_catalogue", "v12_sales_conditions", "v13_ordering", "v14_order_lifecycle", "v15_billing", "v16_network",
                    "v17_idempotency_keys_in_memory",
                ])
        }
    }

    @Test("opening a database where the folder cannot be created throws")
    func unusablePath() async throws {
        try await withTemporaryFolder { folder in
            let file = folder + "/plain-file"
            try Data("x".utf8).write(to: URL(fileURLWithPath: file))
            #expect(throws: (any Error).self) {
                try Store(folder: file + "/sub", migrations: .everyDomain)
            }
        }
    }
}

import Foundation
import MyOpenIPClient
import MyOpenIPStore
import Testing

/// The database holds password hashes and, until a mail is sent, live password links: its files
/// are the daemon user's alone, and a sent link's token leaves no copy behind.
@Suite("Data files")
struct DataFilesTests {
    static func mode(_ path: String) -> UInt16? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return UInt16(status.st_mode & 0o777)
    }

    @Test("the database and its journal files are 0600; a sent link's token is in none of them")
    func filesAndSecrets() async throws {
        try await withTestDaemon { daemon async throws in
            let admin = daemon.operatorClient()
            let (account, token) = try await daemon.createUser()
            let database = daemon.folder + "/" + Store.fileName
            for file in [database, database + "-wal", database + "-shm"] {
                #expect(Self.mode(file) == 0o600, "\(file)")
            }
            func holdsToken() throws -> Bool {
                try [database, database + "-wal"].contains { file in
                    let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
                    return bytes.range(of: Data(token.utf8)) != nil
                }
            }
            #expect(try holdsToken(), "the unsent mail holds the link")
            let mail = try #require(try await admin.mail.list(accountLogin: account.login).mails.first)
            _ = try await admin.mail.markSent(id: mail.id)
            #expect(try holdsToken() == false, "the token is left in the database files")
            await admin.close()
        }
    }

    @Test("a data folder other users may write to is refused")
    func unsafeFolder() throws {
        let folder = TestDaemon.makeFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(chmod(folder, 0o777) == 0)
        #expect(throws: StoreError.unsafeFolder(folder)) {
            _ = try Store(folder: folder, migrations: [])
        }
        #expect(chmod(folder, 0o700) == 0)
        _ = try Store(folder: folder, migrations: [])
        #expect(Self.mode(folder + "/" + Store.fileName) == 0o600)
        // A new folder is created 0700.
        let inner = folder + "/data"
        _ = try Store(folder: inner, migrations: [])
        #expect(Self.mode(inner) == 0o700)
    }
}

import Foundation
import MyOpenIPClient
import MyOpenIPServer
import MyOpenIPStore
import Synchronization
import Testing

@Suite(
    "Online backup and restore: a copy taken under load holds every write acknowledged before it",
    .enabled(if: Executables.areBuilt, "build the products first: swift build"))
struct BackupTests {
    /// The last migration of this build: the schema a backup reports.
    static let currentSchema = Daemon.domains.flatMap(\.migrations).max { $0.version < $1.version }!.identifier

    @Test("writes go on during the backup; the restored folder serves every write acknowledged before it")
    func underLoad() async throws {
        let restored = TestDaemon.makeFolder()
        defer { try? FileManager.default.removeItem(atPath: restored) }
        let copy = restored + "-copy.sqlite"
        defer { try? FileManager.default.removeItem(atPath: copy) }
        let before: Set<String> = try await withTestDaemon { daemon async throws in
            try await daemon.ensureCompany("OIP-00000002", kind: .client)
            let admin = daemon.operatorClient()
            let load = Load()
            let writers = (0..<4).map { lane in Self.write(lane: lane, with: daemon.operatorClient(), into: load) }
            try await waitUntil { load.acknowledged.withLock { $0.count >= 100 } }
            // Every write acknowledged now must be in the copy.
            let before = Set(load.acknowledged.withLock { $0 })
            let summary = try await admin.operations.backup(to: copy)
            let during = load.acknowledged.withLock { $0.count } - before.count
            try await waitUntil { load.acknowledged.withLock { $0.count } >= before.count + during + 20 }
            load.writing.store(false, ordering: .relaxed)
            for writer in writers { try await writer.value }
            #expect(summary.bytes > 0 && summary.schema == Self.currentSchema && summary.sha256.count == 64)
            #expect(FileManager.default.fileExists(atPath: copy) && !FileManager.default.fileExists(atPath: copy + ".partial"))

            // A second backup to the same file is refused; a restore into a served folder too.
            let twice = await rpcError { try await admin.operations.backup(to: copy) }
            #expect(twice?.reason == "BACKUP_FILE_EXISTS")
            let served = try await Executables.run(
                "myopenipd", ["--restore", copy, "--data-dir", daemon.folder, "--socket", daemon.socketPath])
            #expect(served.status != 0 && served.standardError.contains("a daemon is serving"), "\(served.standardError)")
            // The client's own users cannot take one.
            let login = try await daemon.createActiveUser()
            let user = try await daemon.loggedIn(login)
            let refused = await rpcError { try await user.operations.backup(to: copy + "-user") }
            #expect(refused?.code == .permissionDenied)
            return before
        }

        // Restored into a new folder, with the daemon stopped.
        let restore = try await Executables.run("myopenipd", ["--restore", copy, "--data-dir", restored])
        #expect(restore.status == 0, "\(restore.standardError)")
        #expect(restore.standardOutput.contains("restored \(copy)"))
        let daemon = try await TestDaemon.start(folder: restored)
        do {
            let admin = daemon.operatorClient()
            var names: Set<String> = []
            var token = ""
            repeat {
                let page = try await admin.contacts.list(companyReference: "OIP-00000002", pageSize: 500, pageToken: token)
                names.formUnion(page.contacts.map(\.fields.lastName))
                token = page.nextPageToken
            } while !token.isEmpty
            #expect(before.isSubset(of: names), "missing: \(before.subtracting(names).sorted().prefix(5))")
            try await daemon.stop()
        } catch {
            try? await daemon.stop()
            throw error
        }
    }

    /// The writes of a test under load: those acknowledged, and whether to go on.
    final class Load: Sendable {
        let acknowledged = Mutex<[String]>([])
        let writing = Atomic<Bool>(true)
    }

    /// One writer: a contact after another, each recorded once acknowledged.
    static func write(lane: Int, with client: MyOpenIPClient, into load: Load) -> Task<Void, any Error> {
        Task {
            var count = 0
            while load.writing.load(ordering: .relaxed) {
                var fields = Myopenip_V1_ContactFields()
                fields.lastName = "Écrit \(lane)-\(count)"
                fields.email = "ecrit-\(lane)-\(count)@example.fr"
                _ = try await client.contacts.create(companyReference: "OIP-00000002", fields: fields)
                load.acknowledged.withLock { $0.append(fields.lastName) }
                count += 1
            }
            await client.close()
        }
    }

    @Test("a file that is not a whole MyOpenIP database is refused and the data folder left as it was")
    func damaged() async throws {
        let folder = TestDaemon.makeFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let bad = folder + "/bad.sqlite"
        try Data("not a database at all".utf8).write(to: URL(fileURLWithPath: bad))
        let run = try await Executables.run("myopenipd", ["--restore", bad, "--data-dir", folder])
        #expect(run.status != 0 && run.standardError.contains("cannot restore"), "\(run.standardError)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/" + Store.fileName))
        let missing = try await Executables.run("myopenipd", ["--restore", folder + "/none.sqlite", "--data-dir", folder])
        #expect(missing.status != 0)
    }
}

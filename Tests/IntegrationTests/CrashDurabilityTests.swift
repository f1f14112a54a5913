import Foundation
import MyOpenIPClient
import Synchronization
import Testing

/// A daemon killed (SIGKILL) in the middle of a burst of writes loses none it acknowledged and
/// leaves none half-applied: every contact it answered is there after a restart, each with its
/// audit event, and nothing else.
/// The names of the contacts the daemon answered, filled by many writers.
private final class Acknowledged: Sendable {
    private let names = Mutex<Set<String>>([])
    func add(_ name: String) { _ = names.withLock { $0.insert(name) } }
    var all: Set<String> { names.withLock { $0 } }
}

/// The keyed writes sent, and the answers the daemon gave, filled by many writers.
private final class KeyedCalls: Sendable {
    private let state = Mutex<(sent: [String], answers: [String: Myopenip_V1_Contact])>(([], [:]))
    func send(_ name: String) { state.withLock { $0.sent.append(name) } }
    func answer(_ name: String, _ contact: Myopenip_V1_Contact) { state.withLock { $0.answers[name] = contact } }
    var sent: [String] { state.withLock { $0.sent } }
    var answers: [String: Myopenip_V1_Contact] { state.withLock { $0.answers } }
}

/// Its tests run one after the other: each kills a daemon, and the signals and restarts of two at
/// once, beside the other suites, only add to the load of the test process.
@Suite("Crash durability", .serialized, .enabled(if: Executables.areBuilt, "build the products first: swift build"))
struct CrashDurabilityTests {
    /// Starts myopenipd on `folder` and waits for its ready file.
    static func start(_ folder: String) async throws -> ChildProcess {
        let ready = folder + "/ready.json"
        try? FileManager.default.removeItem(atPath: ready)
        let daemon = try Executables.start(
            "myopenipd", ["--data-dir", folder, "--listen", "127.0.0.1:0", "--ready-file", ready, "--log-level", "error"])
        for _ in 0..<500 where !FileManager.default.fileExists(atPath: ready) {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(FileManager.default.fileExists(atPath: ready), "the daemon did not start")
        return daemon
    }

    /// Creates a client company through `socket`; returns its reference.
    static func createCompany(socket: String) async throws -> String {
        let admin = MyOpenIPClient(target: .unix(path: socket))
        var company = Myopenip_V1_CreateCompanyRequest()
        company.kind = .client
        company.name = "Ma Société"
        company.siren = "552081317"
        company.legalStatus = "SAS"
        let reference = try await admin.companies.create(company).reference
        await admin.close()
        return reference
    }

    @Test("kill -9 during a burst of writes: every acknowledged write is there after a restart, nothing half-applied")
    func killDuringWrites() async throws {
        let folder = TestDaemon.makeFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let socket = folder + "/myopenipd.sock"
        let first = try await Self.start(folder)
        let reference = try await Self.createCompany(socket: socket)

        let acknowledged = Acknowledged()
        let writers = (0..<16).map { writer in
            Task {
                let client = MyOpenIPClient(target: .unix(path: socket))
                defer { Task { await client.close() } }
                for index in 0..<10_000 {
                    var fields = Myopenip_V1_ContactFields()
                    fields.lastName = "C-\(writer)-\(index)"
                    do {
                        _ = try await client.contacts.create(companyReference: reference, fields: fields)
                        acknowledged.add(fields.lastName)
                    } catch {
                        return
                    }
                }
            }
        }
        // Let the burst run, then kill the daemon without warning.
        while acknowledged.all.count < 300 { try await Task.sleep(for: .milliseconds(5)) }
        kill(first.processIdentifier, SIGKILL)
        await first.exit()
        for writer in writers { await writer.value }
        let answered = acknowledged.all

        let second = try await Self.start(folder)
        defer { second.stopInBackground() }
        let reader = MyOpenIPClient(target: .unix(path: socket))
        let stored = try await Self.contactNames(reference, through: reader)
        var audited = 0
        var token = ""
        repeat {
            let page = try await reader.audit.list(action: "contact.created", pageSize: 500, pageToken: token)
            audited += page.events.count
            token = page.nextPageToken
        } while !token.isEmpty
        await reader.close()
        second.terminate()
        await second.exit()

        #expect(answered.isSubset(of: Set(stored)), "\(answered.subtracting(stored).count) acknowledged writes lost")
        #expect(Set(stored).count == stored.count)
        // Writes in flight at the kill may be there without an answer; never without their audit event.
        #expect(audited == stored.count)
        #expect(stored.count - answered.count <= 16 * 256)
    }

    @Test("kill -9 during a burst of keyed writes: each retry after the restart gets the answer its write committed with")
    func keyedWritesKeepTheirAnswerAcrossAKill() async throws {
        let folder = TestDaemon.makeFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let socket = folder + "/myopenipd.sock"
        let first = try await Self.start(folder)
        let reference = try await Self.createCompany(socket: socket)

        let calls = KeyedCalls()
        let writers = (0..<16).map { writer in
            Task {
                let client = MyOpenIPClient(target: .unix(path: socket))
                defer { Task { await client.close() } }
                for index in 0..<10_000 {
                    let name = "K-\(writer)-\(index)"
                    calls.send(name)
                    do {
                        let contact = try await client.contacts.create(
                            companyReference: reference, fields: Self.contactFields(name), options: .idempotencyKey(name))
                        calls.answer(name, contact)
                    } catch {
                        return
                    }
                }
            }
        }
        while calls.answers.count < 300 { try await Task.sleep(for: .milliseconds(5)) }
        kill(first.processIdentifier, SIGKILL)
        await first.exit()
        for writer in writers { await writer.value }

        let second = try await Self.start(folder)
        defer { second.stopInBackground() }
        let client = MyOpenIPClient(target: .unix(path: socket))
        let acknowledged = calls.answers
        var retriedWithoutAnswer = 0
        for name in calls.sent {
            // The retry a client makes after losing its connection: same request, same key.
            let retried = try await client.contacts.create(
                companyReference: reference, fields: Self.contactFields(name), options: .idempotencyKey(name))
            if let answer = acknowledged[name] {
                #expect(retried == answer, "\(name): the retry must get the first answer")
            } else {
                retriedWithoutAnswer += 1
            }
        }
        let stored = try await Self.contactNames(reference, through: client)
        await client.close()
        second.terminate()
        await second.exit()
        // Every write once, whether its first answer arrived or not; none told its answer was lost.
        #expect(stored.count == Set(stored).count)
        #expect(Set(stored) == Set(calls.sent))
        #expect(retriedWithoutAnswer >= 1)
    }

    /// The last names of every contact of company `reference`, page after page.
    static func contactNames(_ reference: String, through client: MyOpenIPClient) async throws -> [String] {
        var names: [String] = []
        var token = ""
        repeat {
            let page = try await client.contacts.list(companyReference: reference, pageSize: 500, pageToken: token)
            names += page.contacts.map(\.fields.lastName)
            token = page.nextPageToken
        } while !token.isEmpty
        return names
    }

    static func contactFields(_ name: String) -> Myopenip_V1_ContactFields {
        var fields = Myopenip_V1_ContactFields()
        fields.lastName = name
        return fields
    }
}

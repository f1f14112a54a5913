import Foundation
import MyOpenIPClient
import MyOpenIPProto
import Testing

/// The C client library (CMyOpenIPClient, protobuf-c messages) against the real daemon, over
/// both sockets, with every result checked from Swift.
@Suite("C client library against the daemon")
struct CClientTests {
    @Test("health, login and WhoAmI with protobuf-c messages", arguments: TestTransport.allCases)
    func healthLoginWhoAmI(transport: TestTransport) async throws {
        try await withTestDaemon { daemon async throws in
            let login = try await daemon.createActiveUser(kind: .operatorStaff)
            let client = try CClient(target: daemon.cTarget(transport))
            let (health, serving) = await client.health()
            #expect(health.result == .cOK && health.code == 0)
            #expect(serving == 1, "SERVING")
            let (accepted, token) = await client.login(login, password: goodPassword)
            #expect(accepted.code == 0, "\(accepted.message)")
            let session = try #require(token)
            let (_, me) = await client.whoAmI(token: session)
            #expect(me?.login == login)
            // The Swift client sees the same session.
            let swift = daemon.client(transport)
            swift.sessionToken = session
            #expect(try await swift.identity.whoAmI().account.login == login)
            await swift.close()
        }
    }

    @Test("a generated typed wrapper names the method, unpacks the answer, and leaves it NULL on an error")
    func typedWrapper() async throws {
        try await withTestDaemon { daemon async throws in
            let swift = daemon.client(.unix)
            var request = Myopenip_V1_CreateCompanyRequest()
            request.kind = .client
            request.name = "Société Typée"
            request.siren = "552081317"
            request.legalStatus = "SAS"
            let company = try await swift.companies.create(request)
            await swift.close()
            let client = try CClient(target: daemon.cTarget(.unix))
            let (found, name) = await client.company(company.reference)
            #expect(found.result == .cOK && found.code == 0, "\(found.message)")
            #expect(name == "Société Typée")
            let (missing, none) = await client.company("OIP-99999999")
            #expect(missing.result == .cOK)
            #expect(missing.code == 5 && missing.reason == "COMPANY_NOT_FOUND")
            #expect(none == nil)
        }
    }

    @Test("error statuses come with their code, reason, field and French message", arguments: TestTransport.allCases)
    func errorStatuses(transport: TestTransport) async throws {
        try await withTestDaemon { daemon async throws in
            let login = try await daemon.createActiveUser(kind: .operatorStaff)
            let client = try CClient(target: daemon.cTarget(transport))
            let (refused, token) = await client.login(login, password: "Wrong-password-1")
            #expect(refused.result == .cOK)
            #expect(refused.code == 16)
            #expect(refused.reason == "INVALID_CREDENTIALS")
            #expect(refused.message == "Identifiant ou mot de passe incorrect")
            #expect(token == nil)
            let (anonymous, _) = await client.whoAmI(token: "not-a-session")
            #expect(anonymous.code == 16)
            #expect(anonymous.reason == "SESSION_INVALID")

            let session = try #require(await client.login(login, password: goodPassword).1)
            var request = Myopenip_V1_GetCompanyRequest()
            request.reference = "OIP-99999999"
            let bytes = try [UInt8](request.serializedData())
            let missing = await client.call("myopenip.v1.CompanyService", "GetCompany", bytes: bytes, token: session)
            #expect(missing.code == 5)
            #expect(missing.reason == "COMPANY_NOT_FOUND")
            #expect(missing.field == "reference")
            #expect(missing.message == "Cette société n'existe pas")
            let unknown = await client.call("myopenip.v1.NoSuchService", "Nothing", bytes: [])
            #expect(unknown.code == 12)
            #expect(unknown.reason == "UNKNOWN_METHOD")
        }
    }

    @Test(
        "an oversized request is refused before it is sent, or by the daemon; the connection lives on",
        arguments: TestTransport.allCases)
    func oversizedRequests(transport: TestTransport) async throws {
        // The daemon's limit is lowered so that the request it refuses is small: an anonymous TCP
        // peer reads through 64 KiB buffers, one read a wake-up, and skipping megabytes on a
        // loaded machine took longer than the anonymous idle timeout (30 s), which closed it.
        try await withTestDaemon(maximumMessageSize: 64 << 10) { daemon async throws in
            let client = try CClient(target: daemon.cTarget(transport))
            let huge = [UInt8](repeating: 0x41, count: 5 << 20)
            let local = await client.call("grpc.health.v1.Health", "Check", bytes: huge)
            #expect(local.result == .cRequestTooLarge)
            #expect(local.code == -1)
            #expect(await client.health().1 == 1)

            // Within the client's own limit but over the daemon's: the daemon answers RESOURCE_EXHAUSTED.
            let large = [UInt8](repeating: 0x41, count: 128 << 10)
            let remote = await client.call("grpc.health.v1.Health", "Check", bytes: large, timeoutMS: 30_000)
            #expect(remote.result == .cOK)
            #expect(remote.code == 8)
            #expect(remote.reason == "MESSAGE_TOO_LARGE")
            let after = await client.health()
            #expect(after.1 == 1, "\(after.0)")
        }
    }

    @Test("threads sharing one connection each get their own answers")
    func threadsShareAConnection() async throws {
        try await withTestDaemon { daemon async throws in
            let login = try await daemon.createActiveUser(kind: .operatorStaff)
            let client = try CClient(target: daemon.cTarget(.tcp))
            let session = try #require(await client.login(login, password: goodPassword).1)
            let answers = await withTaskGroup(of: [String].self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        var logins: [String] = []
                        for _ in 0..<25 { logins.append(await client.whoAmI(token: session).1?.login ?? "failed") }
                        return logins
                    }
                }
                return await group.reduce(into: []) { $0 += $1 }
            }
            #expect(answers.count == 100)
            #expect(answers.allSatisfy { $0 == login })
        }
    }
}

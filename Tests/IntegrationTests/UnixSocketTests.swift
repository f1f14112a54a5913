import Foundation
import MyOpenIPClient
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("The Unix socket file")
struct UnixSocketTests {
    @Test func theSocketIsCreatedWithMode0660() async throws {
        try await withTestDaemon { daemon async throws in
            var info = stat()
            #expect(stat(daemon.socketPath, &info) == 0)
            #expect(info.st_mode & 0o777 == 0o660)
            #expect(info.st_mode & S_IFMT == S_IFSOCK)
        }
    }

    @Test func aStaleSocketLeftByACrashIsReplaced() async throws {
        let folder = TestDaemon.makeFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/stale.sock"
        Self.leaveStaleSocket(at: path)
        #expect(FileManager.default.fileExists(atPath: path))

        let daemon = try await TestDaemon.start(folder: folder, socketPath: path)
        let client = daemon.client(.unix)
        #expect(try await client.health.check() == .serving)
        await client.close()
        try await daemon.stop()
    }

    @Test func aLiveSocketIsNotStolen() async throws {
        try await withTestDaemon { running async throws in
            let intruderFolder = TestDaemon.makeFolder()
            defer { try? FileManager.default.removeItem(atPath: intruderFolder) }
            await #expect(throws: (any Error).self) {
                _ = try await TestDaemon.start(folder: intruderFolder, socketPath: running.socketPath)
            }
            let client = running.client(.unix)
            #expect(try await client.health.check() == .serving)
            await client.close()
        }
    }

    @Test func aFileThatIsNotASocketIsLeftAlone() async throws {
        let folder = TestDaemon.makeFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/precious.txt"
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: path))
        await #expect(throws: (any Error).self) {
            _ = try await TestDaemon.start(folder: folder, socketPath: path)
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "keep me")
    }

    /// Binds a socket at `path` and closes it without removing the file, as a crashed daemon would.
    private static func leaveStaleSocket(at path: String) {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: path.utf8)
            raw[path.utf8.count] = 0
        }
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        close(fd)
    }
}

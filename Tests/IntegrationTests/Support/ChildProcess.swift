import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// A program started with `posix_spawn`, its standard streams wired to descriptors the caller
/// chose or to /dev/null.
///
/// The test process holds thousands of descriptors at once (the sockets and SQLite files of the
/// in-process daemons); Foundation's `Process` was seen crashing while starting a program under
/// that load. This launcher does nothing in the child but set up its three streams, and retries
/// every system call a signal interrupts.
final class ChildProcess: Sendable {
    /// How a program ended.
    enum Termination: Equatable, Sendable {
        case exited(Int32)
        case signaled(Int32)
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Held while a pipe is made and while a program starts (see `PipeEnds`).
    static let spawning = Mutex<Void>(())

    let processIdentifier: pid_t
    private let termination = Mutex<Termination?>(nil)
    private let waiting = Mutex<Void>(())

    private init(processIdentifier: pid_t) {
        self.processIdentifier = processIdentifier
    }

    /// Starts `path` with `arguments`; `environment` is its whole environment. A stream given no
    /// descriptor reads from or writes to /dev/null. The descriptors given stay the caller's.
    static func spawn(
        _ path: String, _ arguments: [String], environment: [String: String],
        standardInput: Int32? = nil, standardOutput: Int32? = nil, standardError: Int32? = nil
    ) throws -> ChildProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (target, source) in [(0, standardInput), (1, standardOutput), (2, standardError)] {
            let code =
                if let source {
                    posix_spawn_file_actions_adddup2(&actions, source, Int32(target))
                } else {
                    posix_spawn_file_actions_addopen(&actions, Int32(target), "/dev/null", O_RDWR, 0)
                }
            guard code == 0 else { throw Failure(description: "spawn file action: \(String(cString: strerror(code)))") }
        }
        // SwiftNIO opens its sockets without close-on-exec: a child must not keep an in-process
        // daemon's connection (or a test's raw socket) open after the daemon closed it.
        let closing = closeEveryOtherDescriptor(&actions)
        guard closing == 0 else { throw Failure(description: "spawn file action: \(String(cString: strerror(closing)))") }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The child starts with default signal handlers and no blocked signal, whatever the test
        // process set up.
        var all = sigset_t()
        var none = sigset_t()
        sigfillset(&all)
        sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = ([path] + arguments).map { strdup($0) }
        let envp = environment.map { strdup("\($0.key)=\($0.value)") }
        defer { for string in argv + envp { free(string) } }
        var pid: pid_t = 0
        let code = spawning.withLock { _ in
            posix_spawn(&pid, path, &actions, &attributes, argv + [nil], envp + [nil])
        }
        guard code == 0 else {
            throw Failure(description: "cannot start \(path): \(String(cString: strerror(code)))")
        }
        return ChildProcess(processIdentifier: pid)
    }

    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32

    /// glibc 2.34's `posix_spawn_file_actions_addclosefrom_np`, which Swift's Glibc module does not
    /// export.
    private static let addCloseFrom: CloseFrom? = dlsym(
        UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np"
    ).map { unsafeBitCast($0, to: CloseFrom.self) }

    /// Adds to `actions` the closing of every descriptor above the three standard ones.
    private static func closeEveryOtherDescriptor(_ actions: inout posix_spawn_file_actions_t) -> Int32 {
        if let addCloseFrom { return addCloseFrom(&actions, 3) }
        // Older C libraries: every descriptor open now (the child ignores those closed meanwhile).
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for descriptor in open.compactMap({ Int32($0) }) where descriptor > 2 {
            let code = posix_spawn_file_actions_addclose(&actions, descriptor)
            if code != 0 { return code }
        }
        return 0
    }

    /// Sends `signal` to the program, unless it has already been waited for.
    func send(_ signal: Int32) {
        termination.withLock { ended in
            if ended == nil { _ = kill(processIdentifier, signal) }
        }
    }

    func terminate() { send(SIGTERM) }

    /// Waits for the program's end on a thread of its own: a test blocked on a child must not hold
    /// one of the few threads every in-process daemon runs its calls on.
    @discardableResult
    func exit() async -> Termination {
        await onOwnThread { self.waitUntilExit() }
    }

    /// Sends `signal` and reaps the program in the background (for a `defer`, which cannot wait).
    func stopInBackground(_ signal: Int32 = SIGTERM) {
        send(signal)
        Thread.detachNewThread { self.waitUntilExit() }
    }

    /// Blocks until the program ends; returns how it ended (the same answer every time).
    @discardableResult
    func waitUntilExit() -> Termination {
        // One waiter at a time reaps the program; `send` does not wait for it.
        waiting.withLock { _ in
            if let ended = termination.withLock({ $0 }) { return ended }
            var status: Int32 = 0
            while waitpid(processIdentifier, &status, 0) == -1 {
                precondition(errno == EINTR, "waitpid: \(String(cString: strerror(errno)))")
            }
            // The <sys/wait.h> macros, which Swift does not import.
            let signal = status & 0x7f
            let outcome: Termination = signal == 0 ? .exited((status >> 8) & 0xff) : .signaled(signal)
            termination.withLock { $0 = outcome }
            return outcome
        }
    }
}

/// The two ends of a pipe, both closed on exec: `ChildProcess` gives the child its end by dup2.
struct PipeEnds {
    let reading: Int32
    let writing: Int32

    init() throws {
        var ends: [Int32] = [-1, -1]
        // Glibc's module does not export pipe2, so the ends are marked one by one; under the lock
        // every spawn takes, no child starting meanwhile inherits them (it would hold the pipe
        // open, and its reader would wait for that child's end).
        try ChildProcess.spawning.withLock { _ in
            guard pipe(&ends) == 0 else {
                throw ChildProcess.Failure(description: "pipe: \(String(cString: strerror(errno)))")
            }
            _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
        }
        reading = ends[0]
        writing = ends[1]
    }
}

/// Descriptor reads and writes that go on when a signal interrupts them.
enum Descriptor {
    /// A write to a pipe whose reader is gone fails with EPIPE instead of killing the test
    /// process. Children start with the default action again (`ChildProcess.spawn`).
    static let ignoreBrokenPipes: Void = { _ = signal(SIGPIPE, SIG_IGN) }()

    /// Writes all of `bytes` to `descriptor`.
    static func write(_ bytes: [UInt8], to descriptor: Int32) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw ChildProcess.Failure(description: "write: \(String(cString: strerror(errno)))")
            }
            offset += written
        }
    }

    /// Reads what is there (waiting for at least one byte); empty at end of file.
    static func readSome(_ descriptor: Int32) throws -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count >= 0 { return Array(buffer[..<count]) }
            if errno != EINTR { throw ChildProcess.Failure(description: "read: \(String(cString: strerror(errno)))") }
        }
    }

    /// Reads both descriptors to their end at once, so that a program filling one pipe while the
    /// other is read never blocks.
    static func readToEnd(_ first: Int32, _ second: Int32) throws -> ([UInt8], [UInt8]) {
        var received: [[UInt8]] = [[], []]
        var open = [true, true]
        let descriptors = [first, second]
        while open.contains(true) {
            var polled = descriptors.enumerated().map { index, descriptor in
                pollfd(fd: open[index] ? descriptor : -1, events: Int16(POLLIN), revents: 0)
            }
            if poll(&polled, nfds_t(polled.count), -1) < 0 {
                if errno == EINTR { continue }
                throw ChildProcess.Failure(description: "poll: \(String(cString: strerror(errno)))")
            }
            for index in 0..<2 where open[index] && polled[index].revents != 0 {
                let chunk = try readSome(descriptors[index])
                if chunk.isEmpty { open[index] = false } else { received[index] += chunk }
            }
        }
        return (received[0], received[1])
    }
}

import Crypto
import CryptoExtras
import Foundation
import NIOPosix

/// Hashes and verifies passwords with scrypt, a memory-hard KDF.
///
/// Each hash carries its own random salt and its parameters, in the PHC string format
/// `$scrypt$ln=15,r=8,p=1$<salt>$<hash>`, so that the parameters can be raised later: old hashes
/// still verify, and ``needsRehash(_:)`` tells when to store a stronger one at the next login.
/// Derivation is CPU- and memory-heavy on purpose, so it runs on a thread pool, never on an
/// event loop.
public struct PasswordHasher: Sendable {
    /// The scrypt cost: N = 2^logRounds, block size r, parallelism p.
    public struct Parameters: Sendable, Hashable {
        public var logRounds: Int
        public var blockSize: Int
        public var parallelism: Int

        public init(logRounds: Int, blockSize: Int = 8, parallelism: Int = 1) {
            self.logRounds = logRounds
            self.blockSize = blockSize
            self.parallelism = parallelism
        }

        /// N = 2^15, r = 8, p = 1: 32 MiB and tens of milliseconds per hash.
        public static let standard = Parameters(logRounds: 15)

        /// Memory one derivation uses, in bytes (128 · r · N).
        public var memory: Int { 128 * blockSize << logRounds }

        fileprivate var isSane: Bool {
            (1...24).contains(logRounds) && (1...32).contains(blockSize) && (1...16).contains(parallelism)
        }
    }

    public let parameters: Parameters
    private let threadPool: NIOThreadPool
    private static let saltByteCount = 16
    private static let hashByteCount = 32

    public init(parameters: Parameters = .standard, threadPool: NIOThreadPool = .singleton) {
        self.parameters = parameters
        self.threadPool = threadPool
    }

    /// A new hash of `password` with a fresh salt, to store.
    public func hash(_ password: String) async throws -> String {
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<Self.saltByteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let parameters = self.parameters
        let derived = try await threadPool.runIfActive {
            try Self.derive(password, salt: salt, parameters: parameters, byteCount: Self.hashByteCount)
        }
        return Self.encode(parameters: parameters, salt: salt, hash: derived)
    }

    /// Whether `password` matches a stored hash; false for a hash that cannot be read.
    public func verify(_ password: String, against stored: String) async throws -> Bool {
        guard let parsed = Self.decode(stored) else { return false }
        let derived = try await threadPool.runIfActive {
            try Self.derive(password, salt: parsed.salt, parameters: parsed.parameters, byteCount: parsed.hash.count)
        }
        return constantTimeEquals(derived, parsed.hash)
    }

    /// Whether a stored hash was made with weaker parameters than this hasher's.
    public func needsRehash(_ stored: String) -> Bool {
        guard let parsed = Self.decode(stored) else { return true }
        return parsed.parameters.memory < parameters.memory || parsed.parameters.parallelism < parameters.parallelism
    }

    private static func derive(_ password: String, salt: [UInt8], parameters: Parameters, byteCount: Int) throws -> [UInt8] {
        let key = try KDF.Scrypt.deriveKey(
            from: Array(password.utf8), salt: salt, outputByteCount: byteCount,
            rounds: 1 << parameters.logRounds, blockSize: parameters.blockSize, parallelism: parameters.parallelism,
            maxMemory: parameters.memory * 2)
        return key.withUnsafeBytes { Array($0) }
    }

    static func encode(parameters: Parameters, salt: [UInt8], hash: [UInt8]) -> String {
        "$scrypt$ln=\(parameters.logRounds),r=\(parameters.blockSize),p=\(parameters.parallelism)$"
            + Base64URL.encode(salt) + "$" + Base64URL.encode(hash)
    }

    static func decode(_ stored: String) -> (parameters: Parameters, salt: [UInt8], hash: [UInt8])? {
        let parts = stored.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0].isEmpty, parts[1] == "scrypt" else { return nil }
        var values: [String: Int] = [:]
        for pair in parts[2].split(separator: ",") {
            let keyValue = pair.split(separator: "=")
            guard keyValue.count == 2, let value = Int(keyValue[1]) else { return nil }
            values[String(keyValue[0])] = value
        }
        guard let logRounds = values["ln"], let blockSize = values["r"], let parallelism = values["p"],
            let salt = Base64URL.decode(String(parts[3])), let hash = Base64URL.decode(String(parts[4])),
            salt.count >= 8, (16...64).contains(hash.count)
        else { return nil }
        let parameters = Parameters(logRounds: logRounds, blockSize: blockSize, parallelism: parallelism)
        guard parameters.isSane else { return nil }
        return (parameters, salt, hash)
    }
}

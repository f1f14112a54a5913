import Crypto
import Foundation
import MyOpenIPProto
import MyOpenIPRPC

/// What a backup wrote.
public struct BackupSummary: Sendable, Hashable {
    public var path: String
    public var bytes: UInt64
    /// The last migration of the copy's schema.
    public var schema: String
    public var takenAt: Date
    public var sha256: String
}

/// Conveniences over the generated client of `myopenip.v1.OperationsService`.
extension OperationsClient {
    /// Takes a backup of the live database into the new file `path` (0600): written as
    /// `path.partial`, checked against its size and SHA-256, then renamed; nothing is left at
    /// `path` when anything fails.
    public func backup(to path: String, options: CallOptions = .default) async throws -> BackupSummary {
        let partial = path + ".partial"
        guard !FileManager.default.fileExists(atPath: path) else {
            throw RPCError(.alreadyExists, "\(path) exists already", reason: "BACKUP_FILE_EXISTS")
        }
        try? FileManager.default.removeItem(atPath: partial)
        guard FileManager.default.createFile(atPath: partial, contents: nil, attributes: [.posixPermissions: 0o600]),
            let file = FileHandle(forWritingAtPath: partial)
        else { throw RPCError(.invalidArgument, "cannot write \(partial)", reason: "BACKUP_FILE_UNWRITABLE") }
        var summary = BackupSummary(path: path, bytes: 0, schema: "", takenAt: Date(), sha256: "")
        var expected: UInt64?
        var digest = SHA256()
        do {
            defer { try? file.close() }
            for try await chunk in try await backup(Myopenip_V1_BackupRequest(), options: options) {
                if expected == nil {
                    expected = chunk.size
                    summary.schema = chunk.schema
                    summary.takenAt = chunk.takenAt.date
                    continue
                }
                guard chunk.offset == summary.bytes else {
                    throw RPCError(.dataLoss, "the backup's chunks came out of order", reason: "BACKUP_INCOMPLETE")
                }
                try file.write(contentsOf: chunk.data)
                digest.update(data: chunk.data)
                summary.bytes += UInt64(chunk.data.count)
                if !chunk.sha256.isEmpty { summary.sha256 = chunk.sha256 }
            }
            try file.synchronize()
            let computed = digest.finalize().map { String(format: "%02x", $0) }.joined()
            guard summary.bytes == expected, !summary.sha256.isEmpty, computed == summary.sha256 else {
                throw RPCError(.dataLoss, "the backup arrived incomplete or damaged", reason: "BACKUP_INCOMPLETE")
            }
            guard rename(partial, path) == 0 else {
                throw RPCError(.invalidArgument, "cannot rename \(partial) to \(path)", reason: "BACKUP_FILE_UNWRITABLE")
            }
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw error
        }
        return summary
    }
}

extension MyOpenIPClient {
    /// `myopenip.v1.OperationsService`.
    public var operations: OperationsClient { OperationsClient(client: self) }
}

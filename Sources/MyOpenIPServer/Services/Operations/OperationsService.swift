import Crypto
import Foundation
import MyOpenIPProto
import MyOpenIPRPC
import MyOpenIPStore
import NIOPosix
import SwiftProtobuf

/// `myopenip.v1.OperationsService`: online backups, for the operator.
public struct OperationsService: OperationsServiceProtocol {
    /// The bytes of a copy in one message.
    static let chunkSize = 1 << 20

    let store: Store
    /// Where the copy is written while it is sent: the data folder, the database's own disk.
    let folder: String
    let threadPool: NIOThreadPool

    public init(store: Store, folder: String, threadPool: NIOThreadPool = .singleton) {
        self.store = store
        self.folder = folder
        self.threadPool = threadPool
    }

    public func backup(
        _ request: Myopenip_V1_BackupRequest, stream: ResponseStream<Myopenip_V1_BackupChunk>, context: ServerContext
    ) async throws {
        let path = folder + "/backup-\(UUID().uuidString.prefix(12)).sqlite"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let takenAt = Date()
        let facts: Store.BackupFacts
        do {
            facts = try await threadPool.runIfActive { [store] in try store.backup(to: path) }
        } catch let error as StoreError {
            context.logger.error("backup failed", metadata: ["error": "\(error)"])
            throw RPCError(.internal, "the backup could not be made: \(error)", reason: "BACKUP_FAILED")
        }
        context.logger.notice("backup taken", metadata: ["bytes": "\(facts.bytes)", "schema": "\(facts.schema)"])
        var first = Myopenip_V1_BackupChunk()
        first.size = UInt64(facts.bytes)
        first.takenAt = Google_Protobuf_Timestamp(date: takenAt)
        first.schema = facts.schema
        try await stream.send(first)
        guard let file = FileHandle(forReadingAtPath: path) else {
            throw RPCError(.internal, "the backup could not be read back", reason: "BACKUP_FAILED")
        }
        defer { try? file.close() }
        var digest = SHA256()
        var offset: UInt64 = 0
        while true {
            try Task.checkCancellation()
            let data = try await threadPool.runIfActive { try file.read(upToCount: Self.chunkSize) ?? Data() }
            var chunk = Myopenip_V1_BackupChunk()
            chunk.offset = offset
            chunk.data = data
            digest.update(data: data)
            offset += UInt64(data.count)
            let last = data.count < Self.chunkSize
            if last { chunk.sha256 = digest.finalize().map { String(format: "%02x", $0) }.joined() }
            try await stream.send(chunk)
            if last { break }
        }
    }
}

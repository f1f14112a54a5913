import Foundation
import GRDB
import Logging

/// The modes of the data folder and database files: they hold password hashes and, until a
/// mail is sent, live password links, so only the daemon's user reads them.
enum DatabaseFiles {
    /// Creates the folder 0700, or checks an existing one: writable by others is refused,
    /// readable by others is used with a warning.
    static func prepareFolder(_ folder: String, logger: Logger) throws {
        let manager = FileManager.default
        if !manager.fileExists(atPath: folder) {
            try manager.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            return
        }
        var status = stat()
        guard stat(folder, &status) == 0 else { return }
        let mode = status.st_mode & 0o7777
        if mode & 0o002 != 0 && mode & 0o1000 == 0 || mode & 0o020 != 0 && status.st_gid != getgid() {
            throw StoreError.unsafeFolder(folder)
        }
        if mode & 0o077 != 0 {
            logger.warning(
                "the data folder is open to other users; 0700 is advised",
                metadata: ["path": "\(folder)", "mode": "\(String(mode, radix: 8))"])
        }
    }

    /// Creates the database file 0600 if it does not exist; takes group and other access away
    /// from the database and its journal files if they have it.
    static func restrict(_ path: String, logger: Logger) {
        if !FileManager.default.fileExists(atPath: path) {
            let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
            if fd >= 0 { close(fd) }
        }
        for file in [path, path + "-wal", path + "-shm"] {
            var status = stat()
            guard stat(file, &status) == 0, status.st_mode & 0o077 != 0 else { continue }
            if chmod(file, 0o600) == 0 {
                logger.warning(
                    "database file was open to other users; now 0600",
                    metadata: ["path": "\(file)", "mode": "\(String(status.st_mode & 0o777, radix: 8))"])
            }
        }
    }
}

extension DatabaseWriter {
    /// Writes the whole journal into the database and empties it, so that what a write blanked
    /// (a sent mail's link) is no longer in the journal file either. It waits for readers only
    /// briefly (reads are short); when it cannot finish, the next one will.
    func truncateJournal() async {
        _ = try? await writeWithoutTransaction { db in try db.checkpoint(.truncate) }
    }
}

/// A failure of the store itself, not of the caller's request: the daemon logs it and answers INTERNAL.
public enum StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A row that the code cannot read back (a value outside its type).
    case corruptRow(table: String, id: Int64)
    /// A sequence ran out (e.g. the 10 digits of logins).
    case sequenceExhausted(String)
    /// The data folder is writable by other users: anyone could replace the database.
    case unsafeFolder(String)
    /// The database holds migrations this build does not know: a newer build wrote it.
    case newerSchema(path: String, unknown: [String])
    /// A backup or a restore could not be done.
    case backupFailed(String)

    public var description: String {
        switch self {
        case .corruptRow(let table, let id): return "row \(id) of \(table) cannot be read"
        case .sequenceExhausted(let name): return "the \(name) sequence is exhausted"
        case .unsafeFolder(let path):
            return "the data folder \(path) is writable by other users: make it 0700 (chmod o-w,g-w) or choose another"
        case .backupFailed(let why): return "backup: \(why)"
        case .newerSchema(let path, let unknown):
            return "the database \(path) was written by a newer build of myopenipd (its migrations "
                + "\(unknown.joined(separator: ", ")) are unknown to this build): it is left untouched; run that newer "
                + "build, or restore a backup made by this one"
        }
    }
}

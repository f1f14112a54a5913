/// How an upgrade changes the service it is ordered on: a numeric characteristic of the upgrade
/// named `added_X` adds to the characteristic `X` of the upgraded offer (« Ajout de canaux SIP »:
/// `added_channels` 5 on a TRUNK SIP of `channels` 10 makes 15). Other characteristics of the
/// upgrade stay its own.
public enum UpgradeCharacteristics {
    public static let addedPrefix = "added_"

    /// The upgraded offer's form with the delivered upgrades' additions.
    public static func merged(_ base: [String: String], upgrades: [[String: String]]) -> [String: String] {
        var result = base
        for upgrade in upgrades {
            for (name, value) in upgrade where name.hasPrefix(addedPrefix) {
                let target = String(name.dropFirst(addedPrefix.count))
                guard let added = Int64(value) else { continue }
                let current = result[target].flatMap { Int64($0) } ?? 0
                result[target] = String(current + added)
            }
        }
        return result
    }
}

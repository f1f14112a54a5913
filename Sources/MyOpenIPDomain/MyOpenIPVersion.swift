/// The release of MyOpenIP that the daemon and its clients were built from, printed by their
/// `--version`. The wire contract is `myopenip.v1` whatever the release.
public enum MyOpenIPVersion {
    public static let current = "0.4.0"
}

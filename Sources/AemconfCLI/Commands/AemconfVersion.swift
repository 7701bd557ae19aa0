/// The version of aemconf, printed by `aemconf version` and sent in `User-Agent`.
public enum AemconfVersion {
    /// The current version string.
    public static let current = "0.1.0"
}

/// The admin API's prefix, `/_sandbox/`, which no real service uses.
public enum SandboxAdminPath {
    /// The prefix without a trailing slash.
    public static let prefix = "/_sandbox"

    /// Whether `path` belongs to the admin API (exempt from faults and the request log).
    public static func isAdmin(_ path: String) -> Bool {
        path == prefix || path.hasPrefix(prefix + "/")
    }
}

/// Absolute repository paths: normalising, joining, splitting.
public enum AEMPath {
    /// `path` with a leading `/`, no trailing `/`, no empty or `.` segments, `..` resolved.
    public static func normalize(_ path: String) -> String {
        var segments: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            if segment == "." { continue }
            if segment == ".." {
                if !segments.isEmpty { segments.removeLast() }
                continue
            }
            segments.append(segment)
        }
        return "/" + segments.joined(separator: "/")
    }

    /// The parent of `path` (`/` for top-level nodes and for `/`).
    public static func parent(of path: String) -> String {
        let path = normalize(path)
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }

    /// The last segment of `path` (empty for `/`).
    public static func name(of path: String) -> String {
        let path = normalize(path)
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// `base` joined with a relative `child` path.
    public static func join(_ base: String, _ child: String) -> String {
        if child.hasPrefix("/") { return normalize(child) }
        return normalize(base + "/" + child)
    }
}

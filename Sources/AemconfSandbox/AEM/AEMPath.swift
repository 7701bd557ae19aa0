/// Absolute repository paths: normalising, joining, splitting.
public enum AEMPath {
    /// `path` with a leading `/`, no trailing `/`, no empty or `.` segments, `..` resolved.
    public static func normalize(_ path: String) -> String {
        if isNormal(path) { return path }
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

    /// Whether `path` is already normal: absolute, no empty, `.` or `..` segment, no trailing slash. One pass
    /// over the bytes, so the common case (paths the sandbox built itself) allocates nothing.
    static func isNormal(_ path: String) -> Bool {
        var utf8 = path.utf8.makeIterator()
        guard utf8.next() == UInt8(ascii: "/") else { return false }
        if path.utf8.count == 1 { return true }
        var segmentLength = 0
        var dots = 0
        while let byte = utf8.next() {
            if byte == UInt8(ascii: "/") {
                if segmentLength == 0 || (dots == segmentLength && dots <= 2) { return false }
                segmentLength = 0
                dots = 0
            } else {
                segmentLength += 1
                if byte == UInt8(ascii: ".") { dots += 1 }
            }
        }
        return segmentLength > 0 && !(dots == segmentLength && dots <= 2)
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

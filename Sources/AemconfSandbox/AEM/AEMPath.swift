/// Absolute repository paths: normalising, joining, splitting.
public enum AEMPath {
    /// `path` with a leading `/`, no trailing `/`, no empty or `.` segments, `..` resolved.
    public static func normalize(_ path: String) -> String {
        if isNormal(path) { return path }
        if path.utf8.allSatisfy({ $0 < 0x80 }) { return normalizeASCII(path) }
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

    /// ``normalize(_:)`` of ASCII text over its bytes (in ASCII no `/` or `.` belongs to a larger character, so
    /// the segments are the same).
    private static func normalizeASCII(_ path: String) -> String {
        let bytes = Array(path.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 1)
        var segmentStarts: [Int] = []
        var index = 0
        while index < bytes.count {
            guard bytes[index] != UInt8(ascii: "/") else {
                index += 1
                continue
            }
            var end = index
            while end < bytes.count, bytes[end] != UInt8(ascii: "/") { end += 1 }
            let segment = bytes[index..<end]
            if segment.elementsEqual([UInt8(ascii: ".")]) {
                // skipped
            } else if segment.elementsEqual([UInt8(ascii: "."), UInt8(ascii: ".")]) {
                if let start = segmentStarts.popLast() { output.removeSubrange(start...) }
            } else {
                segmentStarts.append(output.count)
                output.append(UInt8(ascii: "/"))
                output.append(contentsOf: segment)
            }
            index = end
        }
        return output.isEmpty ? "/" : String(decoding: output, as: UTF8.self)
    }

    /// Whether `path` is already normal: absolute, no empty, `.` or `..` segment, no trailing slash. One pass
    /// over the bytes, so the common case (paths the sandbox built itself) allocates nothing.
    static func isNormal(_ path: String) -> Bool {
        path.utf8.withContiguousStorageIfAvailable(isNormal) ?? isNormal(Array(path.utf8))
    }

    private static func isNormal(_ bytes: some Collection<UInt8>) -> Bool {
        var utf8 = bytes.makeIterator()
        guard utf8.next() == UInt8(ascii: "/") else { return false }
        if bytes.count == 1 { return true }
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
        guard let slash = SandboxText.lastSlash(in: path), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }

    /// The last segment of `path` (empty for `/`).
    public static func name(of path: String) -> String {
        let path = normalize(path)
        guard let slash = SandboxText.lastSlash(in: path) else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// `base` joined with a relative `child` path.
    public static func join(_ base: String, _ child: String) -> String {
        if child.hasPrefix("/") { return normalize(child) }
        return normalize(base + "/" + child)
    }
}

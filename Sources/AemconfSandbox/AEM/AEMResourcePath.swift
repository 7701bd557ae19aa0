/// Sling's URL decomposition: the longest existing resource path, then selectors and extension
/// (`/a/b.tidy.infinity.json` → `/a/b`, `[tidy, infinity]`, `json`; `/.1.json` → `/`, `[1]`, `json`).
struct AEMResourcePath: Equatable {
    var resourcePath: String
    var selectors: [String]
    var `extension`: String?

    /// Resolves `path` against the repository; `nil` when no prefix of it exists.
    static func resolve(_ path: String, in aem: AEMState) -> AEMResourcePath? {
        let normalized = AEMPath.normalize(path)
        if aem.exists(normalized) {
            return AEMResourcePath(resourcePath: normalized, selectors: [], extension: nil)
        }
        let parent = AEMPath.parent(of: normalized)
        let name = AEMPath.name(of: normalized)
        var candidate = name
        while let dot = candidate.lastIndex(of: ".") {
            candidate = String(candidate[..<dot])
            let resourcePath = AEMPath.join(parent, candidate)
            if !candidate.isEmpty, aem.exists(resourcePath) {
                let rest = name.dropFirst(candidate.count + 1).split(separator: ".", omittingEmptySubsequences: false)
                    .map(String.init)
                guard let last = rest.last else { return nil }
                return AEMResourcePath(resourcePath: resourcePath, selectors: Array(rest.dropLast()), extension: last)
            }
        }
        // The repository root reads like any path: `/.json`, `/.1.json`, `/.tidy.infinity.json` (aem.md §0.4).
        if parent == "/", name.hasPrefix("."), aem.exists("/") {
            let rest = name.dropFirst().split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard let last = rest.last, !last.isEmpty else { return nil }
            return AEMResourcePath(resourcePath: "/", selectors: Array(rest.dropLast()), extension: last)
        }
        return nil
    }

    /// The path a Sling POST writes for `path`: the existing resource, else the path without the
    /// selectors and extension of its last segment.
    static func postTarget(_ path: String, in aem: AEMState) -> String {
        let normalized = AEMPath.normalize(path)
        if aem.exists(normalized) { return normalized }
        if let resolved = resolve(normalized, in: aem) { return resolved.resourcePath }
        let name = AEMPath.name(of: normalized)
        guard let dot = name.firstIndex(of: "."), dot != name.startIndex else { return normalized }
        return AEMPath.join(AEMPath.parent(of: normalized), String(name[..<dot]))
    }
}

/// `segmentSync` of a Target cloud service: "Synchronize segments from Adobe Target".
public struct SegmentSync: Sendable, Hashable {
    /// Who synchronises.
    public var mode: SegmentSyncMode
    /// Target workspace ids (as audiences' `workspace` field carries them) whose audiences are synchronised; empty
    /// means every audience the credential sees (its product profiles decide) (`aemconf` mode).
    public var workspaces: [String]
    /// Audience name patterns to synchronise (`*` and `?` wildcards); empty means every name (`aemconf` mode).
    public var include: [String]
    /// Audience name patterns never synchronised, applied after `include` (`aemconf` mode).
    public var exclude: [String]
    /// The AEM folder holding this cloud service's segments; `nil` means one folder per cloud service
    /// under the assumed segmentation root (`aemconf` mode).
    public var root: String?
    /// Delete AEM segments aemconf created whose audience is gone (`aemconf` mode).
    public var prune: Bool
    /// Refuse a sync that would delete more than this many segments (`aemconf` mode).
    public var maxDeletes: Int
    /// A full pass over every audience (which catches deletions) at least this often (`aemconf` mode).
    public var fullResyncEveryDays: Int

    /// The default workspace list: no filter.
    public static let defaultWorkspaces: [String] = []
    /// The default deletion cap.
    public static let defaultMaxDeletes = 50
    /// The default interval between full passes.
    public static let defaultFullResyncEveryDays = 7

    /// Creates segment-sync settings.
    public init(
        mode: SegmentSyncMode = .aemconf,
        workspaces: [String] = SegmentSync.defaultWorkspaces,
        include: [String] = [],
        exclude: [String] = [],
        root: String? = nil,
        prune: Bool = false,
        maxDeletes: Int = SegmentSync.defaultMaxDeletes,
        fullResyncEveryDays: Int = SegmentSync.defaultFullResyncEveryDays
    ) {
        self.mode = mode
        self.workspaces = workspaces
        self.include = include
        self.exclude = exclude
        self.root = root
        self.prune = prune
        self.maxDeletes = maxDeletes
        self.fullResyncEveryDays = fullResyncEveryDays
    }

    /// Whether an audience of `workspace` named `name` passes `workspaces`, `include` and `exclude`.
    public func accepts(name: String, workspace: String) -> Bool {
        if !workspaces.isEmpty, !workspaces.contains(workspace) { return false }
        if !include.isEmpty, !include.contains(where: { NamePattern.matches($0, name) }) { return false }
        return !exclude.contains { NamePattern.matches($0, name) }
    }
}

/// Name patterns of `include`/`exclude`: `*` any run of characters, `?` one character, the rest literal.
public enum NamePattern {
    /// Whether `name` matches `pattern` as a whole.
    public static func matches(_ pattern: String, _ name: String) -> Bool {
        let pattern = Array(pattern)
        let name = Array(name)
        var p = 0
        var n = 0
        var star: Int?
        var resume = 0
        while n < name.count {
            if p < pattern.count, pattern[p] == "?" || pattern[p] == name[n] {
                p += 1
                n += 1
            } else if p < pattern.count, pattern[p] == "*" {
                star = p
                resume = n
                p += 1
            } else if let star {
                p = star + 1
                resume += 1
                n = resume
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}

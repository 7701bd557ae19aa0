import Foundation

/// A Target tenant: its workspaces and audiences, with the sorted indexes that make a list page of
/// 100,000 audiences cheap (no sort per request for the orders clients use: `id`, `name`, and their `-`).
///
/// Only ``audiences`` and the plain fields are persisted; the indexes are rebuilt when decoding.
public struct TargetTenant: Codable, Sendable {
    /// Tenant id.
    public var id: String
    /// The IMS org (`…@AdobeOrg`) that owns the tenant.
    public var imsOrgCode: String
    /// Workspaces; exactly one is the default.
    public var workspaces: [TargetWorkspace]
    /// Next audience id to hand out.
    public var nextAudienceID: Int64
    /// Audiences by id.
    public private(set) var audiences: [Int64: TargetAudience]

    private var indexes: [String: TargetAudienceIndex] = [:]
    private var idsByName: [String: Int64] = [:]

    private enum CodingKeys: String, CodingKey {
        case id, imsOrgCode, workspaces, nextAudienceID, audiences
    }

    /// Creates a tenant and builds its indexes (one sort per workspace, for large seeds).
    public init(
        id: String, imsOrgCode: String, workspaces: [TargetWorkspace], audiences: [TargetAudience] = [],
        nextAudienceID: Int64? = nil
    ) {
        self.id = id
        self.imsOrgCode = imsOrgCode
        self.workspaces = workspaces
        self.audiences = Dictionary(audiences.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
        self.nextAudienceID = nextAudienceID ?? ((audiences.map(\.id).max() ?? 1_000_000) + 1)
        rebuildIndexes()
    }

    /// Decodes the persisted fields and rebuilds the indexes.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        imsOrgCode = try container.decode(String.self, forKey: .imsOrgCode)
        workspaces = try container.decode([TargetWorkspace].self, forKey: .workspaces)
        let list = try container.decode([TargetAudience].self, forKey: .audiences)
        audiences = Dictionary(list.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
        nextAudienceID =
            try container.decodeIfPresent(Int64.self, forKey: .nextAudienceID)
            ?? ((list.map(\.id).max() ?? 1_000_000) + 1)
        rebuildIndexes()
    }

    /// Encodes the persisted fields (audiences as an array in id order).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(imsOrgCode, forKey: .imsOrgCode)
        try container.encode(workspaces, forKey: .workspaces)
        try container.encode(nextAudienceID, forKey: .nextAudienceID)
        try container.encode(audiences.values.sorted { $0.id < $1.id }, forKey: .audiences)
    }

    /// The default workspace.
    public var defaultWorkspace: TargetWorkspace? {
        workspaces.first { $0.isDefault } ?? workspaces.first
    }

    /// The id of the audience called `name`, if any.
    public func audienceID(named name: String) -> Int64? {
        idsByName[name]
    }

    /// Number of audiences in `workspaceID`.
    public func count(inWorkspace workspaceID: String) -> Int {
        indexes[workspaceID]?.byID.count ?? 0
    }

    /// Adds or replaces an audience, keeping the indexes sorted.
    public mutating func put(_ audience: TargetAudience) {
        if let old = audiences[audience.id] { unindex(old) }
        audiences[audience.id] = audience
        index(audience)
        if audience.id >= nextAudienceID { nextAudienceID = audience.id + 1 }
    }

    /// Removes an audience; returns it.
    @discardableResult
    public mutating func remove(id: Int64) -> TargetAudience? {
        guard let old = audiences.removeValue(forKey: id) else { return nil }
        unindex(old)
        return old
    }

    /// Hands out the next audience id.
    public mutating func makeAudienceID() -> Int64 {
        let id = nextAudienceID
        nextAudienceID += 1
        return id
    }

    /// One page of the audiences of `workspaceIDs` in an indexed order, plus the total.
    ///
    /// - Parameters:
    ///   - byName: sort by name (ties by id) instead of by id.
    ///   - descending: reverse the order.
    public func page(workspaceIDs: [String], byName: Bool, descending: Bool, offset: Int, limit: Int)
        -> (audiences: [TargetAudience], total: Int)
    {
        let lists = workspaceIDs.compactMap { indexes[$0] }
        let total = lists.reduce(0) { $0 + $1.byID.count }
        guard offset < total, limit > 0 else { return ([], total) }
        let wanted = min(limit, total - offset)
        var result: [TargetAudience] = []
        result.reserveCapacity(wanted)
        if lists.count == 1, let list = lists.first {
            let count = list.byID.count
            for position in offset..<(offset + wanted) {
                let index = descending ? count - 1 - position : position
                let id = byName ? list.byName[index].id : list.byID[index]
                if let audience = audiences[id] { result.append(audience) }
            }
            return (result, total)
        }
        // k-way merge of the workspace lists, skipping `offset` items.
        var cursors = lists.map { descending ? $0.byID.count - 1 : 0 }
        var produced = 0
        while result.count < wanted {
            var best: Int?
            for (listIndex, list) in lists.enumerated() {
                let cursor = cursors[listIndex]
                guard cursor >= 0, cursor < list.byID.count else { continue }
                guard let current = best else {
                    best = listIndex
                    continue
                }
                let candidate = key(list, cursor, byName: byName)
                let incumbent = key(lists[current], cursors[current], byName: byName)
                if descending ? incumbent < candidate : candidate < incumbent { best = listIndex }
            }
            guard let chosen = best else { break }
            let id = byName ? lists[chosen].byName[cursors[chosen]].id : lists[chosen].byID[cursors[chosen]]
            cursors[chosen] += descending ? -1 : 1
            if produced >= offset, let audience = audiences[id] { result.append(audience) }
            produced += 1
        }
        return (result, total)
    }

    private func key(_ list: TargetAudienceIndex, _ cursor: Int, byName: Bool) -> TargetAudienceIndex.NameKey {
        byName ? list.byName[cursor] : TargetAudienceIndex.NameKey(name: "", id: list.byID[cursor])
    }

    private mutating func rebuildIndexes() {
        var built: [String: TargetAudienceIndex] = [:]
        var names: [String: Int64] = [:]
        for audience in audiences.values {
            built[audience.workspace, default: TargetAudienceIndex()].byID.append(audience.id)
            built[audience.workspace, default: TargetAudienceIndex()].byName.append(
                TargetAudienceIndex.NameKey(name: audience.name, id: audience.id))
            names[audience.name] = audience.id
        }
        for key in built.keys {
            built[key]?.byID.sort()
            built[key]?.byName.sort()
        }
        indexes = built
        idsByName = names
    }

    private mutating func index(_ audience: TargetAudience) {
        indexes[audience.workspace, default: TargetAudienceIndex()].insert(audience)
        idsByName[audience.name] = audience.id
    }

    private mutating func unindex(_ audience: TargetAudience) {
        indexes[audience.workspace]?.remove(audience)
        if idsByName[audience.name] == audience.id { idsByName[audience.name] = nil }
    }
}

/// The sorted id and name orders of one workspace's audiences.
struct TargetAudienceIndex: Sendable {
    /// A name-order key: name, then id.
    struct NameKey: Comparable, Sendable {
        var name: String
        var id: Int64

        static func < (lhs: NameKey, rhs: NameKey) -> Bool {
            lhs.name != rhs.name ? lhs.name < rhs.name : lhs.id < rhs.id
        }
    }

    /// Ids ascending.
    var byID: [Int64] = []
    /// Name keys ascending.
    var byName: [NameKey] = []

    mutating func insert(_ audience: TargetAudience) {
        let key = NameKey(name: audience.name, id: audience.id)
        byID.insert(audience.id, at: Self.insertionPoint(byID, audience.id))
        byName.insert(key, at: Self.insertionPoint(byName, key))
    }

    mutating func remove(_ audience: TargetAudience) {
        let key = NameKey(name: audience.name, id: audience.id)
        let idPosition = Self.insertionPoint(byID, audience.id)
        if idPosition < byID.count, byID[idPosition] == audience.id { byID.remove(at: idPosition) }
        let namePosition = Self.insertionPoint(byName, key)
        if namePosition < byName.count, byName[namePosition] == key { byName.remove(at: namePosition) }
    }

    static func insertionPoint<T: Comparable>(_ array: [T], _ value: T) -> Int {
        var low = 0
        var high = array.count
        while low < high {
            let middle = (low + high) / 2
            if array[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

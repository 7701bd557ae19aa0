/// Repository operations on the flat path → node map (pure; no HTTP).
extension AEMState {
    /// The node at `path`, if any.
    public func node(at path: String) -> AEMNode? {
        nodes[AEMPath.normalize(path)]
    }

    /// Whether a node exists at `path`.
    public func exists(_ path: String) -> Bool {
        nodes[AEMPath.normalize(path)] != nil
    }

    /// Creates the node at `path` (and missing ancestors as `intermediateType`) unless it exists;
    /// returns whether it was created.
    @discardableResult
    public mutating func ensureNode(
        _ path: String,
        primaryType: String = "nt:unstructured",
        intermediateType: String = "nt:unstructured"
    ) -> Bool {
        let path = AEMPath.normalize(path)
        if nodes[path] != nil { return false }
        let parent = AEMPath.parent(of: path)
        ensureNode(parent, primaryType: intermediateType, intermediateType: intermediateType)
        nodes[path] = AEMNode(primaryType: primaryType)
        nodes[parent]?.children.append(AEMPath.name(of: path))
        return true
    }

    /// Sets (or with `nil` removes) a property of the existing node at `path`.
    public mutating func setProperty(_ name: String, _ value: AEMValue?, at path: String) {
        let path = AEMPath.normalize(path)
        nodes[path]?.properties[name] = value
    }

    /// Removes the node at `path` and its whole subtree; returns whether it existed.
    @discardableResult
    public mutating func removeNode(_ path: String) -> Bool {
        let path = AEMPath.normalize(path)
        guard path != "/", let node = nodes[path] else { return false }
        for child in node.children {
            removeNode(AEMPath.join(path, child))
        }
        nodes[path] = nil
        let parent = AEMPath.parent(of: path)
        let name = AEMPath.name(of: path)
        nodes[parent]?.children.removeAll { $0 == name }
        return true
    }

    /// The child paths of `path`, in order.
    public func childPaths(of path: String) -> [String] {
        let path = AEMPath.normalize(path)
        return (nodes[path]?.children ?? []).map { AEMPath.join(path, $0) }
    }

    /// The number of nodes in the subtree at `path` down to `depth` levels (`nil` = all).
    public func countNodes(at path: String, depth: Int?) -> Int {
        guard exists(path) else { return 0 }
        if depth == 0 { return 1 }
        return 1 + childPaths(of: path).reduce(0) { $0 + countNodes(at: $1, depth: depth.map { $0 - 1 }) }
    }

    /// The user whose node is at `path`.
    public func user(atPath path: String) -> AEMUser? {
        users.values.first { $0.path == AEMPath.normalize(path) }
    }

    /// Adds a user and its node (`rep:User`, or `rep:SystemUser` without a password).
    public mutating func addUser(_ user: AEMUser) {
        users[user.id] = user
        ensureNode(
            user.path,
            primaryType: user.password == nil ? "rep:SystemUser" : "rep:User",
            intermediateType: "rep:AuthorizableFolder"
        )
        setProperty("rep:authorizableId", .string(user.id), at: user.path)
        setProperty("rep:principalName", .string(user.id), at: user.path)
    }
}

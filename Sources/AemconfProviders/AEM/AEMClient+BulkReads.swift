import AemconfModel

/// Reads of many objects in few requests (QueryBuilder, aem.md §0.4): a plan refreshes thousands of
/// resources, and a `.N.json` read of a large folder answers `300` over Sling's result cap.
extension AEMClient {
    /// The JCR paths of the nodes QueryBuilder finds, `pageSize` hits per request.
    public func queryPaths(
        path: String,
        type: String,
        pageSize: Int = ServiceAssumptions.queryBuilderPageSize,
        step: String
    ) async throws -> [String] {
        try await queryHits(
            path: path, type: type, hits: "selective", properties: ["jcr:path"], pageSize: pageSize, step: step
        )
        .compactMap { $0["jcr:path"]?.stringValue }
    }

    /// The nodes QueryBuilder finds with all their properties (`p.hits=full`), `pageSize` per request.
    public func queryNodes(
        path: String,
        type: String,
        pageSize: Int = ServiceAssumptions.queryBuilderPageSize,
        step: String
    ) async throws -> [(path: String, properties: [String: JSONValue])] {
        try await queryHits(path: path, type: type, hits: "full", properties: [], pageSize: pageSize, step: step)
            .compactMap { hit in
                guard let path = hit["jcr:path"]?.stringValue, let properties = hit.objectValue else { return nil }
                return (path, properties)
            }
    }

    private func queryHits(
        path: String,
        type: String,
        hits: String,
        properties: [String],
        pageSize: Int,
        step: String
    ) async throws -> [JSONValue] {
        var result: [JSONValue] = []
        var offset = 0
        while true {
            var query: [(name: String, value: String)] = [
                ("path", path), ("type", type), ("p.hits", hits), ("p.limit", "\(pageSize)"), ("p.offset", "\(offset)"),
                ("orderby", "path"),
            ]
            if !properties.isEmpty { query.append(("p.properties", properties.joined(separator: " "))) }
            guard let json = try await getJSON("/bin/querybuilder.json", query: query, step: step) else {
                return result
            }
            let page = json["hits"]?.arrayValue ?? []
            result += page
            offset += page.count
            let more = json["more"]?.boolValue ?? false
            if page.isEmpty || !more { return result }
        }
    }

    /// The `jcr:content` properties of every Target cloud service, by page name, in one query per page of hits.
    public func targetCloudServices() async throws -> [String: [String: JSONValue]] {
        let root = ServiceAssumptions.targetCloudServiceRoot
        let nodes = try await queryNodes(path: root, type: "cq:PageContent", step: "reading the Target cloud services")
        var result: [String: [String: JSONValue]] = [:]
        for node in nodes {
            // Only `<root>/<page>/jcr:content`, not frameworks or deeper pages.
            let relative = node.path.dropFirst(root.count + 1)
            let parts = relative.split(separator: "/")
            guard node.path.hasPrefix(root + "/"), parts.count == 2, parts[1] == "jcr:content" else { continue }
            result[String(parts[0])] = node.properties
        }
        return result
    }
}

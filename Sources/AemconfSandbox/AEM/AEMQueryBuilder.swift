import Hummingbird

/// `GET /bin/querybuilder.json` subset (aem.md §0.4, §1.1): `path`, `type`, the property and range predicates of
/// ``AEMQueryPredicates``, `nodename`, `p.limit` (default 10, `-1` = all), `p.offset`, `p.hits`
/// (`simple`, `selective` with `p.properties`, `full`).
enum AEMQueryBuilder {
    static func search(_ request: AEMRequest, aem: AEMState) -> Response {
        let root = AEMPath.normalize(request.value("path") ?? "/")
        let type = request.value("type")
        let predicates = AEMQueryPredicates(request)
        let nodeName = request.value("nodename")
        let limit = Int(request.value("p.limit") ?? "10") ?? 10
        let offset = max(0, Int(request.value("p.offset") ?? "0") ?? 0)
        let hitsMode = request.value("p.hits") ?? "simple"
        let selected = (request.value("p.properties") ?? "").split(separator: " ").map(String.init)

        var matches: [String] = []
        var stack = Array(aem.childPaths(of: root).reversed())
        while let path = stack.popLast() {
            stack.append(contentsOf: aem.childPaths(of: path).reversed())
            guard let node = aem.node(at: path) else { continue }
            if let type, type != "nt:base", node.primaryType != type { continue }
            if let nodeName, AEMPath.name(of: path) != nodeName { continue }
            if !predicates.matches(node) { continue }
            matches.append(path)
        }
        let page = Array(matches.dropFirst(offset).prefix(limit < 0 ? Int.max : limit))
        let hits: [AEMJSONWriter.Value] = page.map { path in
            switch hitsMode {
            case "selective":
                return .object(selected.compactMap { name in
                    if name == "jcr:path" { return (name, .string(path)) }
                    guard let value = aem.node(at: path)?.properties[name] else { return nil }
                    return (name, AEMGetServlet.render(value))
                })
            case "full":
                var object = AEMGetServlet.object(at: path, aem: aem, depth: 0)
                if case .object(var members) = object {
                    members.insert(("jcr:path", .string(path)), at: 0)
                    object = .object(members)
                }
                return object
            default:
                let title = aem.node(at: AEMPath.join(path, "jcr:content"))?.properties["jcr:title"]?.stringValue
                    ?? aem.node(at: path)?.properties["jcr:title"]?.stringValue ?? AEMPath.name(of: path)
                return .object([
                    ("path", .string(path)), ("excerpt", .string("")), ("name", .string(AEMPath.name(of: path))),
                    ("title", .string(title)),
                ])
            }
        }
        return AEMResponses.json(
            .object([
                ("success", .bool(true)), ("results", .integer(Int64(page.count))),
                ("total", .integer(Int64(matches.count))), ("more", .bool(offset + page.count < matches.count)),
                ("offset", .integer(Int64(offset))), ("hits", .array(hits)),
            ])
        )
    }
}

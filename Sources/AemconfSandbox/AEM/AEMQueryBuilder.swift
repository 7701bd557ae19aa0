import Hummingbird

/// `GET /bin/querybuilder.json` (aem.md §0.4, §1.1): the predicates of ``AEMQueryPredicates`` (any other is
/// refused with `400`), `p.limit` (default 10, `-1` = all), `p.offset`, `p.hits` (`simple`, `selective` with
/// `p.properties`, `full`).
enum AEMQueryBuilder {
    static func search(_ request: AEMRequest, aem: AEMState) -> Response {
        let query: AEMQueryPredicates
        do {
            query = try AEMQueryPredicates(
                request.parameters.fields.compactMap { field in
                    field.text.map { (field.name, $0) }
                })
        } catch {
            return AEMResponses.errorPage(.badRequest, message: error.message)
        }
        let root = query.root
        let limit = query.limit
        let offset = query.offset
        let hitsMode = query.hits
        let selected = query.selectedProperties

        var found: [String] = []
        var stack = Array(aem.childPaths(of: root).reversed())
        while let path = stack.popLast() {
            stack.append(contentsOf: aem.childPaths(of: path).reversed())
            if query.matches(path, in: aem) { found.append(path) }
        }
        let matches = query.ordered(found, in: aem)
        let page = Array(matches.dropFirst(offset).prefix(limit < 0 ? Int.max : limit))
        let hits: [AEMJSONWriter.Value] = page.map { path in
            switch hitsMode {
            case "selective":
                return .object(
                    selected.compactMap { name in
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
                let title =
                    aem.node(at: AEMPath.join(path, "jcr:content"))?.properties["jcr:title"]?.stringValue
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

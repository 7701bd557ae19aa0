import Foundation
import Hummingbird

/// Sling's default GET servlet subset (aem.md §0.4): `.json`, `.N.json`, `.infinity.json`, `.tidy`,
/// raw `nt:file` streams, `300` over the result cap, `404` for missing paths.
enum AEMGetServlet {
    static func render(_ request: AEMRequest, aem: AEMState) -> Response {
        guard let resolved = AEMResourcePath.resolve(request.path, in: aem),
            let node = aem.node(at: resolved.resourcePath)
        else {
            return AEMResponses.notFound(request.path)
        }
        switch resolved.extension {
        case nil:
            if node.primaryType == "nt:file" {
                let content = aem.node(at: AEMPath.join(resolved.resourcePath, "jcr:content"))
                let data: Data
                if case .binary(let bytes)? = content?.properties["jcr:data"] {
                    data = bytes
                } else {
                    data = Data((content?.properties["jcr:data"]?.stringValue ?? "").utf8)
                }
                let mimeType = content?.properties["jcr:mimeType"]?.stringValue ?? "application/octet-stream"
                return AEMResponses.binary(data, contentType: mimeType)
            }
            return html(resolved.resourcePath, node: node)
        case "json":
            return json(resolved, aem: aem)
        case "html":
            return html(resolved.resourcePath, node: node)
        default:
            return AEMResponses.notFound(request.path)
        }
    }

    private static func html(_ path: String, node: AEMNode) -> Response {
        let rows = node.properties.keys.sorted().map { name in
            "<tr><td>\(AEMResponses.escape(name))</td><td>\(AEMResponses.escape(node.properties[name]?.stringValues.joined(separator: ", ") ?? ""))</td></tr>"
        }
        return AEMResponses.text(
            "<html><head><title>\(AEMResponses.escape(path))</title></head><body><h1>\(AEMResponses.escape(path))</h1><table>\(rows.joined())</table></body></html>",
            contentType: "text/html;charset=utf-8"
        )
    }

    private static func json(_ resolved: AEMResourcePath, aem: AEMState) -> Response {
        var tidy = false
        var depth: Int? = 0
        for selector in resolved.selectors {
            switch selector {
            case "tidy": tidy = true
            case "harray": continue
            case "infinity": depth = nil
            default:
                guard let level = Int(selector), level >= 0 else {
                    return AEMResponses.errorPage(
                        .badRequest, message: "invalid recursion selector value '\(selector)'")
                }
                depth = level
            }
        }
        let maximum = SandboxAssumptions.aemJSONMaximumResults
        if aem.countNodes(at: resolved.resourcePath, depth: depth) > maximum {
            var level = 0
            while aem.countNodes(at: resolved.resourcePath, depth: level + 1) <= maximum,
                depth.map({ level + 1 < $0 }) ?? true
            {
                level += 1
                if level > 1000 { break }
            }
            let prefix = resolved.resourcePath + (tidy ? ".tidy" : "")
            let links = stride(from: level, through: 0, by: -1).map {
                AEMJSONWriter.Value.string("\(prefix).\($0).json")
            }
            return AEMResponses.json(.array(links), status: .multipleChoices)
        }
        return AEMResponses.json(object(at: resolved.resourcePath, aem: aem, depth: depth), tidy: tidy)
    }

    /// The Sling JSON rendering of the node at `path` with `depth` levels of children (`nil` = all).
    static func object(at path: String, aem: AEMState, depth: Int?) -> AEMJSONWriter.Value {
        guard let node = aem.node(at: path) else { return .object([]) }
        var members: [(String, AEMJSONWriter.Value)] = []
        let names = node.properties.keys.sorted { lhs, rhs in
            if lhs == "jcr:primaryType" { return true }
            if rhs == "jcr:primaryType" { return false }
            return lhs < rhs
        }
        for name in names {
            guard let value = node.properties[name] else { continue }
            switch value {
            case .binary(let data): members.append((":" + name, .integer(Int64(data.count))))
            default: members.append((name, render(value)))
            }
        }
        if depth.map({ $0 > 0 }) ?? true {
            for child in node.children {
                members.append((child, object(at: AEMPath.join(path, child), aem: aem, depth: depth.map { $0 - 1 })))
            }
        }
        return .object(members)
    }

    static func render(_ value: AEMValue) -> AEMJSONWriter.Value {
        switch value {
        case .string(let text): .string(text)
        case .strings(let texts): .array(texts.map { .string($0) })
        case .boolean(let flag): .bool(flag)
        case .booleans(let flags): .array(flags.map { .bool($0) })
        case .long(let number): .integer(number)
        case .longs(let numbers): .array(numbers.map { .integer($0) })
        case .double(let number): .double(number)
        case .doubles(let numbers): .array(numbers.map { .double($0) })
        case .date(let text): .string(AEMDateFormat.ecma(text))
        case .binary(let data): .integer(Int64(data.count))
        }
    }
}

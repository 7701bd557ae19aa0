import Foundation

/// `:operation=import` with `:contentType=json` (aem.md §0.3): `:content` or `:contentFile`,
/// `:name`/`:nameHint`, `:replace`, `:replaceProperties`.
enum AEMPostImport {
    static func execute(_ request: AEMRequest, aem: inout AEMState) -> AEMPostResult {
        let target = AEMResourcePath.postTarget(request.path, in: aem)
        guard let contentType = request.value(":contentType"), !contentType.isEmpty else {
            return .failure(412, path: target, "required parameter ':contentType' is missing")
        }
        let content = request.value(":content") ?? request.parameters.field(":contentFile")?.text
        guard let content, !content.isEmpty else {
            return .failure(412, path: target, "missing content for import")
        }
        guard contentType == "json" else {
            return .failure(
                500, path: target, "content type '\(contentType)' is not supported by the sandbox; use 'json'")
        }
        guard let parsed = SandboxJSON.parse(Data(content.utf8))?.objectValue else {
            return .failure(
                500, path: target, "the ':content' is not a JSON object", errorClass: "javax.jcr.RepositoryException")
        }
        var nodePath = target
        if let name = request.value(":name"), !name.isEmpty {
            guard aem.exists(target) else { return .failure(404, path: target, "parent '\(target)' does not exist") }
            nodePath = AEMPath.join(target, name)
        } else if request.value(":nameHint") != nil {
            guard aem.exists(target) else { return .failure(404, path: target, "parent '\(target)' does not exist") }
            nodePath = AEMPath.join(target, AEMPostServlet.generatedName(request, parent: target, aem: &aem))
        } else {
            guard aem.exists(AEMPath.parent(of: target)) else {
                return .failure(404, path: target, "parent '\(AEMPath.parent(of: target))' does not exist")
            }
        }
        let replace = request.value(":replace") == "true"
        let replaceProperties = request.value(":replaceProperties") == "true"
        var changes: [AEMPostResult.Change] = []
        if replace, aem.removeNode(nodePath) {
            changes.append(.init(type: "deleted", arguments: [nodePath]))
        }
        importObject(parsed, at: nodePath, replaceProperties: replaceProperties, aem: &aem, changes: &changes)
        return AEMPostResult(status: 200, path: nodePath, isCreate: true, changes: changes)
    }

    private static func importObject(
        _ object: [String: SandboxJSON],
        at path: String,
        replaceProperties: Bool,
        aem: inout AEMState,
        changes: inout [AEMPostResult.Change]
    ) {
        let primaryType = object["jcr:primaryType"]?.stringValue ?? "nt:unstructured"
        if aem.ensureNode(path, primaryType: primaryType) {
            changes.append(.init(type: "created", arguments: [path]))
        }
        for key in object.keys.sorted() {
            guard let value = object[key], key != "jcr:primaryType" else { continue }
            if let child = value.objectValue {
                importObject(
                    child, at: AEMPath.join(path, key), replaceProperties: replaceProperties, aem: &aem,
                    changes: &changes)
                continue
            }
            if aem.node(at: path)?.properties[key] != nil, !replaceProperties { continue }
            guard let converted = convert(value) else { continue }
            aem.setProperty(key, converted, at: path)
            changes.append(.init(type: "modified", arguments: [AEMPath.join(path, key)]))
        }
    }

    private static func convert(_ value: SandboxJSON) -> AEMValue? {
        switch value {
        case .bool(let flag): return .boolean(flag)
        case .integer(let number): return .long(number)
        case .number(let number): return .double(number)
        case .string(let text): return .string(text)
        case .array(let items):
            let integers = items.compactMap { item -> Int64? in
                if case .integer(let number) = item { return number }
                return nil
            }
            if !items.isEmpty, integers.count == items.count { return .longs(integers) }
            let flags = items.compactMap { item -> Bool? in
                if case .bool(let flag) = item { return flag }
                return nil
            }
            if !items.isEmpty, flags.count == items.count { return .booleans(flags) }
            return .strings(items.compactMap { $0.stringValue })
        case .null, .object: return nil
        }
    }
}

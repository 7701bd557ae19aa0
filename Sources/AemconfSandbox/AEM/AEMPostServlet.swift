import Crypto
import Foundation
import Hummingbird

/// The Sling POST servlet subset of aem.md §0.3: create/modify (`200`/`201`), the `./` rule,
/// `:`-fields ignored, `@TypeHint`, `@Delete`, `@DefaultValue`, `@UseDefaultWhenMissing`,
/// `@IgnoreBlanks`, `@ValueFrom`, `@Patch`, `@Encrypted` (under `/etc/cloudservices`), file uploads,
/// generated names for `/` and `/*`, and `:operation=delete|import|move|copy|nop`.
enum AEMPostServlet {
    static func handle(_ request: AEMRequest, store: SandboxStore) async -> Response {
        let now = await store.now()
        let result = await store.mutate { state in
            execute(request, aem: &state.aem, now: now)
        }
        return result.response(for: request)
    }

    static func execute(_ request: AEMRequest, aem: inout AEMState, now: Date) -> AEMPostResult {
        let operation = request.value(":operation") ?? ""
        switch operation {
        case "":
            return modify(request, aem: &aem, now: now)
        case "delete":
            return delete(request, aem: &aem)
        case "import":
            return AEMPostImport.execute(request, aem: &aem)
        case "move", "copy":
            return moveOrCopy(request, move: operation == "move", aem: &aem)
        case "nop":
            let status = Int(request.value(":nopstatus") ?? "200") ?? 200
            return AEMPostResult(status: status, path: AEMPath.normalize(request.path))
        default:
            return .failure(
                500, path: AEMPath.normalize(request.path),
                "Invalid operation specified for POST request: '\(operation)'",
                errorClass: "org.apache.sling.api.resource.PersistenceException")
        }
    }

    // MARK: modify

    private struct PropertySpec {
        var values: [String] = []
        var files: [SandboxForm.Field] = []
        var hasValue = false
        var typeHint: String?
        var delete = false
        var defaultValue: String?
        var useDefaultWhenMissing = false
        var ignoreBlanks = false
        var valueFrom: String?
        var patch = false
        var encrypted = false
    }

    private static let suffixes = [
        "@TypeHint", "@Delete", "@DefaultValue", "@UseDefaultWhenMissing", "@IgnoreBlanks", "@ValueFrom", "@Patch",
        "@Encrypted", "@CopyFrom", "@MoveFrom",
    ]

    private static func modify(_ request: AEMRequest, aem: inout AEMState, now: Date) -> AEMPostResult {
        var fields = request.parameters.fields.filter { !$0.name.hasPrefix(":") && $0.name != "_charset_" }
        if fields.contains(where: { $0.name.hasPrefix("./") }) {
            fields = fields.filter { $0.name.hasPrefix("./") || $0.name.hasPrefix("../") || $0.name.hasPrefix("/") }
        }
        let target: String
        if request.path.hasSuffix("/*") || request.path.hasSuffix("/") {
            let parent = AEMPath.normalize(
                request.path.hasSuffix("/*") ? String(request.path.dropLast(2)) : request.path)
            target = AEMPath.join(parent, generatedName(request, parent: parent, aem: &aem))
        } else {
            target = AEMResourcePath.postTarget(request.path, in: aem)
        }

        var order: [String] = []
        var specs: [String: PropertySpec] = [:]
        for field in fields {
            var base = field.name
            var suffix: String?
            if let at = SandboxText.lastIndex(of: "@", in: field.name), suffixes.contains(String(field.name[at...])) {
                base = String(field.name[..<at])
                suffix = String(field.name[at...])
            }
            if specs[base] == nil { order.append(base) }
            var spec = specs[base] ?? PropertySpec()
            let text = field.text ?? ""
            switch suffix {
            case nil:
                if field.filename != nil { spec.files.append(field) } else { spec.values.append(text) }
                spec.hasValue = true
            case "@TypeHint": spec.typeHint = text
            case "@Delete": spec.delete = true
            case "@DefaultValue": spec.defaultValue = text
            case "@UseDefaultWhenMissing": spec.useDefaultWhenMissing = true
            case "@IgnoreBlanks": spec.ignoreBlanks = true
            case "@ValueFrom": spec.valueFrom = text
            case "@Patch": spec.patch = true
            case "@Encrypted": spec.encrypted = true
            default: break
            }
            specs[base] = spec
        }

        let isCreate = !aem.exists(target)
        var changes: [AEMPostResult.Change] = []
        var created = createPath(target, aem: &aem)
        changes += created.map { AEMPostResult.Change(type: "created", arguments: [$0]) }

        // Each property's node and name, resolved once (every pass below needs them).
        var locations: [String: (node: String, name: String)] = [:]
        for base in order {
            let full = AEMPath.join(target, base)
            locations[base] = (AEMPath.parent(of: full), AEMPath.name(of: full))
        }
        func location(of base: String) -> (node: String, name: String) {
            locations[base] ?? (target, base)
        }

        // Primary and mixin types first, deletions next, then values (Sling's order).
        for base in order where ["jcr:primaryType", "jcr:mixinTypes"].contains(location(of: base).name) {
            guard let spec = specs[base], let first = spec.values.first, !first.isEmpty else { continue }
            let (node, name) = location(of: base)
            created = createPath(node, aem: &aem)
            changes += created.map { AEMPostResult.Change(type: "created", arguments: [$0]) }
            aem.setProperty(name, name == "jcr:mixinTypes" ? .strings(spec.values) : .string(first), at: node)
            changes.append(.init(type: "modified", arguments: [AEMPath.join(node, name)]))
        }
        for base in order {
            guard let spec = specs[base], spec.delete else { continue }
            let (node, name) = location(of: base)
            if aem.node(at: node)?.properties[name] != nil {
                aem.setProperty(name, nil, at: node)
                changes.append(.init(type: "deleted", arguments: [AEMPath.join(node, name)]))
            } else if aem.exists(AEMPath.join(node, name)) {
                aem.removeNode(AEMPath.join(node, name))
                changes.append(.init(type: "deleted", arguments: [AEMPath.join(node, name)]))
            }
        }
        for base in order {
            guard var spec = specs[base] else { continue }
            let (node, name) = location(of: base)
            if ["jcr:primaryType", "jcr:mixinTypes"].contains(name) { continue }
            if let source = spec.valueFrom {
                spec.values = request.values(source)
                spec.hasValue = true
            }
            if !spec.files.isEmpty {
                for file in spec.files {
                    let fileName = name == "*" ? (file.filename ?? name) : name
                    let filePath = AEMPath.join(node, fileName)
                    created = createPath(node, aem: &aem)
                    changes += created.map { AEMPostResult.Change(type: "created", arguments: [$0]) }
                    aem.removeNode(filePath)
                    aem.ensureNode(filePath, primaryType: "nt:file")
                    let contentPath = AEMPath.join(filePath, "jcr:content")
                    aem.ensureNode(contentPath, primaryType: "nt:resource")
                    aem.setProperty("jcr:data", .binary(file.data), at: contentPath)
                    aem.setProperty("jcr:mimeType", .string(mimeType(for: fileName)), at: contentPath)
                    aem.setProperty("jcr:lastModified", .date(AEMDateFormat.iso(now)), at: contentPath)
                    changes.append(.init(type: "created", arguments: [filePath]))
                }
                continue
            }
            if spec.delete && !spec.hasValue { continue }
            var values = spec.values
            if spec.ignoreBlanks { values = values.filter { !$0.isEmpty } }
            if !spec.hasValue {
                guard spec.useDefaultWhenMissing, let fallback = spec.defaultValue else { continue }
                values = [fallback]
            }
            if spec.ignoreBlanks && values.isEmpty { continue }
            created = createPath(node, aem: &aem)
            changes += created.map { AEMPostResult.Change(type: "created", arguments: [$0]) }
            let existing = aem.node(at: node)?.properties[name]
            let multi =
                spec.typeHint?.hasSuffix("[]") == true || values.count > 1 || existing.map(isMulti) == true
                || spec.patch
            if spec.patch {
                var current = existing?.stringValues ?? []
                for value in values {
                    if value.hasPrefix("+"), !current.contains(String(value.dropFirst())) {
                        current.append(String(value.dropFirst()))
                    } else if value.hasPrefix("-") {
                        current.removeAll { $0 == String(value.dropFirst()) }
                    }
                }
                values = current
            }
            if !multi, values == [""] {
                if let fallback = spec.defaultValue {
                    values = [fallback]
                } else {
                    if existing != nil {
                        aem.setProperty(name, nil, at: node)
                        changes.append(.init(type: "deleted", arguments: [AEMPath.join(node, name)]))
                    }
                    continue
                }
            }
            if spec.encrypted, AEMPath.normalize(node).hasPrefix("/etc/cloudservices/") {
                values = values.map { encrypt($0, key: aem.csrfKey) }
            }
            let converted: AEMValue
            do {
                converted = try convert(values, typeHint: spec.typeHint, existing: existing, multi: multi)
            } catch let error as ConversionError {
                return .failure(500, path: target, error.message, errorClass: "javax.jcr.ValueFormatException")
            } catch {
                return .failure(500, path: target, "cannot convert value", errorClass: "javax.jcr.ValueFormatException")
            }
            aem.setProperty(name, converted, at: node)
            changes.append(.init(type: "modified", arguments: [AEMPath.join(node, name)]))
        }
        return AEMPostResult(status: isCreate ? 201 : 200, path: target, isCreate: isCreate, changes: changes)
    }

    /// Creates `path` and its missing ancestors (`nt:unstructured`); returns the created paths, top first.
    private static func createPath(_ path: String, aem: inout AEMState) -> [String] {
        var missing: [String] = []
        var current = AEMPath.normalize(path)
        while current != "/", !aem.exists(current) {
            missing.insert(current, at: 0)
            current = AEMPath.parent(of: current)
        }
        for item in missing { aem.ensureNode(item) }
        return missing
    }

    private static func isMulti(_ value: AEMValue) -> Bool {
        switch value {
        case .strings, .booleans, .longs, .doubles: true
        default: false
        }
    }

    struct ConversionError: Error {
        var message: String
    }

    static func convert(_ values: [String], typeHint: String?, existing: AEMValue?, multi: Bool) throws -> AEMValue {
        var type = typeHint.map { $0.hasSuffix("[]") ? String($0.dropLast(2)) : $0 }
        if type == nil || type == "" {
            switch existing {
            case .boolean?, .booleans?: type = "Boolean"
            case .long?, .longs?: type = "Long"
            case .double?, .doubles?: type = "Double"
            case .date?: type = "Date"
            default: type = "String"
            }
        }
        switch type ?? "String" {
        case "Boolean":
            let flags = values.map { $0.lowercased() == "true" }
            return multi ? .booleans(flags) : .boolean(flags.first ?? false)
        case "Long":
            let numbers = try values.map { text -> Int64 in
                guard let number = Int64(text.trimmingCharacters(in: .whitespaces)) else {
                    throw ConversionError(message: "cannot convert '\(text)' to Long")
                }
                return number
            }
            return multi ? .longs(numbers) : .long(numbers.first ?? 0)
        case "Double", "Decimal":
            let numbers = try values.map { text -> Double in
                guard let number = Double(text.trimmingCharacters(in: .whitespaces)) else {
                    throw ConversionError(message: "cannot convert '\(text)' to Double")
                }
                return number
            }
            return multi ? .doubles(numbers) : .double(numbers.first ?? 0)
        case "Date":
            if multi { return .strings(values) }
            return .date(values.first ?? "")
        default:
            return multi ? .strings(values) : .string(values.first ?? "")
        }
    }

    private static func mimeType(for name: String) -> String {
        let lower = name.lowercased()
        if lower.hasSuffix(".js") { return "application/javascript" }
        if lower.hasSuffix(".json") { return "application/json" }
        if lower.hasSuffix(".config") || lower.hasSuffix(".txt") { return "text/plain" }
        if lower.hasSuffix(".xml") { return "application/xml" }
        return "application/octet-stream"
    }

    /// `CryptoSupport`-style protection for `@Encrypted` values: `{<hex of AES-GCM box>}`.
    private static func encrypt(_ value: String, key: String) -> String {
        let keyData = SymmetricKey(data: SHA256.hash(data: Data(("encrypt:" + key).utf8)))
        guard let box = try? AES.GCM.seal(Data(value.utf8), using: keyData), let combined = box.combined else {
            return "{}"
        }
        return "{" + SandboxHex.lowercase(combined) + "}"
    }

    // MARK: generated names

    static func generatedName(_ request: AEMRequest, parent: String, aem: inout AEMState) -> String {
        if let exact = request.value(":name"), !exact.isEmpty { return exact }
        var hint = request.value(":nameHint") ?? ""
        if hint.isEmpty {
            for key in ["title", "jcr:title", "name", "description", "jcr:description", "abstract", "text", "jcr:text"]
            {
                if let value = request.value(key) ?? request.value("./" + key), !value.isEmpty {
                    hint = value
                    break
                }
            }
        }
        var name = String(
            hint.lowercased().map { character -> Character in
                character.isASCII && (character.isLetter || character.isNumber || character == "-" || character == "_")
                    ? character : "_"
            }.prefix(20)
        )
        if name.isEmpty {
            aem.nameCounter += 1
            name = String(format: "%08x", aem.nameCounter)
        }
        var candidate = name
        var counter = 0
        while aem.exists(AEMPath.join(parent, candidate)) {
            candidate = "\(name)_\(counter)"
            counter += 1
        }
        return candidate
    }

    // MARK: delete, move, copy

    private static func delete(_ request: AEMRequest, aem: inout AEMState) -> AEMPostResult {
        let base = AEMResourcePath.postTarget(request.path, in: aem)
        let applyTo = request.values(":applyTo")
        let targets = applyTo.isEmpty ? [base] : applyTo.map { AEMPath.join(base, $0) }
        var changes: [AEMPostResult.Change] = []
        for target in targets where aem.removeNode(target) {
            changes.append(.init(type: "deleted", arguments: [target]))
        }
        guard !changes.isEmpty else {
            return .failure(
                404, path: base, "resource at '\(base)' not found",
                errorClass: "org.apache.sling.api.resource.ResourceNotFoundException")
        }
        return AEMPostResult(status: 200, path: base, changes: changes)
    }

    private static func moveOrCopy(_ request: AEMRequest, move: Bool, aem: inout AEMState) -> AEMPostResult {
        let source = AEMResourcePath.postTarget(request.path, in: aem)
        guard aem.exists(source) else {
            return .failure(404, path: source, "resource at '\(source)' not found")
        }
        guard let rawDestination = request.value(":dest"), !rawDestination.isEmpty else {
            return .failure(412, path: source, "missing ':dest' parameter")
        }
        var destination = AEMPath.join(AEMPath.parent(of: source), rawDestination)
        if rawDestination.hasSuffix("/") { destination = AEMPath.join(destination, AEMPath.name(of: source)) }
        let replaced = aem.exists(destination)
        if replaced {
            guard request.value(":replace") == "true" else {
                return .failure(412, path: source, "destination '\(destination)' already exists")
            }
            aem.removeNode(destination)
        }
        guard aem.exists(AEMPath.parent(of: destination)) else {
            return .failure(500, path: source, "parent of destination '\(destination)' does not exist")
        }
        copySubtree(from: source, to: destination, aem: &aem)
        if move { aem.removeNode(source) }
        return AEMPostResult(
            status: replaced ? 200 : 201,
            path: destination,
            isCreate: !replaced,
            changes: [.init(type: move ? "moved" : "copied", arguments: [source, destination])]
        )
    }

    static func copySubtree(from source: String, to destination: String, aem: inout AEMState) {
        guard let node = aem.node(at: source) else { return }
        aem.ensureNode(destination, primaryType: node.primaryType)
        for (name, value) in node.properties { aem.setProperty(name, value, at: destination) }
        for child in node.children {
            copySubtree(from: AEMPath.join(source, child), to: AEMPath.join(destination, child), aem: &aem)
        }
    }
}

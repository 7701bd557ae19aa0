import Foundation
import Hummingbird

/// Felix Web Console `configMgr` (aem.md §2.3): create (`[Temporary PID replaced by real PID upon save]`
/// + `factoryPid`), update (only the properties in `propertylist` remain), delete, and read (`POST`
/// without `apply`). Configurations are stored as `.config` files under `/apps/system/config`.
enum AEMConfigManager {
    static let temporaryPid = "[Temporary PID replaced by real PID upon save]"
    /// What Felix shows instead of a password-type value, and accepts back as "keep the stored value".
    static let passwordPlaceholder = "unmodified"

    enum Outcome {
        case redirect(pid: String)
        case deleted
        case read(AEMJSONWriter.Value)
        case failure(status: Int, message: String)
    }

    static func handle(_ request: AEMRequest, store: SandboxStore) async -> Response {
        guard request.user.isAdmin else {
            return AEMResponses.errorPage(.forbidden, message: "the web console requires an administrator")
        }
        let pid = String(request.path.dropFirst("/system/console/configMgr".count).drop { $0 == "/" })
        let now = await store.now()
        let outcome: Outcome
        if request.value("apply") == nil {
            outcome = await store.read { state in read(pid: pid, aem: state.aem) }
        } else {
            outcome = await store.mutate { state in apply(request, pid: pid, aem: &state.aem, now: now) }
        }
        switch outcome {
        case .redirect(let pid):
            let location =
                "/system/console/configMgr/"
                + (SandboxPercentEncoding.addingPathEncoding(pid) ?? pid)
            return Response(status: .found, headers: [.location: location])
        case .deleted:
            return AEMResponses.json(.object([("status", .bool(true))]))
        case .read(let value):
            return AEMResponses.json(value)
        case .failure(let status, let message):
            return AEMResponses.errorPage(HTTPResponse.Status(code: status), message: message)
        }
    }

    static func apply(_ request: AEMRequest, pid requestedPid: String, aem: inout AEMState, now: Date) -> Outcome {
        guard !requestedPid.isEmpty else { return .failure(status: 404, message: "no configuration PID in the path") }
        let existing = AEMOSGiConfiguration.find(pid: requestedPid, in: aem)
        if request.value("delete") != nil {
            guard let existing else {
                return .failure(status: 404, message: "configuration '\(requestedPid)' does not exist")
            }
            aem.removeNode(existing.nodePath)
            return .deleted
        }
        var pid = requestedPid
        var factoryPid = existing?.factoryPid
        let isNew = existing == nil
        if isNew {
            if requestedPid == temporaryPid {
                guard let factory = request.value("factoryPid"), !factory.isEmpty else {
                    return .failure(status: 400, message: "'factoryPid' is required to create a factory configuration")
                }
                factoryPid = factory
                pid = factory + "." + SandboxRandom.uuid()
            } else if let factory = request.value("factoryPid"), !factory.isEmpty {
                factoryPid = factory
            }
        }
        let metatypeKey = factoryPid ?? pid
        let names = (request.value("propertylist") ?? "").split(separator: ",").map {
            SandboxText.trimmingWhitespace($0)
        }.filter { !$0.isEmpty }
        var properties: [(name: String, value: AEMOSGiConfiguration.Value)] = []
        for name in names {
            var values = request.values("$" + name)
            if values.isEmpty { values = request.values(name) }
            let metatype = AEMMetatype.property(name, of: metatypeKey)
            let type = metatype?.type ?? "String"
            let isArray = metatype?.isArray ?? (values.count > 1)
            if !isArray, values.first?.isEmpty ?? true, type != "String" { continue }
            if isArray { values = values.filter { !$0.isEmpty } }
            if AEMMetatype.typeCode(type, name: name) == 12, values == [passwordPlaceholder],
                let kept = existing?.properties.first(where: { $0.name == name })?.value
            {
                properties.append((name, kept))
                continue
            }
            if type == "Boolean" {
                values = values.map { $0.lowercased() == "true" || $0.lowercased() == "on" ? "true" : "false" }
            }
            if ["Integer", "Long"].contains(type), values.contains(where: { Int64($0) == nil }) {
                return .failure(status: 400, message: "property '\(name)' expects a whole number")
            }
            properties.append(
                (name, .init(type: type, values: isArray ? values : [values.first ?? ""], isArray: isArray)))
        }
        if isNew, factoryPid == AEMMetatype.providerFactory,
            aem.servicePack >= SandboxAssumptions.aemJWTRefusedFromServicePack,
            properties.first(where: { $0.name == "auth.token.provider.authorization.grants" })?.value.first
                != "client_credentials"
        {
            return .failure(
                status: 400,
                message: "AEM 6.5 SP\(aem.servicePack) no longer creates JWT IMS configurations; "
                    + "set 'auth.token.provider.authorization.grants' to 'client_credentials' (OAuth server-to-server)"
            )
        }
        let path =
            existing?.nodePath
            ?? AEMPath.join(
                AEMOSGiConfiguration.folder, AEMOSGiConfiguration.fileName(pid: pid, factoryPid: factoryPid))
        writeFile(at: path, properties: properties, aem: &aem, now: now)
        return .redirect(pid: pid)
    }

    /// Creates or replaces the `nt:file` at `path` with `properties` in the `.config` format.
    static func writeFile(
        at path: String, properties: [(name: String, value: AEMOSGiConfiguration.Value)], aem: inout AEMState,
        now: Date
    ) {
        let text = AEMFelixConfigFormat.write(properties)
        aem.ensureNode(AEMPath.parent(of: path), primaryType: "sling:Folder", intermediateType: "sling:Folder")
        aem.removeNode(path)
        aem.ensureNode(path, primaryType: "nt:file")
        let content = AEMPath.join(path, "jcr:content")
        aem.ensureNode(content, primaryType: "nt:resource")
        aem.setProperty("jcr:data", .binary(Data(text.utf8)), at: content)
        aem.setProperty("jcr:mimeType", .string("text/plain"), at: content)
        aem.setProperty("jcr:lastModified", .date(AEMDateFormat.iso(now)), at: content)
        // Known (and indexed) for later lookups: from the properties when they read back exactly, else parsed.
        if path.hasSuffix(".config"), let written = AEMFelixConfigFormat.readBack(properties) {
            let name = String(AEMPath.name(of: path).dropLast(".config".count))
            _ = AEMOSGiConfiguration.file(at: path, name: name, text: text, written: written)
        } else {
            _ = AEMOSGiConfiguration.load(at: path, in: aem)
        }
    }

    static func read(pid: String, aem: AEMState) -> Outcome {
        guard let configuration = AEMOSGiConfiguration.find(pid: pid, in: aem) else {
            return .failure(status: 404, message: "configuration '\(pid)' does not exist")
        }
        return .read(json(of: configuration, aem: aem))
    }

    /// How Felix prints one configuration (`printConfigurationJson`): the single read and each element of the
    /// JSON listing alike; password-type (12) values are masked.
    static func json(of configuration: AEMOSGiConfiguration, aem: AEMState) -> AEMJSONWriter.Value {
        let pid = configuration.pid
        let metatypeKey = configuration.factoryPid ?? pid
        var members: [(String, AEMJSONWriter.Value)] = []
        var names = (AEMMetatype.properties[metatypeKey] ?? []).filter {
            $0.sinceServicePack <= aem.servicePack
                || (aem.imsHotfix && aem.servicePack >= SandboxAssumptions.aemIMSHotfixFromServicePack)
        }.map(\.name)
        for property in configuration.properties where !names.contains(property.name) {
            names.append(property.name)
        }
        for name in names {
            let metatype = AEMMetatype.property(name, of: metatypeKey)
            let stored = configuration.properties.first { $0.name == name }?.value
            let type = stored?.type ?? metatype?.type ?? "String"
            let isArray = stored?.isArray ?? metatype?.isArray ?? false
            let typeCode = AEMMetatype.typeCode(type, name: name)
            var entry: [(String, AEMJSONWriter.Value)] = [
                ("name", .string(name)), ("optional", .bool(true)), ("is_set", .bool(stored != nil)),
                ("type", .integer(Int64(typeCode))),
            ]
            var values = stored?.values ?? []
            if typeCode == 12, stored != nil {
                values = values.map { _ in passwordPlaceholder }
            }
            if isArray {
                entry.append(("values", .array(values.map { .string($0) })))
            } else {
                entry.append(("value", .string(values.first ?? "")))
            }
            entry.append(("description", .string(metatype?.description ?? "")))
            members.append((name, .object(entry)))
        }
        return .object([
            ("pid", .string(pid)),
            ("title", .string(AEMMetatype.titles[metatypeKey] ?? pid)),
            ("description", .string("")),
            ("bundle_location", .string("")),
            ("service_location", .string("")),
            ("factoryPid", configuration.factoryPid.map { .string($0) } ?? .null),
            ("properties", .object(members)),
        ])
    }
}

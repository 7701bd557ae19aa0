import AemconfModel
import Foundation

extension AEMClient {
    /// The PIDs of `factoryPID` instances, from the `.config` files under `/apps/system/config` (aem.md §2.4).
    ///
    /// Read with QueryBuilder, so a folder of thousands of configurations is not refused with `300`.
    public func configurationPIDs(factoryPID: String) async throws -> [String] {
        try await configurationPIDs(factoryPIDs: [factoryPID])[factoryPID] ?? []
    }

    /// The PIDs of the instances of each of `factoryPIDs`, in one listing.
    public func configurationPIDs(factoryPIDs: [String]) async throws -> [String: [String]] {
        let step = "listing the configurations under /apps/system/config"
        let paths = try await queryPaths(path: "/apps/system/config", type: "nt:file", step: step)
        var result: [String: [String]] = [:]
        for path in paths {
            guard let slash = path.lastIndex(of: "/") else { continue }
            let name = path[path.index(after: slash)...]
            for factoryPID in factoryPIDs where name.hasPrefix("\(factoryPID)-") {
                var id = String(name.dropFirst(factoryPID.count + 1))
                if id.hasSuffix(".config") { id.removeLast(".config".count) }
                result[factoryPID, default: []].append("\(factoryPID).\(id)")
            }
        }
        return result.mapValues { $0.sorted() }
    }

    /// Reads a configuration with configMgr (`POST /system/console/configMgr/<pid>` without `apply`); `nil` when absent.
    public func readConfiguration(pid: String) async throws -> OSGiConfiguration? {
        let step = "reading configuration '\(pid)'"
        let response = try await postForm(
            "/system/console/configMgr/\(pid)",
            form: FormBody(),
            step: step,
            idempotent: true,
            accept: { (200..<300).contains($0) || $0 == 404 }
        )
        guard response.status != 404 else { return nil }
        guard let json = try? response.decode(JSONValue.self) else {
            throw ServiceError(
                code: .invalidResponse, step: step, service: .aem, method: "POST",
                path: "/system/console/configMgr/\(pid)", status: response.status, detail: "the answer is not JSON")
        }
        return registered(OSGiConfiguration.parse(json, pid: pid))
    }

    /// Every instance of `factoryPIDs`, by factory PID, in one request: `GET /system/console/configMgr/*.json`
    /// with `pidFilter=(|(service.factoryPid=A)(service.factoryPid=B))`
    /// (``ServiceAssumptions/configMgrListsConfigurationsAsJSON``). Each element is parsed as the single read is,
    /// its secrets registered with the redactor, and one without any property left out (as ``readConfiguration(pid:)``
    /// answers `nil` for it). `nil` when the console does not serve the listing (`404`, or an answer that is not a
    /// JSON array; asked once per run): the caller then lists the PIDs and reads them one at a time.
    public func readConfigurations(factoryPIDs: [String]) async throws -> [String: [OSGiConfiguration]]? {
        guard ServiceAssumptions.configMgrListsConfigurationsAsJSON, !factoryPIDs.isEmpty,
            await !session.configMgrListUnsupported
        else { return nil }
        let step = "reading the configurations of " + factoryPIDs.map { "'\($0)'" }.joined(separator: ", ")
        let request = ServiceRequest(
            method: .GET, path: ServiceAssumptions.configMgrListPath,
            query: [("pidFilter", Self.factoryFilter(factoryPIDs))], authorization: await authorization()
        )
        let response = try await client.send(request, step: step, accept: { (200..<300).contains($0) || $0 == 404 })
        guard response.status != 404, let items = (try? response.decode(JSONValue.self))?.arrayValue else {
            client.environment.logger.debug(
                "AEM's configMgr serves no JSON listing; reading the configurations one PID at a time",
                metadata: ["status": "\(response.status)"])
            await session.markConfigMgrListUnsupported()
            return nil
        }
        var result = Dictionary(uniqueKeysWithValues: factoryPIDs.map { ($0, [OSGiConfiguration]()) })
        for item in items {
            guard let pid = item["pid"]?.stringValue,
                let configuration = registered(OSGiConfiguration.parse(item, pid: pid))
            else { continue }
            let factory =
                configuration.factoryPID
                ?? factoryPIDs.first { pid.hasPrefix($0 + ".") || pid.hasPrefix($0 + "~") }
            guard let factory, result[factory] != nil else { continue }
            result[factory, default: []].append(configuration)
        }
        return result.mapValues { $0.sorted { $0.pid < $1.pid } }
    }

    /// `(service.factoryPid=A)`, or `(|(service.factoryPid=A)(service.factoryPid=B)…)`; values escaped (RFC 1960).
    static func factoryFilter(_ factoryPIDs: [String]) -> String {
        let items = factoryPIDs.map { pid in
            "(service.factoryPid=" + pid.map { "()*\\".contains($0) ? "\\\($0)" : "\($0)" }.joined() + ")"
        }
        return items.count == 1 ? items[0] : "(|" + items.joined() + ")"
    }

    /// `configuration` with its secrets registered with the redactor; `nil` when it has no property at all.
    private func registered(_ configuration: OSGiConfiguration?) -> OSGiConfiguration? {
        guard let configuration,
            !(configuration.properties.isEmpty && configuration.secrets.isEmpty
                && configuration.maskedSecrets.isEmpty)
        else { return nil }
        for secret in configuration.secrets.values { client.environment.redactor.register(secret) }
        return configuration
    }

    /// Creates a factory configuration with configMgr and returns its PID, from the answer's redirect (aem.md §2.3).
    ///
    /// Not idempotent: after an ambiguous failure the listing tells whether an instance with the same
    /// `identifying` property appeared, and that one is adopted instead of creating another. The listing is
    /// read only then (or when the answer names no PID), never on the common path.
    public func createFactoryConfiguration(
        factoryPID: String,
        properties: [(name: String, values: [String])],
        secrets: [(name: String, value: Secret)] = [],
        identifying: (name: String, value: String),
        step: String
    ) async throws -> String {
        var form = FormBody()
        form.append("apply", "true")
        form.append("factoryPid", factoryPID)
        Self.appendProperties(properties, secrets: secrets, to: &form, redactor: client.environment.redactor)
        let findExisting: @Sendable () async throws -> String? = {
            for pid in try await configurationPIDs(factoryPID: factoryPID) {
                if try await readConfiguration(pid: pid)?.value(identifying.name) == identifying.value { return pid }
            }
            return nil
        }
        let response = try await postForm(
            ServiceAssumptions.configMgrNewFactoryPath,
            form: form,
            step: step,
            idempotent: false,
            accept: { (200..<400).contains($0) },
            verify: { try await findExisting() != nil ? ServiceResponse(status: 200) : nil }
        )
        if let location = response.headers.first(name: "location"), let pid = Self.locationPID(location) {
            if pid.hasPrefix(factoryPID + "."), !pid.contains("Temporary") { return pid }
        }
        guard let pid = try await findExisting() else {
            throw ServiceError(
                code: .invalidResponse, step: step, service: .aem, method: "POST", path: "/system/console/configMgr",
                status: response.status, detail: "the new configuration does not appear under /apps/system/config"
            )
        }
        return pid
    }

    /// The PID a configMgr `Location` header names: what follows `/configMgr/`, percent-decoded (`""` when that is
    /// not valid percent-encoding); `nil` without `/configMgr/`. An ASCII header (every one AEM sends) is read byte
    /// by byte, any other through Foundation.
    static func locationPID(_ location: String) -> String? {
        let marker = "/configMgr/"
        guard location.utf8.allSatisfy({ $0 < 0x80 }) else {
            guard let range = location.range(of: marker) else { return nil }
            return String(location[range.upperBound...]).removingPercentEncoding ?? ""
        }
        guard let tail = PercentDecoding.suffix(of: location, after: marker) else { return nil }
        return PercentDecoding.decoded(tail) ?? ""
    }

    /// Replaces a configuration's properties (configMgr `apply=true`; unlisted properties are removed).
    public func updateConfiguration(
        pid: String,
        properties: [(name: String, values: [String])],
        secrets: [(name: String, value: Secret)] = [],
        step: String
    ) async throws {
        var form = FormBody()
        form.append("apply", "true")
        Self.appendProperties(properties, secrets: secrets, to: &form, redactor: client.environment.redactor)
        try await postForm(
            "/system/console/configMgr/\(pid)", form: form, step: step, idempotent: true,
            accept: { (200..<400).contains($0) })
    }

    /// Deletes a configuration (configMgr `apply=true&delete=true`); an absent one counts as deleted.
    public func deleteConfiguration(pid: String, step: String) async throws {
        var form = FormBody()
        form.append("apply", "true")
        form.append("delete", "true")
        try await postForm(
            "/system/console/configMgr/\(pid)", form: form, step: step, idempotent: true,
            accept: { (200..<400).contains($0) || $0 == 404 }
        )
    }

    /// Felix reserves some field names; properties with those names get a `$` prefix (aem.md §2.3).
    static let configMgrCommandNames: Set<String> = [
        "apply", "delete", "factoryPid", "propertylist", "action", "update", "pid",
    ]

    static func appendProperties(
        _ properties: [(name: String, values: [String])],
        secrets: [(name: String, value: Secret)],
        to form: inout FormBody,
        redactor: SecretRedactor
    ) {
        let names = properties.map(\.name) + secrets.map(\.name)
        form.append("propertylist", names.joined(separator: ","))
        for property in properties {
            let field = configMgrCommandNames.contains(property.name) ? "$\(property.name)" : property.name
            for value in property.values { form.append(field, value) }
        }
        for secret in secrets {
            redactor.register(secret.value)
            secret.value.withRevealedValue { form.append(secret.name, $0) }
        }
    }
}

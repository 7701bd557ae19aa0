import AemconfModel
import Foundation

extension AEMClient {
    /// The PIDs of `factoryPID` instances, from the `.config` files under `/apps/system/config` (aem.md §2.4).
    public func configurationPIDs(factoryPID: String) async throws -> [String] {
        let step = "listing '\(factoryPID)' configurations"
        guard let listing = try await readJSON("/apps/system/config", depth: 1, step: step)?.objectValue else { return [] }
        let prefix = "\(factoryPID)-"
        return listing.keys.filter { $0.hasPrefix(prefix) }.map { name in
            var id = String(name.dropFirst(prefix.count))
            if id.hasSuffix(".config") { id.removeLast(".config".count) }
            return "\(factoryPID).\(id)"
        }.sorted()
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
            throw ServiceError(code: .invalidResponse, step: step, service: .aem, method: "POST", path: "/system/console/configMgr/\(pid)", status: response.status, detail: "the answer is not JSON")
        }
        let configuration = OSGiConfiguration.parse(json, pid: pid)
        if let configuration, configuration.properties.isEmpty, configuration.secrets.isEmpty, configuration.maskedSecrets.isEmpty {
            return nil
        }
        for secret in configuration?.secrets.values ?? [:].values { client.environment.redactor.register(secret) }
        return configuration
    }

    /// Creates a factory configuration with configMgr and returns its PID, found by listing (aem.md §2.3).
    ///
    /// Not idempotent: after an ambiguous failure the listing tells whether a new instance with the
    /// same `identifying` property appeared, and that one is adopted instead of creating another.
    public func createFactoryConfiguration(
        factoryPID: String,
        properties: [(name: String, values: [String])],
        secrets: [(name: String, value: Secret)] = [],
        identifying: (name: String, value: String),
        step: String
    ) async throws -> String {
        let before = Set(try await configurationPIDs(factoryPID: factoryPID))
        var form = FormBody()
        form.append("apply", "true")
        form.append("factoryPid", factoryPID)
        Self.appendProperties(properties, secrets: secrets, to: &form, redactor: client.environment.redactor)
        let findNew: @Sendable () async throws -> String? = {
            for pid in try await configurationPIDs(factoryPID: factoryPID) where !before.contains(pid) {
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
            verify: { try await findNew() != nil ? ServiceResponse(status: 200) : nil }
        )
        if let location = response.headers.first(name: "location"), let range = location.range(of: "/configMgr/") {
            let pid = String(location[range.upperBound...]).removingPercentEncoding ?? ""
            if pid.hasPrefix(factoryPID + "."), !before.contains(pid) { return pid }
        }
        guard let pid = try await findNew() else {
            throw ServiceError(
                code: .invalidResponse, step: step, service: .aem, method: "POST", path: "/system/console/configMgr",
                status: response.status, detail: "the new configuration does not appear under /apps/system/config"
            )
        }
        return pid
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
        try await postForm("/system/console/configMgr/\(pid)", form: form, step: step, idempotent: true, accept: { (200..<400).contains($0) })
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
    static let configMgrCommandNames: Set<String> = ["apply", "delete", "factoryPid", "propertylist", "action", "update", "pid"]

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

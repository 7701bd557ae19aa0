import AemconfModel

/// An OSGi configuration as the Felix configMgr reports it (aem.md §2.3); secret properties are wrapped.
public struct OSGiConfiguration: Sendable, CustomStringConvertible {
    /// The PID.
    public var pid: String
    /// The factory PID, when it is a factory instance.
    public var factoryPID: String?
    /// Non-secret property values (arrays for multi-value properties).
    public var properties: [String: [String]]
    /// Secret property values (e.g. `auth.ims.client.secret`), never printed.
    public var secrets: [String: Secret]
    /// Secret properties that are set but that Felix masks with its `unmodified` placeholder.
    public var maskedSecrets: Set<String> = []

    /// Creates a value.
    public init(pid: String, factoryPID: String?, properties: [String: [String]], secrets: [String: Secret]) {
        self.pid = pid
        self.factoryPID = factoryPID
        self.properties = properties
        self.secrets = secrets
    }

    /// The single value of `name`.
    public func value(_ name: String) -> String? { properties[name]?.first }

    /// Names the PID only.
    public var description: String { "OSGi configuration '\(pid)'" }

    /// Felix's configMgr shows password properties as this placeholder and keeps the stored value when it is posted back.
    public static let maskedSecretPlaceholder = "unmodified"

    /// Whether the secret property `name` is set (readable or masked).
    public func hasSecret(_ name: String) -> Bool { secrets[name] != nil || maskedSecrets.contains(name) }

    /// Property names that hold secrets and are never kept as plain values.
    public static let secretPropertyNames: Set<String> = ["auth.ims.client.secret", "password", "client.secret"]

    /// Parses configMgr's JSON: `{pid, properties: {name: {value|values, type}}}` (or an array of one such object).
    static func parse(_ json: JSONValue, pid: String) -> OSGiConfiguration? {
        var root = json
        if let first = json.arrayValue?.first { root = first }
        guard let properties = root["properties"]?.objectValue else { return nil }
        var values: [String: [String]] = [:]
        var secrets: [String: Secret] = [:]
        var masked: Set<String> = []
        for (name, entry) in properties {
            if entry["is_set"]?.boolValue == false { continue }
            var list: [String] = []
            if let many = entry["values"]?.arrayValue {
                list = many.compactMap(\.stringValue)
            } else if let one = entry["value"]?.stringValue {
                list = [one]
            } else if let direct = entry.stringValue {
                list = [direct]
            }
            let type = entry["type"]?.stringValue
            if secretPropertyNames.contains(name) || type == "12" {
                if list.first == maskedSecretPlaceholder {
                    masked.insert(name)
                } else if let first = list.first {
                    secrets[name] = Secret(first)
                }
            } else {
                values[name] = list
            }
        }
        var configuration = OSGiConfiguration(
            pid: root["pid"]?.stringValue ?? pid,
            factoryPID: root["factoryPid"]?.stringValue ?? root["factoryPID"]?.stringValue,
            properties: values,
            secrets: secrets
        )
        configuration.maskedSecrets = masked
        return configuration
    }
}

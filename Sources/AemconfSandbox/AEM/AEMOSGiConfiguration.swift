import Foundation

/// One OSGi configuration as the sandbox's Configuration Admin sees it: read from a Felix `.config`
/// file or a `sling:OsgiConfig` node under `/apps/system/config` (aem.md §2.1, §2.4).
struct AEMOSGiConfiguration: Equatable {
    /// One typed property value.
    struct Value: Equatable {
        /// Java type name: `String`, `Integer`, `Long`, `Boolean`, `Float`, `Double`, `Short`, `Byte`, `Character`.
        var type: String
        var values: [String]
        /// Written as an array (`[...]`) or collection (`(...)`), even with one element.
        var isArray: Bool

        var first: String? { values.first }
    }

    /// The PID, e.g. `com.adobe.granite.auth.oauth.accesstoken.provider.target-prod`.
    var pid: String
    /// The factory PID, for factory configurations.
    var factoryPid: String?
    /// Properties in file order.
    var properties: [(name: String, value: Value)]
    /// Repository path of the file or node.
    var nodePath: String

    static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.pid == rhs.pid && lhs.factoryPid == rhs.factoryPid && lhs.nodePath == rhs.nodePath
            && lhs.properties.map(\.name) == rhs.properties.map(\.name)
            && lhs.properties.map(\.value) == rhs.properties.map(\.value)
    }

    /// The first value of `name`.
    func value(_ name: String) -> String? {
        properties.first { $0.name == name }?.value.first
    }

    /// All values of `name`.
    func values(_ name: String) -> [String] {
        properties.first { $0.name == name }?.value.values ?? []
    }

    /// The folder configurations live in.
    static let folder = "/apps/system/config"

    /// The `.config` file name of a PID: `<factoryPid>-<alias>.config` or `<pid>.config`.
    static func fileName(pid: String, factoryPid: String?) -> String {
        if let factoryPid, pid.hasPrefix(factoryPid + ".") {
            return factoryPid + "-" + pid.dropFirst(factoryPid.count + 1) + ".config"
        }
        return pid + ".config"
    }

    /// Every configuration under ``folder``.
    static func all(in aem: AEMState) -> [AEMOSGiConfiguration] {
        aem.childPaths(of: folder).compactMap { load(at: $0, in: aem) }
    }

    /// The configuration with `pid`, if any.
    ///
    /// Looks only at the few names the PID can have (`<factory>-<alias>.config` for each split of the PID at a
    /// dot before its first dash, `<pid>.config`, a `<pid>` node), never at every configuration: a configMgr
    /// read stays cheap with thousands of configurations.
    static func find(pid: String, in aem: AEMState) -> AEMOSGiConfiguration? {
        var names = [pid + ".config", pid]
        let firstDash = pid.firstIndex(of: "-") ?? pid.endIndex
        var index = pid.startIndex
        while index < firstDash {
            if pid[index] == "." {
                names.append(String(pid[..<index]) + "-" + String(pid[pid.index(after: index)...]) + ".config")
            }
            index = pid.index(after: index)
        }
        for name in names {
            let path = AEMPath.join(folder, name)
            guard aem.node(at: path) != nil, let configuration = load(at: path, in: aem), configuration.pid == pid
            else { continue }
            return configuration
        }
        return nil
    }

    /// Reads the configuration stored at `path` (a `.config` file or a `sling:OsgiConfig` node).
    static func load(at path: String, in aem: AEMState) -> AEMOSGiConfiguration? {
        guard let node = aem.node(at: path) else { return nil }
        var name = AEMPath.name(of: path)
        if node.primaryType == "nt:file", name.hasSuffix(".config") {
            name = String(name.dropLast(".config".count))
            let content = aem.node(at: AEMPath.join(path, "jcr:content"))?.properties["jcr:data"]
            let text: String
            if case .binary(let data)? = content {
                text = String(decoding: data, as: UTF8.self)
            } else {
                text = content?.stringValue ?? ""
            }
            return file(at: path, name: name, text: text)
        }
        guard node.primaryType == "sling:OsgiConfig" else { return nil }
        let (pid, factoryPid) = identity(fromName: name)
        let properties = node.properties.keys.sorted().filter { !$0.hasPrefix("jcr:") }.compactMap {
            key -> (name: String, value: Value)? in
            guard let value = node.properties[key] else { return nil }
            let type: String
            switch value {
            case .boolean, .booleans: type = "Boolean"
            case .long, .longs: type = "Long"
            case .double, .doubles: type = "Double"
            default: type = "String"
            }
            let isArray: Bool
            switch value {
            case .strings, .booleans, .longs, .doubles: isArray = true
            default: isArray = false
            }
            return (key, Value(type: type, values: value.stringValues, isArray: isArray))
        }
        return AEMOSGiConfiguration(pid: pid, factoryPid: factoryPid, properties: properties, nodePath: path)
    }

    /// The configuration of the `.config` file at `path` (`name` without `.config`) holding `text`, parsed once per
    /// text (``AEMConfigurationParseCache``); `written`, the properties the file was just written from when they
    /// read back exactly as parsing would (``AEMFelixConfigFormat/readBack(_:)``), saves the parse.
    static func file(
        at path: String, name: String, text: String,
        written: [(name: String, value: Value)]? = nil
    ) -> AEMOSGiConfiguration? {
        if let cached = AEMConfigurationParseCache.shared.lookup(path: path, text: text) { return cached }
        guard let properties = written ?? AEMFelixConfigFormat.parse(text) else { return nil }
        let (pid, factoryPid) = identity(fromName: name)
        let configuration = AEMOSGiConfiguration(
            pid: pid, factoryPid: factoryPid, properties: properties, nodePath: path)
        AEMConfigurationParseCache.shared.store(path: path, text: text, configuration: configuration)
        return configuration
    }

    /// `factory-alias` → (`factory.alias`, `factory`); a name without `-` is a singleton PID.
    static func identity(fromName name: String) -> (pid: String, factoryPid: String?) {
        guard let dash = name.firstIndex(of: "-") else { return (name, nil) }
        let factory = String(name[..<dash])
        let alias = String(name[name.index(after: dash)...])
        return (factory + "." + alias, factory)
    }
}

/// Parsed `.config` files by path and content: a scan of thousands of configurations (Connect to Target looks
/// for the customizer by type) parses each file once, not once per request. Keyed by the exact text, so an
/// edited file is parsed again.
final class AEMConfigurationParseCache: @unchecked Sendable {
    static let shared = AEMConfigurationParseCache()

    private let lock = NSLock()
    private var entries: [String: (text: String, configuration: AEMOSGiConfiguration)] = [:]
    private var customizersByType: [String: String] = [:]

    /// Where the customizer of `type` was last parsed (a hint: the caller checks the file it names).
    func path(ofCustomizerType type: String) -> String? {
        lock.withLock { customizersByType[type] }
    }

    func lookup(path: String, text: String) -> AEMOSGiConfiguration? {
        lock.withLock {
            guard let entry = entries[path], entry.text == text else { return nil }
            return entry.configuration
        }
    }

    func store(path: String, text: String, configuration: AEMOSGiConfiguration) {
        lock.withLock {
            if entries.count > 100_000 {
                entries.removeAll(keepingCapacity: true)
                customizersByType.removeAll(keepingCapacity: true)
            }
            entries[path] = (text, configuration)
            if configuration.factoryPid == AEMMetatype.customizerFactory,
                let type = configuration.value("customizer.type")
            {
                customizersByType[type] = path
            }
        }
    }
}

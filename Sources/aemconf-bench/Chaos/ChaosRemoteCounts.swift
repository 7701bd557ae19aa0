import Foundation

/// How many of each remote object a duplicate would show in, counted from the sandbox's admin dump (never from
/// aemconf's state): console credentials, certificate bindings, keystore aliases, OSGi configurations, pages.
struct ChaosRemoteCounts: Equatable, Sendable, CustomStringConvertible {
    var credentials = 0
    var bindings = 0
    var keystoreAliases = 0
    var osgiConfigurations = 0
    var pages = 0
    /// Console credentials that share a name with another one (a re-created credential).
    var credentialNameRepeats = 0

    var description: String {
        "credentials \(credentials), bindings \(bindings), keystore aliases \(keystoreAliases), "
            + "OSGi configurations \(osgiConfigurations), pages \(pages)"
    }

    /// Reads the sandbox's dump.
    static func read(_ sandbox: ChaosSandbox) async throws -> ChaosRemoteCounts {
        count(dump: try await sandbox.dump())
    }

    /// Counts in a dump (`GET /_sandbox/state`).
    static func count(dump: [String: Any]) -> ChaosRemoteCounts {
        let console = dump["console"] as? [String: Any] ?? [:]
        let credentials = console["credentials"] as? [[String: Any]] ?? []
        let aem = dump["aem"] as? [String: Any] ?? [:]
        let nodes = (aem["nodes"] as? [String: Any] ?? [:]).keys
        let keystores = aem["keystores"] as? [String: Any] ?? [:]
        var counts = ChaosRemoteCounts()
        counts.credentials = credentials.count
        let names = credentials.compactMap { $0["name"] as? String }
        counts.credentialNameRepeats = names.count - Set(names).count
        counts.bindings = credentials.reduce(0) { $0 + (($1["bindings"] as? [Any])?.count ?? 0) }
        counts.osgiConfigurations =
            nodes.filter {
                $0.hasPrefix("/apps/system/config/com.adobe.granite.auth") && $0.hasSuffix(".config")
            }.count
        counts.pages =
            nodes.filter {
                $0.hasPrefix("/etc/cloudservices/testandtarget/") && $0.split(separator: "/").count == 4
                    && !$0.hasSuffix("/jcr:content")
            }.count
        counts.keystoreAliases = keystores.values.reduce(0) { total, keystore in
            total + (((keystore as? [String: Any])?["entries"] as? [Any])?.count ?? 0)
        }
        return counts
    }

    private func pairs(_ expected: ChaosRemoteCounts) -> [(Int, Int)] {
        [
            (credentials, expected.credentials), (bindings, expected.bindings),
            (keystoreAliases, expected.keystoreAliases), (osgiConfigurations, expected.osgiConfigurations),
            (pages, expected.pages),
        ]
    }

    /// Objects beyond what a converged apply leaves (a re-created credential counts even if another is missing).
    func duplicates(_ expected: ChaosRemoteCounts) -> Int {
        let excess = pairs(expected).reduce(0) { $0 + max(0, $1.0 - $1.1) }
        return max(excess, credentialNameRepeats)
    }

    /// Objects a converged apply would have made that are not there.
    func missing(_ expected: ChaosRemoteCounts) -> Int {
        pairs(expected).reduce(0) { $0 + max(0, $1.1 - $1.0) }
    }
}

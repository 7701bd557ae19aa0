/// Every IMS configuration of an AEM instance as one value: the access-token providers and request customizers
/// read in one configMgr request (``AEMClient/imsConfigurationSet()``), with the lookups refresh, import and the
/// drivers make, so none of them reads one PID at a time.
public struct AEMIMSConfigurationSet: Sendable {
    /// A provider with the customizer its `token.request.customizer.type` names (`nil` for a half-made pair).
    public typealias Pair = (ids: AEMIMSConfigurationIDs, provider: OSGiConfiguration, customizer: OSGiConfiguration?)

    /// Access-token providers by PID.
    public let providers: [String: OSGiConfiguration]
    /// Request customizers by PID.
    public let customizers: [String: OSGiConfiguration]
    private let customizersByType: [String: OSGiConfiguration]

    /// Creates the set; where two customizers share a type, the one first in PID order counts (as a read of one
    /// PID after another finds it).
    public init(providers: [OSGiConfiguration], customizers: [OSGiConfiguration]) {
        self.providers = Dictionary(providers.map { ($0.pid, $0) }, uniquingKeysWith: { first, _ in first })
        self.customizers = Dictionary(customizers.map { ($0.pid, $0) }, uniquingKeysWith: { first, _ in first })
        var byType: [String: OSGiConfiguration] = [:]
        for customizer in customizers.sorted(by: { $0.pid < $1.pid }) {
            guard let type = customizer.value("customizer.type"), byType[type] == nil else { continue }
            byType[type] = customizer
        }
        self.customizersByType = byType
    }

    /// The pair of the provider with `providerPID`; `nil` when there is no such provider.
    public func pair(providerPID: String) -> Pair? {
        providers[providerPID].map(pair)
    }

    /// The pair of the first provider (in PID order) whose `name` is `name`.
    public func pair(named name: String) -> Pair? {
        providers.values.filter { $0.value("name") == name }.min { $0.pid < $1.pid }.map(pair)
    }

    /// The request customizer whose `customizer.type` is `type`.
    public func customizer(type: String?) -> OSGiConfiguration? {
        type.flatMap { customizersByType[$0] }
    }

    private func pair(_ provider: OSGiConfiguration) -> Pair {
        let customizer = customizer(type: provider.value("token.request.customizer.type"))
        let ids = AEMIMSConfigurationIDs(providerPID: provider.pid, customizerPID: customizer?.pid ?? "")
        return (ids, provider, customizer)
    }
}

import Foundation
import Hummingbird

/// `GET /system/console/configMgr/<x>.json`: a JSON array of configurations, each printed like the single read
/// (``SandboxAssumptions/Item/aemConfigManagerListsJSON``), selected as Felix's `ConfigManager.doGet` does:
///
/// - `pid` is the last path segment without `.json`; `pidFilter` is the query parameter, else the `pid`;
/// - a `pidFilter` taken from the path that parses as an OSGi filter clears the `pid`; one that does not parse is
///   dropped (the segment is a plain PID);
/// - a `pid` or `pidFilter` holding `&`, `<`, `>`, `"` or `'` is refused with `400` (`ConfigurationUtil.isAllowedPid`);
/// - the selection is `(&(service.pid=<pid>)<pidFilter>)`, `(service.pid=<pid>)` or `<pidFilter>`, so `*.json`
///   lists everything; an empty selection (or one that does not parse once combined) is `[]`.
extension AEMConfigManager {
    /// Whether `request` is a JSON listing (any other configMgr `GET` is not served).
    static func isList(_ request: AEMRequest) -> Bool {
        request.path.hasPrefix("/system/console/configMgr/") && request.path.hasSuffix(".json")
    }

    static func list(_ request: AEMRequest, store: SandboxStore) async -> Response {
        guard request.user.isAdmin else {
            return AEMResponses.errorPage(.forbidden, message: "the web console requires an administrator")
        }
        guard await store.settings.aemConfigManagerJSONList else {
            return AEMResponses.notFound(request.path)
        }
        guard let filter = selection(request) else {
            return AEMResponses.errorPage(.badRequest, message: "the PID or pidFilter holds a character not allowed")
        }
        // A copy of the repository (copy-on-write): thousands of configurations are printed off the store's actor.
        let aem = await store.read { $0.aem }
        let items = AEMOSGiConfiguration.all(in: aem)
            .filter { filter?.matches(AEMOSGiFilter.attributes(of: $0)) ?? false }
            .sorted { $0.pid < $1.pid }
            .map { json(of: $0, aem: aem) }
        return AEMResponses.json(.array(items))
    }

    /// The filter Felix hands to `listConfigurations`: `.some(nil)` when it does not parse (nothing is listed),
    /// `nil` when the request is refused.
    static func selection(_ request: AEMRequest) -> AEMOSGiFilter?? {
        let segment = request.path.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
        var pid: String? = String(segment.dropLast(".json".count))
        let query = request.value("pidFilter")
        var pidFilter: String? = query ?? pid
        if let text = pidFilter, AEMOSGiFilter(parsing: text) != nil {
            if query == nil { pid = nil }
        } else {
            pidFilter = nil
        }
        let refused = Set("&<>\"'")
        if [pid, pidFilter].contains(where: { $0?.contains(where: refused.contains) ?? false }) { return nil }
        var text = pid.map { "(service.pid=\($0))" } ?? ""
        if let pidFilter { text = pid == nil ? pidFilter : "(&\(text)\(pidFilter))" }
        return .some(AEMOSGiFilter(parsing: text))
    }
}

import AemconfModel
import AemconfPlanner
import AemconfProviders
import AemconfState
import Crypto
import Foundation

extension TargetCloudServiceDriver {
    /// Adopts the Target cloud-service page `id` (its path, or its name under the cloud-services root) into state
    /// without writing anything remote.
    ///
    /// A custom AT.js the config names is read back and counts as applied only when its bytes hash like the
    /// config's file; otherwise the row records none, so the next apply uploads the file once.
    func adopt(id: String, after: PlanAttributes) async throws {
        let pageName = Self.pageName(fromImportID: id)
        let aem = context.session.aem
        guard let properties = try await aem.readTargetCloudService(name: pageName) else {
            throw ImportError.notFound(
                address, id: AEMClient.targetCloudServicePath(pageName), what: "Target cloud-service page")
        }
        let names = try await aem.discoverTargetFieldNames()
        var attributes = after
        let observed = TargetCloudServiceObservation.attributes(
            properties, names: names, pageName: pageName, prior: after)
        for (name, value) in observed where attributes[name] != nil {
            attributes[name] = .known(value)
        }
        var resource = StoredResource(address: address)
        resource.remoteIDs = ["pageName": pageName]
        if let desired = after[AttributeName.customAtJs]?.knownValue?.stringValue {
            // The file in AEM counts as the config's only when its bytes hash the same; else it is uploaded once.
            let stored = try await aem.readTargetClientLibrary(name: pageName, fileName: service.clientLibrary.rawValue)
            let matches = stored.map { Hex.encode(SHA256.hash(data: $0)) } == desired
            attributes[AttributeName.customAtJs] = .known(matches ? .string(desired) : .null)
            if matches { resource.remoteIDs["customAtJs"] = desired }
        }
        resource.attributes = attributes
        resource.dependencies = [service.imsConfiguration.address] + service.dependsOn.map(\.address)
        resource.lastAppliedAt = context.now
        try await context.journal.commit(resource, clearingIntent: nil)
    }

    /// `/etc/cloudservices/testandtarget/wknd-target` or `wknd-target` → `wknd-target`.
    static func pageName(fromImportID id: String) -> String {
        let root = ServiceAssumptions.targetCloudServiceRoot + "/"
        var name = id.hasPrefix(root) ? String(id.dropFirst(root.count)) : id
        while name.hasSuffix("/") { name.removeLast() }
        if name.hasSuffix("/jcr:content") { name.removeLast("/jcr:content".count) }
        return name
    }
}

import AemconfModel
import AemconfPlanner
import AemconfProviders
import AemconfState
import Foundation

/// `targetCloudServices`: the legacy cloud-service page and its properties (aem.md §4), verified by
/// "Connect to Target" (aem.md §5) plus aemconf's own authenticated read of Target's Admin API (target.md §8).
struct TargetCloudServiceDriver: ResourceDriver {
    let service: TargetCloudService
    let context: DriverContext

    var address: ResourceAddress { service.address }

    /// Connect to Target again, plus aemconf's own read of Target's Admin API.
    func verify(_ prior: StoredResource) async throws {
        var resource = prior
        try await verify(
            imsConfigurationID: resource.attributes[AttributeName.imsConfiguration]?.knownValue?.stringValue)
        resource.lastVerifiedAt = context.now
        try await context.journal.commit(resource, clearingIntent: nil)
    }

    func converge(_ change: PlannedChange, prior: StoredResource?) async throws {
        let aem = context.session.aem
        let pageName = service.effectivePageName
        if change.action == .replace, let old = prior?.remoteIDs["pageName"], old != pageName {
            try await aem.deleteTargetCloudService(name: old)
        }
        guard let ims = await context.journal.current(service.imsConfiguration.address),
            let imsConfigurationID = ims.outputs[AttributeName.configurationId]?.knownValue?.stringValue
        else {
            throw EngineError.missingDependency(address, dependency: service.imsConfiguration.address)
        }
        var intent: String?
        // A plain create was planned because refresh found no page (under the lock): only a resumed or
        // changed resource needs to look first.
        let plainCreate = change.action == .create && !change.resumesInterruptedCreate && prior == nil
        let exists = plainCreate ? false : try await aem.readTargetCloudService(name: pageName) != nil
        if !exists {
            intent = try await context.journal.openIntent(
                address, action: .create, remoteName: AEMClient.targetCloudServicePath(pageName))
            try await aem.createTargetCloudService(name: pageName, title: service.title)
        }
        try await aem.setTargetCloudServiceProperties(
            name: pageName, title: service.title, values: fieldValues(imsConfigurationID))
        var uploaded: String?
        if let path = service.customAtJs, let desired = change.after?[AttributeName.customAtJs]?.knownValue?.stringValue
        {
            let stored = prior?.attributes[AttributeName.customAtJs]?.knownValue?.stringValue
            if !exists || stored != desired || change.action != .update || prior == nil {
                guard let bytes = context.readFile(path) else {
                    throw DesiredStateError.unreadableFile(path, address: address)
                }
                try await aem.uploadTargetClientLibrary(
                    name: pageName, fileName: service.clientLibrary.rawValue, contents: bytes)
            }
            uploaded = desired
        }
        guard let properties = try await aem.readTargetCloudService(name: pageName) else {
            throw EngineError.unexpectedRemote(
                address, "the page '\(AEMClient.targetCloudServicePath(pageName))' is not there after the write")
        }
        let names = try await aem.discoverTargetFieldNames()
        var attributes = change.after ?? [:]
        attributes[AttributeName.imsConfiguration] = .known(.string(imsConfigurationID))
        let observed = TargetCloudServiceObservation.attributes(
            properties, names: names, pageName: pageName, prior: attributes)
        for (name, value) in observed where attributes[name]?.knownValue != value {
            throw EngineError.readBackMismatch(
                address, attribute: name, expected: CanonicalJSON.text(attributes[name]?.knownValue),
                found: CanonicalJSON.text(value)
            )
        }
        try await verify(imsConfigurationID: imsConfigurationID)

        var resource = prior ?? StoredResource(address: address)
        resource.attributes = attributes
        resource.outputs = [:]
        resource.remoteIDs["pageName"] = pageName
        if let uploaded { resource.remoteIDs["customAtJs"] = uploaded }
        resource.dependencies = [service.imsConfiguration.address] + service.dependsOn.map(\.address)
        resource.lastAppliedAt = context.now
        resource.lastVerifiedAt = context.now
        try await context.journal.commit(resource, clearingIntent: intent)
    }

    /// The dialog values for this service.
    private func fieldValues(_ imsConfigurationID: String) -> [TargetCloudServiceField: TargetFieldValue] {
        var values: [TargetCloudServiceField: TargetFieldValue] = [
            .clientCode: .string(service.clientCode),
            .tenantID: .string(service.effectiveTenantId),
            .authentication: .string(service.authentication.rawValue),
            .imsConfiguration: .string(imsConfigurationID),
            .apiType: .string(service.apiType.rawValue),
            .accurateTargeting: .bool(service.accurateTargeting),
            .segmentSync: .bool(service.segmentSync?.mode == .aem),
            .clientLibrary: .string(
                ServiceAssumptions.targetClientLibraryValues[service.clientLibrary.rawValue]
                    ?? service.clientLibrary.rawValue),
            .tagManagement: .bool(service.tagManagement != .none),
        ]
        values[.a4tAnalyticsConfiguration] = .string(service.a4tAnalyticsConfiguration ?? "")
        return values
    }

    /// "Connect to Target" through AEM, then aemconf's own read of Target's Admin API with the same credential.
    ///
    /// The two run at the same time; AEM's answer is judged first.
    private func verify(imsConfigurationID: String?) async throws {
        let target = try await context.targetClient(for: service)
        async let read: Void = target.checkConnection()
        let result = try await context.session.aem.connectTarget(
            clientCode: service.clientCode, tenantID: service.effectiveTenantId, imsConfigurationID: imsConfigurationID
        )
        guard result.success else {
            let message = result.message ?? "AEM reported no reason"
            throw EngineError.verificationFailed(
                address, step: "Connect to Target",
                message: FailureCause.explained(
                    message, FailureCause.connect(message, tenant: service.effectiveTenantId)
                )
            )
        }
        do {
            try await read
        } catch let error as ServiceError {
            let cause = FailureCause.targetRead(error, tenant: service.effectiveTenantId)
            throw EngineError.verificationFailed(
                address, step: "reading Target's Admin API",
                message: FailureCause.explained(String(describing: error), cause)
            )
        }
    }

    func delete(_ resource: StoredResource) async throws {
        let pageName = resource.remoteIDs["pageName"] ?? service.effectivePageName
        let intent = try await context.journal.openIntent(
            address, action: .delete, remoteName: AEMClient.targetCloudServicePath(pageName))
        if let root = SegmentSyncState(remoteIDs: resource.remoteIDs).root {
            try await deleteOwnedSegments(root: root)
        }
        try await context.session.aem.deleteTargetCloudService(name: pageName)
        try await context.journal.remove(address, clearingIntent: intent)
    }

    /// Deletes the segments this cloud service's sync wrote (the pages carrying its marker under the root state
    /// recorded), in batches, before the page itself: a destroy leaves nothing aemconf created. Hand-authored
    /// segments under the root stay. Killed half way, the open intent makes the next run delete the rest.
    private func deleteOwnedSegments(root: String) async throws {
        let aem = context.session.aem
        let paths = try await aem.segmentMarkers(root: root, owner: address.description, above: nil, upTo: nil).map(
            \.path)
        let batch = ServiceAssumptions.segmentBatchSize
        for start in stride(from: 0, to: paths.count, by: batch) {
            try await aem.deleteSegments(Array(paths[start..<min(paths.count, start + batch)]), root: root)
        }
    }
}

/// The attributes of a Target cloud service that AEM lets aemconf read back, from its `jcr:content`.
enum TargetCloudServiceObservation {
    /// `prior` supplies what AEM cannot tell apart (which tag manager, when one is used).
    static func attributes(
        _ properties: [String: JSONValue],
        names: TargetFieldNames,
        pageName: String,
        prior: PlanAttributes?
    ) -> [String: JSONValue] {
        func string(_ field: TargetCloudServiceField) -> String? { properties[names.name(of: field)]?.stringValue }
        func bool(_ field: TargetCloudServiceField) -> Bool {
            switch properties[names.name(of: field)] {
            case .bool(let value)?: value
            case .string(let text)?: text == "true"
            default: false
            }
        }
        var result: [String: JSONValue] = [
            AttributeName.pageName: .string(pageName),
            AttributeName.accurateTargeting: .bool(bool(.accurateTargeting)),
            AttributeName.segmentSync: .bool(bool(.segmentSync)),
        ]
        if let title = properties["jcr:title"]?.stringValue { result[AttributeName.title] = .string(title) }
        if let value = string(.clientCode) { result[AttributeName.clientCode] = .string(value) }
        if let value = string(.tenantID) { result[AttributeName.tenantId] = .string(value) }
        if let value = string(.authentication) { result[AttributeName.authentication] = .string(value) }
        if let value = string(.imsConfiguration) { result[AttributeName.imsConfiguration] = .string(value) }
        if let value = string(.apiType) { result[AttributeName.apiType] = .string(value) }
        let a4t = string(.a4tAnalyticsConfiguration) ?? ""
        result[AttributeName.a4tAnalyticsConfiguration] = a4t.isEmpty ? .null : .string(a4t)
        if let value = string(.clientLibrary) {
            let spelling = ServiceAssumptions.targetClientLibraryValues.first { $0.value == value }?.key ?? value
            result[AttributeName.clientLibrary] = .string(spelling)
        }
        let stored = prior?[AttributeName.tagManagement]?.knownValue?.stringValue ?? TagManagement.none.rawValue
        if bool(.tagManagement) {
            result[AttributeName.tagManagement] = .string(
                stored == TagManagement.none.rawValue ? TagManagement.other.rawValue : stored)
        } else {
            result[AttributeName.tagManagement] = .string(TagManagement.none.rawValue)
        }
        return result
    }
}

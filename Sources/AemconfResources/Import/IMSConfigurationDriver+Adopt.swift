import AemconfModel
import AemconfPlanner
import AemconfProviders
import AemconfState

extension IMSConfigurationDriver {
    /// Adopts the IMS configuration pair whose provider has PID `id` into state without writing anything remote.
    ///
    /// AEM never reveals the client secret: the row records the config's (the integration's, or the
    /// `clientSecret` reference's) by fingerprint, and 'aemconf doctor' or Check Health proves it works.
    func adopt(id: String, after: PlanAttributes) async throws {
        guard let found = try await context.session.aem.imsConfiguration(providerPID: id) else {
            throw ImportError.notFound(address, id: id, what: "AEM IMS configuration with PID")
        }
        guard !found.ids.customizerPID.isEmpty else {
            throw ImportError.refused(
                address,
                reason: "IMS configuration '\(id)' has no request customizer (a half-made pair); delete it in AEM's "
                    + "configuration manager and let aemconf create it"
            )
        }
        var attributes = after
        for (name, value) in IMSConfigurationObservation.attributes(found.provider) where attributes[name] != nil {
            attributes[name] = .known(value)
        }
        var resource = StoredResource(address: address)
        resource.remoteIDs = ["providerPID": found.ids.providerPID, "customizerPID": found.ids.customizerPID]
        if case .sensitive(let fingerprint)? = after[AttributeName.clientSecret] {
            resource.secrets["clientSecret"] = .fingerprint(SecretFingerprint(value: fingerprint))
        }
        resource.attributes = attributes
        resource.outputs = [AttributeName.configurationId: .known(.string(found.ids.providerPID))]
        resource.dependencies =
            (configuration.integration.map { [$0.address] } ?? []) + configuration.dependsOn.map(\.address)
        resource.lastAppliedAt = context.now
        try await context.journal.commit(resource, clearingIntent: nil)
    }
}

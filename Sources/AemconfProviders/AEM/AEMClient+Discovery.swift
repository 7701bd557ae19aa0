extension AEMClient {
    /// The product info, read once per run (aem.md §9.1).
    public func discoverProductInfo() async throws -> AEMProductInfo {
        if let cached = await discovery.productInfo { return cached }
        let info = try await productInfo()
        await discovery.store(info)
        return info
    }

    /// The Target dialog's property names, read once per run from `dialog.infinity.json` (aem.md §4.2, §9.2).
    public func discoverTargetFieldNames() async throws -> TargetFieldNames {
        if let cached = await discovery.targetFields { return cached }
        let dialog = try await readJSON(
            ServiceAssumptions.targetDialogPath,
            depth: nil,
            step: "reading the Adobe Target cloud-service dialog"
        )
        let names = TargetFieldNames.fromDialog(dialog)
        if !names.assumed.isEmpty {
            client.environment.logger.warning(
                "Target dialog property names not found in AEM's dialog; using assumed names",
                metadata: ["fields": "\(names.assumed.map(\.rawValue).sorted().joined(separator: ","))"]
            )
        }
        await discovery.store(names)
        return names
    }

    /// The `authentication-service` user's path, found with QueryBuilder once per run (aem.md §1.1, §9.4).
    public func discoverKeystoreUserPath() async throws -> String {
        if let cached = await discovery.keystoreUserPath { return cached }
        let json = try await getJSON(
            "/bin/querybuilder.json",
            query: [
                ("path", "/home/users/system"), ("type", "rep:User"), ("property", "rep:authorizableId"),
                ("property.value", "authentication-service"), ("p.hits", "selective"), ("p.properties", "jcr:path"),
            ],
            step: "finding the 'authentication-service' user"
        )
        let found = json?["hits"]?.arrayValue?.first?["jcr:path"]?.stringValue
        if found == nil {
            client.environment.logger.warning(
                "the 'authentication-service' user was not found by QueryBuilder; using the assumed path",
                metadata: ["path": "\(ServiceAssumptions.authenticationServiceUserPath)"]
            )
        }
        let path = found ?? ServiceAssumptions.authenticationServiceUserPath
        await discovery.storeKeystorePath(path)
        return path
    }

    /// Whether new IMS configurations on this instance should use OAuth server-to-server (SP20+).
    public func prefersOAuthServerToServer() async throws -> Bool {
        try await discoverProductInfo().supportsOAuthServerToServer ?? false
    }
}

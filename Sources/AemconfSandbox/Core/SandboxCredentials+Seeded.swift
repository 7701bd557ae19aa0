extension SandboxCredentials {
    /// The credentials found in `state`: the AEM admin, and the console user, org and tenant the
    /// seed created.
    public static func seeded(in state: SandboxState) -> SandboxCredentials {
        let admin = state.aem.users.values.filter { $0.isAdmin && $0.password != nil }.min { $0.id < $1.id }
        let adobe = AdobeSeed.login(in: state)
        return SandboxCredentials(
            aemUsername: admin?.id ?? "admin",
            aemPassword: admin?.password ?? "",
            consoleUserToken: adobe.userToken,
            consoleAPIKey: adobe.apiKey,
            imsOrgId: adobe.imsOrgCode,
            consoleOrgId: adobe.amsOrgID,
            targetTenant: adobe.tenant
        )
    }
}

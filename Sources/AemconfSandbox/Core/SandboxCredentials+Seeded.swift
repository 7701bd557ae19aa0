extension SandboxCredentials {
    /// The credentials found in `state`: the AEM admin, and the console user, org and tenant the
    /// seed created.
    public static func seeded(in state: SandboxState) -> SandboxCredentials {
        let admin = state.aem.users.values.filter { $0.isAdmin && $0.password != nil }.min { $0.id < $1.id }
        // TODO(services engineer's seed): console user token, API key, org ids and tenant.
        return SandboxCredentials(
            aemUsername: admin?.id ?? "admin",
            aemPassword: admin?.password ?? ""
        )
    }
}

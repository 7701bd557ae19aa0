/// The default AEM content: admin user, `authentication-service`, the Target cloud-service
/// template, component and dialog.
extension AEMState {
    /// The default AEM seed: SP20, `admin`/`admin`, the `authentication-service` system user.
    public static func defaultSeed(servicePack: Int = 20) -> AEMState {
        var state = AEMState(servicePack: servicePack)
        state.addUser(AEMUser(id: "admin", password: "admin", path: "/home/users/a/admin", isAdmin: true))
        state.addUser(
            AEMUser(id: "authentication-service", password: nil, path: "/home/users/system/authentication-service", isAdmin: false)
        )
        state.ensureNode("/apps/system/config", primaryType: "sling:Folder", intermediateType: "sling:Folder")
        return state
    }
}

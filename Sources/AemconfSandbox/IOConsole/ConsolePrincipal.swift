/// Who calls the console: a console user (user token of the `aio` CLI) or a credential's technical
/// account holding the I/O Management API scope `adobeio_api`.
public struct ConsolePrincipal: Sendable {
    /// The validated token.
    public var token: IMSAccessToken
    /// AMS ids of the organizations the caller may use.
    public var orgIDs: Set<String>
    /// The name recorded as `who_created` / `who_last_modified`.
    public var displayName: String

    /// Finds the principal of a valid token; `nil` when the token belongs to nobody the console knows.
    public static func resolve(_ token: IMSAccessToken, in state: ConsoleState) -> ConsolePrincipal? {
        if let user = state.users.first(where: { $0.id == token.userID }) {
            let orgs = user.roles.filter { $0.value == "ADMIN" || $0.value == "DEVELOPER" }.map(\.key)
            return ConsolePrincipal(token: token, orgIDs: Set(orgs), displayName: user.email)
        }
        if token.scopes.contains("adobeio_api"), let credential = state.credential(clientID: token.clientID),
            credential.technicalAccountID == token.userID
        {
            return ConsolePrincipal(
                token: token, orgIDs: [credential.orgID],
                displayName: credential.technicalAccountEmail)
        }
        return nil
    }
}

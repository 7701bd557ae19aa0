import Foundation

/// Who may call a tenant's Admin API, decided as the gateway and Target do (target.md §1, §5, §9).
public enum TargetAccess {
    /// An authorized caller.
    public struct Principal: Sendable {
        /// The validated token.
        public var token: IMSAccessToken
        /// The tenant called.
        public var tenantID: String
        /// Workspace ids the credential may see: those whose product profile it is subscribed to.
        public var workspaceIDs: [String]
    }

    /// A refusal: by the gateway (401/403 gateway body) or by Target (`ErrorResponse`).
    public enum Failure: Error, Sendable, Equatable {
        /// 401/403 from the adobe.io gateway.
        case gateway(AdobeGateway.Rejection)
        /// An `ErrorResponse` from Target.
        case target(TargetError)
    }

    /// Authorizes a call on `tenant` with the raw `Authorization` and `X-Api-Key` header values.
    ///
    /// Gateway: API key known (403), token valid, unexpired, of that client (401). Target: the tenant
    /// exists (404); the token carries `target_sdk` and belongs to a credential of the tenant's org
    /// subscribed to Adobe Target (403); the visible workspaces are those of its product profiles.
    public static func authorize(
        authorization: String?,
        apiKey: String?,
        tenant: String,
        at now: Date,
        in state: SandboxState
    ) -> Result<Principal, Failure> {
        let token: IMSAccessToken
        switch AdobeGateway.authenticate(authorization: authorization, apiKey: apiKey, at: now, in: state) {
        case .success(let valid): token = valid
        case .failure(let rejection): return .failure(.gateway(rejection))
        }
        guard let tenantState = state.target.tenants[tenant] else {
            return .failure(.target(.notFound("tenant '\(tenant)' does not exist")))
        }
        guard token.scopes.contains("target_sdk"),
            let credential = state.console.credential(clientID: token.clientID),
            let org = state.console.organization(id: credential.orgID), org.code == tenantState.imsOrgCode,
            credential.subscriptions.contains(where: { $0.sdkCode == ConsoleService.targetCode })
        else {
            return .failure(.target(.forbidden("the credential is not allowed to use tenant '\(tenant)'")))
        }
        let profiles = Set(credential.licenseConfigIDs(sdkCode: ConsoleService.targetCode))
        let visible = tenantState.workspaces.filter { profiles.contains($0.productProfileID) }.map(\.id)
        return .success(Principal(token: token, tenantID: tenant, workspaceIDs: visible))
    }
}

import Foundation
import Hummingbird

/// `POST /libs/granite/core/content/login.html/j_security_check` (aem.md §0.1).
enum AEMLogin {
    static func handle(parameters: SandboxForm, store: SandboxStore) async -> Response {
        let username = parameters.value("j_username") ?? ""
        let password = parameters.value("j_password") ?? ""
        let resource = parameters.value("resource").flatMap { $0.isEmpty ? nil : $0 } ?? "/"
        let now = await store.now()
        let token = await store.mutate { state -> String? in
            guard let user = state.aem.users[username], let expected = user.password, expected == password else {
                return nil
            }
            state.aem.loginTokens = state.aem.loginTokens.filter { $0.value.expires > now }
            let value = SandboxRandom.uuid() + ":" + SandboxRandom.uuid()
            state.aem.loginTokens[value] = AEMLoginToken(
                userId: user.id,
                expires: now.addingTimeInterval(TimeInterval(SandboxAssumptions.loginTokenLifetimeSeconds))
            )
            return value
        }
        guard let token else {
            if parameters.value("j_validate") == "true" {
                var response = AEMResponses.errorPage(.forbidden, message: "invalid login")
                response.headers[AEMHTTPField.reason] = "invalid_login"
                return response
            }
            return Response(
                status: .found,
                headers: [.location: AEMResponder.loginPagePath + "?resource=%2F&j_reason=invalid_login"]
            )
        }
        return Response(
            status: .found,
            headers: [
                .location: resource,
                .setCookie: "login-token=\(token); Path=/; HttpOnly",
            ]
        )
    }
}
